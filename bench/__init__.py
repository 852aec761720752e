"""`make bench`: the portal under gunicorn and wrk, each page against a bare Django view.

Not an installed app. `python -m bench` runs it (bench/run.py); bench/wsgi.py
serves the portal's URLs plus bench/ceiling/ (bench/urls.py). `python -m bench.lighthouse`
is `make lighthouse` (bench/lighthouse.py), which reuses bench/server.py's gunicorn.
"""
