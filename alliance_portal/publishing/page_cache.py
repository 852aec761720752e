"""Whole public pages, cached for anonymous visitors and dropped when content changes.

Every cached page is stored under the current *content generation*, a token
that changes whenever content changes:
- a save, delete or many-to-many change of a content model (each app lists
  its models with `invalidate_on_change()` in its AppConfig.ready);
- the moment a scheduled item becomes public or an item's unpublish time
  passes: the generation knows the next such moment and expires with it, so
  embargoes lift and items disappear on time without a job runner.
A new generation makes every earlier page unreachable at once; old entries
simply time out. Small values every page needs and that follow the content (the
brand stylesheet's version, web/branding.py) are made with the generation and
travel in it (`derive_with_generation`), so pages read them without a query.

The generation lives in the "coordination" cache, which all gunicorn workers
share (Redis, or a small file cache on the host when there is no Redis), so an
edit made through one worker is seen by the others on their next request. The
pages themselves live in the default cache (Redis, or each worker's memory).

Why not Django's per-site cache middleware: it only knows timeouts, not
content changes, and it tells browsers to keep pages for the same time, so an
edit would not show at once. Here browsers get `max-age=0` with an ETag and a
Last-Modified date (ConditionalGetMiddleware answers 304), which makes their
revalidation nearly free.
"""

import hashlib
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re
from django.utils.http import http_date

from .cache_outage import guarded
from .parameters import parameters_of

GENERATION_KEY = "page-cache:generation"
# Headers an outer middleware adds to every response, hit or miss; storing
# them would only duplicate them.
UNSTORED_HEADERS = {"set-cookie", "x-cache"}

_publishable_models = []
# {name: make}: values made with each new generation (see derive_with_generation).
_derived = {}


def coordination_cache():
    return caches["coordination"]


# --- The content generation -------------------------------------------------


def current_generation():
    """{"token", "changed_at", "valid_until"} of the content the public sees now, or
    None while the cache cannot be reached (then nothing is cached)."""
    missing = object()
    generation = guarded(lambda: coordination_cache().get(GENERATION_KEY), fallback=missing)
    if generation is missing:
        return None
    now = time.time()
    if generation is None or (generation["valid_until"] or float("inf")) <= now:
        changed_at = generation["valid_until"] if generation else now
        generation = new_generation(changed_at=changed_at)
    return generation


def new_generation(changed_at=None):
    generation = {
        "token": uuid.uuid4().hex,
        "changed_at": changed_at or time.time(),
        "valid_until": next_scheduled_change(),
        "derived": {name: make() for name, make in _derived.items()},
    }
    stored = guarded(
        lambda: coordination_cache().set(GENERATION_KEY, generation, timeout=None) or True
    )
    return generation if stored else None


def stored_generation():
    """The generation if one is current, without making one (which costs queries):
    None when there is none, it has expired, or the cache cannot be reached."""
    generation = guarded(lambda: coordination_cache().get(GENERATION_KEY))
    if generation is None or (generation["valid_until"] or float("inf")) <= time.time():
        return None
    return generation


def derive_with_generation(name, make):
    """Have `make()` called whenever a new generation starts (once per change of
    content) and its value kept in the generation, where `derived_value(name)` reads
    it. Keep it small: every request reads the generation."""
    _derived[name] = make


def derived_value(name):
    """The value `derive_with_generation(name, …)` made for the current generation, or
    None when no generation is current (nothing is made here: no query)."""
    generation = stored_generation()
    return generation.get("derived", {}).get(name) if generation else None


def cached(key, make, timeout, *, start_generation=True):
    """`make()`'s value, kept under `key` in the content generation: made once per
    generation while the cache answers, made every time while it does not.

    `start_generation=False` for a value cheaper than starting a generation (which
    asks the database what is scheduled): without a current one, it is made, not kept.
    """
    generation = current_generation() if start_generation else stored_generation()
    if generation is None:
        return make()
    key = f"{key}:{generation['token']}"
    value = guarded(lambda: cache.get(key))
    if value is None:
        value = make()
        guarded(lambda: cache.set(key, value, timeout=timeout))
    return value


def content_changed(**kwargs):
    """End the current generation now, and again once the transaction commits.

    The first makes the change visible within this request and its
    transaction; the second drops any page another worker rendered from the
    old data while the transaction was still open. The next request starts
    a new generation.
    """
    forget_generation()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    # Once per transaction is enough: deleting an alliance sends a signal for
    # each of its hundreds of parts.
    pending = (callback for _savepoints, callback, _robust in connection.run_on_commit)
    if forget_generation not in pending:
        transaction.on_commit(forget_generation)


def forget_generation(**kwargs):
    # While the cache is unreachable there is nothing to forget; cached pages from
    # before the outage expire with PAGE_CACHE_SECONDS.
    guarded(lambda: coordination_cache().delete(GENERATION_KEY))


def invalidate_on_change(*models):
    """Pages show these models: any change to one starts a new generation."""
    for model in models:
        uid = f"page-cache:{model._meta.label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}:delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"{uid}:{field.name}")
        if hasattr(model, "publication_state") and model not in _publishable_models:
            _publishable_models.append(model)


def next_scheduled_change():
    """The next moment (a Unix time) an item becomes public or stops being public.

    Two index lookups per publishable model, once per generation, not per page
    (plus what `derive_with_generation` asks for).
    """
    from .models import Publishable

    now = timezone.now()
    moments = []
    for model in _publishable_models:
        published = model.objects.filter(status=Publishable.Status.PUBLISHED)
        for field in ("published_at", "unpublish_at"):
            moment = (
                published.filter(**{f"{field}__gt": now})
                .order_by(field)
                .values_list(field, flat=True)
                .first()
            )
            if moment is not None:
                moments.append(moment.timestamp())
    return min(moments, default=None)


# --- Which requests and responses -------------------------------------------


def is_cacheable_request(request):
    """GETs of public pages by visitors without a session (staff have one)."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)
    )


def is_cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not directives & {"private", "no-store", "no-cache"}


def page_key(request, generation):
    """What the page depends on, or None for a request whose parameters are not valid
    (it gets a 400, which is not kept):

    - the site's address: the configured DJANGO_SITE_URL (`SiteAddressMiddleware` makes
      every request name it), or else the scheme and host asked for, since pages name
      their canonical and alternate URLs absolutely. Reading the host validates it
      against ALLOWED_HOSTS, so a forged Host header gets a 400, never a page;
    - the path, and the parameters the page declares, cleaned and in their declared
      order (`parameters.py`): `?utm_source=…` or `?b=2&a=1` make no new entry;
    - for pages without a language prefix, the language LocaleMiddleware will pick;
    - under PAGE_CACHE_WHOLE_QUERY_PATHS (the API, which refuses what it does not
      declare), the whole query string, sorted: a refused one answers 400, not kept.
    """
    if request.path.startswith(settings.PAGE_CACHE_WHOLE_QUERY_PATHS):
        query = urlencode(sorted(request.GET.lists()), doseq=True)
    else:
        form = parameters_of(request.path_info)(request.GET)
        if not form.is_valid():
            return None
        query = form.query()
    site = settings.SITE_URL or f"{request.scheme}://{request.get_host()}"
    parts = [release_fingerprint(), generation["token"], site, request.path, query]
    language_prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    if not request.path.startswith(language_prefixes):
        parts.append(translation.get_language_from_request(request))
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page-cache:page:{digest}"


_release_fingerprint = None


def release_fingerprint():
    """Changes when templates, translations or static files are deployed anew.

    Redis keeps pages across restarts; a page rendered by the previous release
    could name static files the new release no longer has.
    """
    global _release_fingerprint
    if _release_fingerprint is None:
        digest = hashlib.sha256()
        roots = [Path(settings.BASE_DIR) / "templates", *map(Path, settings.LOCALE_PATHS)]
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        files = [manifest] if manifest.exists() else []
        for root in roots:
            files.extend(sorted(path for path in root.rglob("*") if path.is_file()))
        for path in files:
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        _release_fingerprint = digest.hexdigest()[:16]
    return _release_fingerprint


# --- The middleware ---------------------------------------------------------


class PageCacheMiddleware:
    """Serves anonymous visitors' pages from the cache; stores the ones it renders.

    Place it after WhiteNoise and ConditionalGetMiddleware and before the
    session middleware: a cached page needs neither the session nor the
    database, and the outer middleware still adds the security headers and
    answers If-None-Match / If-Modified-Since with 304.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        try:
            generation = current_generation()
        except DatabaseError:
            # A new generation asks the database what is scheduled. While it is
            # down, the page is rendered and answers 503 (see web/middleware.py).
            return self.get_response(request)
        # No generation: the cache is unreachable (cache_outage.py). No key: the
        # page's parameters are not valid, and it answers 400.
        key = page_key(request, generation) if generation else None
        if key is None:
            return self.get_response(request)
        stored = guarded(lambda: cache.get(key))
        if stored is not None:
            return self.from_stored(stored)
        response = self.get_response(request)
        if request.method == "GET" and is_cacheable_response(response):
            self.store(key, response, generation)
        response["X-Cache"] = "miss"
        return response

    @staticmethod
    def store(key, response, generation):
        # Browsers (and a CDN) revalidate every time; the ETag and the
        # generation's date make that a cheap 304.
        response["Cache-Control"] = "public, max-age=0, must-revalidate"
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(generation["changed_at"])
        if not response.has_header("ETag"):
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            response["ETag"] = f'"{digest}"'
        seconds = settings.PAGE_CACHE_SECONDS
        if generation["valid_until"]:
            seconds = min(seconds, max(int(generation["valid_until"] - time.time()), 1))
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ]
        guarded(lambda: cache.set(key, (response.status_code, headers, response.content), seconds))

    @staticmethod
    def from_stored(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Cache"] = "hit"
        return response
