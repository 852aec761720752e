#!/bin/sh
# Container entry point: apply database migrations, then run the given command
# (the Dockerfile's CMD: gunicorn) in place of this shell, so that it is PID 1
# and receives docker's SIGTERM directly.
#
#   DJANGO_MIGRATE_ON_START  1 (default) migrates first; 0/false/no/off skips it,
#                            for when several replicas start at once and the
#                            migration runs once, in a release step, instead.
#   PYTHON                   interpreter for manage.py (default: python on PATH).
set -eu

# Run from the project directory (this script's parent), wherever we were started.
cd "$(dirname -- "$0")/.."

PYTHON="${PYTHON:-python}"

case "$(printf '%s' "${DJANGO_MIGRATE_ON_START:-1}" | tr '[:upper:]' '[:lower:]')" in
    1|true|yes|on)
        echo "entrypoint: applying database migrations" >&2
        "$PYTHON" manage.py migrate --noinput
        ;;
    0|false|no|off)
        echo "entrypoint: DJANGO_MIGRATE_ON_START is off, not migrating" >&2
        ;;
    *)
        echo "entrypoint: DJANGO_MIGRATE_ON_START=${DJANGO_MIGRATE_ON_START} is not a" \
            "yes/no value: use 1 or 0, true or false." >&2
        exit 64
        ;;
esac

if [ "$#" -eq 0 ]; then
    set -- gunicorn --config gunicorn.conf.py alliance_portal.wsgi:application
fi
exec "$@"
