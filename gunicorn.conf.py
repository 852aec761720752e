"""Gunicorn settings for Alliance Portal, configured by environment variables.

Used by the Docker image (`gunicorn --config gunicorn.conf.py
alliance_portal.wsgi:application`) and usable as is on a plain host. Gunicorn
reads only the lower-case names it knows; the `_helpers` are ignored by it.
"""

import os


def _env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"gunicorn.conf.py: {name}={value!r} is not a whole number.") from None


def _usable_cpus():
    # The CPUs this process may run on (honours cpusets / `docker --cpuset-cpus`),
    # not every CPU of the host.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- Socket -----------------------------------------------------------------

# PaaS platforms and the Dockerfile tell us the port in PORT; 0.0.0.0 so that it
# is reachable from outside the container. GUNICORN_BIND replaces the whole
# address (e.g. "unix:/run/portal.sock" or "[::]:8000").
bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{_env_int('PORT', 8000)}"

# --- Workers ----------------------------------------------------------------

# Gunicorn's rule of thumb (2 x CPUs + 1), capped at 8: each worker is a full
# Django process (~100 MB), and on a big host the database runs out of
# connections long before the CPUs run out of work.
workers = _env_int("GUNICORN_WORKERS", min(2 * _usable_cpus() + 1, 8))

# More than one thread switches gunicorn to the gthread worker, which also keeps
# idle keep-alive connections without tying up a worker.
threads = _env_int("GUNICORN_THREADS", 1)

# A request taking longer than this has its worker killed and restarted.
timeout = _env_int("GUNICORN_TIMEOUT", 30)

# On SIGTERM (docker stop, a rolling deploy) workers get this long to finish
# their requests. Keep it below the orchestrator's kill delay: Kubernetes waits
# 30 s, `docker stop` only 10 s unless given `-t`/`stop_grace_period`.
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 20)

# Seconds an idle keep-alive connection stays open (gthread only; the sync
# worker closes every connection). Behind a load balancer, set it above the
# balancer's idle timeout so the balancer never reuses a closed connection.
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)

# Recycle each worker after about this many requests, so a slow memory leak
# (image uploads go through Pillow) can never grow without bound. High, because
# a recycled worker starts with an empty page cache and costs a Django start-up:
# at the few thousand cached pages a second two workers serve, 1,000 would
# restart one every second. The jitter keeps the workers from restarting all at
# once. GUNICORN_MAX_REQUESTS=0 turns recycling off.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 100_000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 10)

# The heartbeat file is touched constantly; on a disk-backed /tmp (the default
# in containers) that can stall workers, so use RAM-backed /dev/shm when present.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

proc_name = "alliance-portal"

# --- Proxies ----------------------------------------------------------------

# Addresses whose X-Forwarded-* headers gunicorn believes (comma list, CIDR or
# "*"). Gunicorn's own default is localhost only; set it to the reverse proxy's
# address, or "*" when only the proxy can reach this port. Django trusts
# X-Forwarded-Proto separately, through DJANGO_BEHIND_TLS_PROXY.
forwarded_allow_ips = (
    os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS")
    or os.environ.get("FORWARDED_ALLOW_IPS")
    or "127.0.0.1,::1"
)

# --- Logging ----------------------------------------------------------------

# Both logs to the console, where Docker and systemd collect them; the access
# log also gets the time taken in milliseconds.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# --- Control socket ---------------------------------------------------------

# Gunicorn >= 25.1 opens a control socket in $XDG_RUNTIME_DIR or
# ~/.gunicorn/ by default; two servers on one host would fight over that one
# path, and the image's home is read-only. Off unless a path is given.
_control_socket_path = os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip()
if _control_socket_path:
    control_socket = _control_socket_path
else:
    control_socket_disable = True
