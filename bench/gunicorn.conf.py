"""The project's gunicorn.conf.py with the access log off, for the bench.

Everything else (workers, timeouts, heartbeat directory…) is the project's,
read from the environment as in production.
"""

import runpy
from pathlib import Path

globals().update(
    (name, value)
    for name, value in runpy.run_path(
        str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py")
    ).items()
    if not name.startswith("__")
)
# Writing a line per request would cost the ceiling more than the pages.
accesslog = None
