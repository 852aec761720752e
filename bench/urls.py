"""The portal's URLs plus the ceiling view, served only by bench/wsgi.py."""

from django.urls import path

from alliance_portal.urls import urlpatterns as portal_urlpatterns

from .views import ceiling

urlpatterns = [
    path("bench/ceiling/", ceiling, name="bench-ceiling"),
    *portal_urlpatterns,
]
