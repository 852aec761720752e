"""When the cache cannot be reached, pages and PDFs are made without it.

Every read and write of the page cache, the PDF cache and the content generation goes
through `guarded()`. When the cache fails (Redis stopped or unreachable, the file
cache's disk full), the operation gives its fallback, and the caches are left alone for
RETRY_SECONDS: a lost Redis must not cost every request a connection attempt. One
short warning is logged per WARNING_INTERVAL while it lasts, never a traceback per
request, and `/healthz` says "degraded" (still 200: the portal answers).

Errors that are not about reaching the cache (a value that cannot be pickled, say) are
bugs and are raised as usual.
"""

import logging
import time

from django.core.cache import caches
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Refused or lost connections, timeouts (redis-py's own, and OSError for sockets and files).
CACHE_ERRORS = (RedisError, OSError)
RETRY_SECONDS = 5
WARNING_INTERVAL = 60
PROBE_KEY = "cache-outage:probe"


class _Outage:
    failing_since = None  # monotonic time of the first failure, None while all is well
    retry_at = 0.0
    warned_at = None


_outage = _Outage()


def guarded(operation, fallback=None):
    """`operation()`, or `fallback` while the cache cannot be reached."""
    now = time.monotonic()
    if now < _outage.retry_at:
        return fallback
    try:
        result = operation()
    except CACHE_ERRORS as error:
        _record_failure(error, now)
        return fallback
    if _outage.failing_since is not None:
        logger.warning(
            "Cache reachable again after %d s: pages and PDFs are cached again.",
            now - _outage.failing_since,
        )
        _outage.failing_since = None
        _outage.warned_at = None
    return result


def _record_failure(error, now):
    if _outage.failing_since is None:
        _outage.failing_since = now
    _outage.retry_at = now + RETRY_SECONDS
    if _outage.warned_at is None or now - _outage.warned_at >= WARNING_INTERVAL:
        _outage.warned_at = now
        logger.warning(
            "Cache unreachable (%s: %s): pages and PDFs are made without it; "
            "trying again every %d s.",
            type(error).__name__,
            error,
            RETRY_SECONDS,
        )


def is_degraded():
    """Whether the caches answered when last asked; asks them if it is time to."""
    guarded(lambda: [caches[name].get(PROBE_KEY) for name in ("default", "coordination")])
    return _outage.failing_since is not None


def reset():
    """Forget any outage (tests)."""
    _outage.failing_since = None
    _outage.retry_at = 0.0
    _outage.warned_at = None
