# Alliance Portal: gunicorn serving Django, static files by whitenoise.
#
#   docker build -t alliance-portal .
#   docker run -p 8000:8000 -e DJANGO_SECRET_KEY=... -e DJANGO_ALLOWED_HOSTS=... \
#       -e DATABASE_URL=postgres://... alliance-portal
#
# Migrations run at start-up (docker/entrypoint.sh) unless DJANGO_MIGRATE_ON_START=0.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_MEDIA_ROOT=/app/media \
    DATABASE_URL=sqlite:////app/data/db.sqlite3

# gettext provides msgfmt, which compilemessages needs below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

# The server runs as this user; it owns nothing but the media directory.
RUN groupadd --system portal \
    && useradd --system --gid portal --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin portal

WORKDIR /app

# Dependencies first: this layer is rebuilt only when requirements.txt changes.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# Translations and static files are built into the image. Settings refuse to
# load without a secret key and host names when debug is off, so these two
# commands get throwaway ones; they are not kept in the image's environment.
RUN export DJANGO_SECRET_KEY=build-time-only-not-a-secret DJANGO_ALLOWED_HOSTS=build \
    && python manage.py compilemessages \
    && python manage.py collectstatic --noinput

# Uploads live outside the image; the directory must exist and belong to portal
# before it is declared a volume, so that a fresh volume inherits that owner.
# The SQLite default lives in /app/data; set DATABASE_URL for PostgreSQL.
RUN mkdir -p /app/media /app/data && chown portal:portal /app/media /app/data
VOLUME ["/app/media", "/app/data"]

EXPOSE 8000

# No curl in slim images: ask /healthz with Python. It answers 503 when the
# database is unreachable, which urlopen raises as an error: exit 1, unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${PORT:-8000}/healthz', timeout=4)" || exit 1

USER portal

ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "--config", "gunicorn.conf.py", "alliance_portal.wsgi:application"]
