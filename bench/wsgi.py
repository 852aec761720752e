"""The portal's WSGI application with bench/urls.py as its root URLs.

Everything else (settings from the environment, middleware) is the portal's
own, so the ceiling view costs what any page costs before its own work.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance_portal.settings")
settings.ROOT_URLCONF = "bench.urls"

application = get_wsgi_application()
