"""The portal's WSGI application, plus its uploads at MEDIA_URL, for `make lighthouse`.

In production the web server in front of gunicorn (or S3) serves /media/; with debug
off the portal does not. Here whitenoise stands in for it, so that pages show their
logos and pictures instead of logging 404s. Everything else is alliance_portal.wsgi's.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from alliance_portal.wsgi import application as portal

# A day, as a front server might keep upload renditions (their names do not change
# with their content, so not for ever).
application = WhiteNoise(portal, max_age=24 * 60 * 60)
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)
