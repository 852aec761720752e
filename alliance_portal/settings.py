"""Settings for Alliance Portal.

One file, configured by environment variables only. Every variable read here is
listed in the README's configuration table; the `env_*` helpers below are the
one place where they are parsed.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_bool(name, default=False):
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes/no value: use 1 or 0, true or false."
    )


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


# --- Core -------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG off the portal refuses "
            "to start without a secret key: set DJANGO_SECRET_KEY to a long random "
            "string (for example the output of `python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'`), or set DJANGO_DEBUG=1 for local work."
        )
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "insecure-local-development-key-never-used-in-production"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default="localhost,127.0.0.1,[::1]" if DEBUG else ""
)
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. With DJANGO_DEBUG off, name the host names "
        "the portal answers to, separated by commas (for example "
        "DJANGO_ALLOWED_HOSTS=alliances.example.org)."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")


def site_url(value):
    """DJANGO_SITE_URL as "https://host[:port]", or "" when it is not set."""
    if not value:
        return ""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ImproperlyConfigured(
            f"DJANGO_SITE_URL={value!r} is not a site address: give scheme and host only, "
            "such as https://alliances.example.org."
        )
    return f"{parts.scheme}://{parts.netloc}"


# The public address of the portal. Public pages, feeds and sitemaps name it in their
# links whatever Host a request came with, and the page cache keeps one copy of a page
# for all of them (web/middleware.py, SiteAddressMiddleware).
SITE_URL = site_url(os.environ.get("DJANGO_SITE_URL", ""))

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    # History and undo of content in the admin.
    "reversion",
    # Counts failed admin logins and locks out username + address pairs.
    "axes",
    # django-csp: the Content-Security-Policy header (see MIDDLEWARE).
    "csp",
    # The rich-text editor's static files and checks (alliance_portal/richtext/fields.py).
    "django_prose_editor",
    # Background work on Django's task API (the backport of Django 6's django.tasks):
    # a worker in the database by default, RQ on Redis with REDIS_URL (see TASKS).
    "django_tasks",
    "django_tasks_db",
    *(["django_rq"] if os.environ.get("REDIS_URL") else []),
    # The read API (alliance_portal/opendata); listed for its Swagger UI static files,
    # which then come from our own server, not a CDN.
    "ninja",
    "corsheaders",
    "alliance_portal",
    "members",
    "news",
    "statements",
]

MIDDLEWARE = [
    # The three header middlewares come first so that every response gets their
    # headers: /healthz, whitenoise's static files and the 503 page included.
    "django.middleware.security.SecurityMiddleware",
    "alliance_portal.web.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Answers /healthz before host validation (CommonMiddleware); the HTTPS
    # redirect skips it (SECURE_REDIRECT_EXEMPT): load balancers and the Docker
    # HEALTHCHECK call it by IP over plain HTTP.
    "alliance_portal.web.middleware.HealthCheckMiddleware",
    # With DJANGO_SITE_URL: a public page's request names the site's address
    # (after checking its own Host), so links and the page cache ignore the Host.
    "alliance_portal.web.middleware.SiteAddressMiddleware",
    # CORS headers for the read API (CORS_URLS_REGEX), on cached answers too and on
    # preflight requests, which it answers itself.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Gzip for visitors' pages, feeds and downloads (not the admin or staff: BREACH);
    # above ConditionalGetMiddleware, so ETags and 304s are those of the plain page.
    "alliance_portal.web.middleware.PublicGZipMiddleware",
    # 304 answers to If-None-Match / If-Modified-Since, for cached pages too.
    "django.middleware.http.ConditionalGetMiddleware",
    # Approvals scheduled for a time go live on the first request after it, before
    # any page is served (alliance_portal/publishing/review.py).
    "alliance_portal.publishing.review.DueChangesMiddleware",
    # Anonymous visitors' pages, served before the session or the database
    # is touched (alliance_portal/publishing/page_cache.py).
    "alliance_portal.publishing.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After LocaleMiddleware: the 503 page speaks the visitor's language.
    "alliance_portal.web.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alliance_portal.urls"
WSGI_APPLICATION = "alliance_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # {{ CSP_NONCE }} for the admin's inline import map, if any.
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database and cache -----------------------------------------------------

# SQLite builds covering indexes (`Index(include=…)`, members.Membership) without their
# extra columns and says so on every command; PostgreSQL, where they matter, has them.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Connections are kept for DJANGO_CONN_MAX_AGE seconds and health-checked
# before reuse, so a connection broken by a database restart is dropped and
# the next request connects afresh: the portal recovers by itself.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The server and the worker write to one file: writers take the lock when their
    # transaction begins and wait up to 20 s for it, and readers never wait (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database host fails a request in seconds (a 503 page),
    # long before gunicorn's timeout would kill and restart the worker.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DJANGO_DB_CONNECT_TIMEOUT", 5
    )
    # A portal this size is read from memory or SSD, where a page read at random costs
    # about what the next page does. PostgreSQL's default of 4 assumes spinning disks
    # and then often reads a whole table, or thousands of rows in index order, where
    # an index lookup is many times faster (a search: 10 ms instead of 120 ms). Set at
    # connection time, so it costs no query; empty keeps the server's setting (needed
    # behind a pooler that refuses startup options).
    random_page_cost = os.environ.get("DJANGO_DB_RANDOM_PAGE_COST", "1.1").strip()
    if random_page_cost:
        try:
            float(random_page_cost)
        except ValueError:
            raise ImproperlyConfigured(
                f"DJANGO_DB_RANDOM_PAGE_COST={random_page_cost!r} is not a number."
            ) from None
        DATABASES["default"]["OPTIONS"]["options"] = f"-c random_page_cost={random_page_cost}"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    REDIS_CACHE = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "alliance-portal",
        # A Redis that does not answer within a second counts as lost: pages are then
        # made without the cache (publishing/cache_outage.py) instead of waiting.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    CACHES = {"default": REDIS_CACHE, "coordination": REDIS_CACHE}
else:
    # Each worker keeps pages in its own memory; the few bytes all workers on
    # the host must agree on (alliance_portal/publishing/page_cache.py) go to a file cache.
    CACHE_DIR = Path(
        os.environ.get("DJANGO_CACHE_DIR")
        or Path(tempfile.gettempdir()) / f"alliance-portal-{BASE_DIR.name}-cache"
    )
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "coordination": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": CACHE_DIR,
        },
    }

# --- Background work and mail -----------------------------------------------

# Tasks (mail, e-mail alerts) are queued in the database and run by `manage.py
# run_worker`, which `make run` starts beside the server. With REDIS_URL they go
# to RQ on that Redis instead, for workers on several machines.
if REDIS_URL:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Mail goes out through SMTP, configured by environment; without a host, `make run`
# (debug on) prints every message to the console instead.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
if EMAIL_HOST or not DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "DJANGO_EMAIL_USE_TLS and DJANGO_EMAIL_USE_SSL exclude each other: STARTTLS on "
        "port 587 is TLS, a TLS connection from the start on port 465 is SSL."
    )
# An SMTP server that does not answer in this many seconds fails the attempt,
# which is then retried later (alliance_portal/mailing/tasks.py).
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Alliance Portal <presse@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A delivery a worker claimed but did not finish within this many seconds counts
# as abandoned (its worker died) and is sent again (alliance_portal/alerts/sending.py).
ALERT_CLAIM_TIMEOUT = env_int("DJANGO_ALERT_CLAIM_TIMEOUT", 120)
# How often the worker looks for releases that have come and work left undone.
WORKER_SWEEP_SECONDS = env_int("DJANGO_WORKER_SWEEP_SECONDS", 15)

# Whole public pages are cached for visitors without a session for at most
# this long; content changes drop them at once (0 turns the page cache off).
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 600)
# On PostgreSQL, the most a search query may take (alliance_portal/web/search.py).
SEARCH_TIMEOUT_MS = env_int("DJANGO_SEARCH_TIMEOUT_MS", 250)
# Not public pages: the admin, the language switch, the health check, the icons and
# manifest at the root (browsers keep them for a week or an hour, which the page cache
# would turn into 0), and the brand stylesheet (kept a year under its version, and
# cached by content generation itself).
PAGE_CACHE_EXCLUDED_PATHS = (
    "/admin/",
    "/i18n/",
    "/healthz",
    "/favicon.ico",
    "/apple-touch-icon",
    "/manifest.webmanifest",
    "/brand.css",
)
# Addresses whose whole query string makes the cached page (page_cache.page_key): the
# API refuses parameters it does not declare, so none of them is noise.
PAGE_CACHE_WHOLE_QUERY_PATHS = ("/api/",)
# How often an open change form in the admin says "still open here" to the others
# (alliance_portal/publishing/presence.py); well under its PRESENCE_SECONDS (90).
ADMIN_PRESENCE_INTERVAL_MS = 30_000

# --- The read API (alliance_portal/opendata) -----------------------------------

# Any site may read the API from a browser; it has only GET, and no cookie counts.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Content-Language", "Link")
# The licence of the published data, named in the API, its documentation and the
# full download.
OPEN_DATA_LICENCE = os.environ.get(
    "DJANGO_OPEN_DATA_LICENCE", "Creative Commons Attribution 4.0 International (CC BY 4.0)"
)
OPEN_DATA_LICENCE_URL = os.environ.get(
    "DJANGO_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)

# --- Languages and time -----------------------------------------------------

LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "alliance_portal" / "locale"]
USE_I18N = True
# English dates as press releases write them: alliance_portal/formats/en/formats.py.
FORMAT_MODULE_PATH = ["alliance_portal.formats"]
USE_TZ = True
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE") or "Europe/Berlin"

# django-modeltranslation: German is the default and the fallback for English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("de",)}
# The admin's translation tabs need jQuery UI: served from our static files,
# never from a CDN.
JQUERY_UI_URL = "vendor/jquery-ui-1.14.2/jquery-ui.min.js"

# --- Static files and media -------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL") or "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Media on S3-compatible storage (AWS, MinIO, Ceph…) once a bucket is named.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", default=False),
        },
    }

# Django 6 will assume https for URLs typed without a scheme; do so already.
FORMS_URLFIELD_ASSUME_HTTPS = True

# Uploads: keep large files out of memory; the image limits live with the models.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Authentication ---------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# django-axes checks every login attempt first; ModelBackend then logs in.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After DJANGO_LOGIN_FAILURE_LIMIT failed logins for one username from one
# address, that pair is refused for DJANGO_LOGIN_LOCKOUT_MINUTES. Counting the
# pair (not the username alone) means an attacker elsewhere cannot lock staff
# out, and one busy office address does not lock out every colleague.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "alliance_portal.web.login_protection.locked_out_response"
AXES_CLIENT_IP_CALLABLE = "alliance_portal.web.login_protection.client_ip_address"
# Reverse proxies in front of gunicorn that append to X-Forwarded-For; 0 means
# gunicorn is reached directly and REMOTE_ADDR is the visitor's address.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

# Only staff have sessions (the public site has no login): a working day.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_COOKIE_AGE", 8 * 60 * 60)

# --- Security ---------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# /healthz is answered over plain HTTP (see MIDDLEWARE).
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # Browsers accept __Host- cookies only if Secure, for this exact host and
    # path /: no subdomain or plain-HTTP page can set or shadow them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    if env_bool("DJANGO_BEHIND_TLS_PROXY", default=False):
        # The proxy terminates TLS and says so in X-Forwarded-Proto.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Content-Security-Policy and Permissions-Policy --------------------------


def url_origin(url):
    """scheme://host[:port] of an absolute URL; "" for a path such as /media/."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def media_origins(media_url, bucket_name="", storage_options=None):
    """Where uploaded images are served from, if not from this site itself."""
    origins = [url_origin(media_url)]
    if bucket_name:
        options = storage_options or {}
        if options.get("custom_domain"):
            origins.append(f"https://{options['custom_domain']}")
        elif options.get("endpoint_url"):
            origins.append(url_origin(options["endpoint_url"]))
        else:
            region = f".{options['region_name']}" if options.get("region_name") else ""
            origins.append(f"https://{bucket_name}.s3{region}.amazonaws.com")
    return [origin for origin in origins if origin]


MEDIA_ORIGINS = media_origins(
    MEDIA_URL, AWS_STORAGE_BUCKET_NAME, STORAGES["default"].get("OPTIONS")
)

# Public pages ship no JavaScript at all (JSON-LD blocks are data, never run),
# no inline styles and nothing from other sites but uploaded images.
PUBLIC_CSP_DIRECTIVES = {
    "default-src": [NONE],
    "script-src": [NONE],
    "style-src": [SELF],
    "img-src": [SELF, *MEDIA_ORIGINS],
    "font-src": [SELF],
    # The web-app manifest (/manifest.webmanifest), which default-src 'none' would block.
    "manifest-src": [SELF],
    # Same origin only, and no script may run to use it: lets auditing tools read
    # /robots.txt from inside a page (Lighthouse's robots-txt audit).
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": PUBLIC_CSP_DIRECTIVES}
# The admin runs Django's, modeltranslation's and the rich-text editor's
# scripts, all served from our static files: script-src stays 'self' plus a
# per-request nonce that templates may use for an inline import map
# (request.csp_nonce; the nonce is only sent when a template asked for it).
# Styles allow 'unsafe-inline' because ProseMirror/Tiptap editors inject a
# <style> element and set style attributes; no script can run from a style.
# data: images are the admin's and jQuery UI's inline icons.
ADMIN_CSP_DIRECTIVES = {
    **PUBLIC_CSP_DIRECTIVES,
    "script-src": [SELF, NONCE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", *MEDIA_ORIGINS],
    "connect-src": [SELF],
}
# A PDF shown in the browser's own viewer: that viewer's page needs inline
# styles and to embed the PDF (object-src); nothing else is allowed.
PDF_CSP_DIRECTIVES = {
    "default-src": [NONE],
    "style-src": [UNSAFE_INLINE],
    "object-src": [SELF],
    "base-uri": [NONE],
    "form-action": [NONE],
    "frame-ancestors": [NONE],
}
ADMIN_PATH_PREFIX = "/admin/"
# The API's Swagger UI (alliance_portal/opendata): it runs our own two script files and
# reads the OpenAPI document from here; its stylesheet draws icons as data: images.
# Nothing inline, no other host. (The docs page in the portal's design, /<lang>/api/,
# has no script and the public pages' policy.)
API_DOCS_PATHS = ("/api/v1/docs",)
API_DOCS_CSP_DIRECTIVES = {
    **PUBLIC_CSP_DIRECTIVES,
    "script-src": [SELF],
    "img-src": [SELF, "data:", *MEDIA_ORIGINS],
}

# django-permissions-policy: no page of ours needs any of these features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
