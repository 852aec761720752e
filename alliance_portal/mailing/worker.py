"""The worker: runs queued tasks, and every few seconds looks for work nobody queued.

Two kinds of work have no one to queue them: a release whose time has come (nobody
saves anything at that moment) and work of a worker that died half-way (its task
stays "running" for ever). Sweeps find both; they are idempotent, so any number of
workers may run them at once.
"""

import logging
import threading

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections

logger = logging.getLogger(__name__)


def sweep_forever(sweeps, stop, interval):
    """Run every sweep now and then every `interval` seconds until `stop` is set."""
    while not stop.is_set():
        for sweep in sweeps:
            close_old_connections()
            try:
                sweep()
            except Exception:
                # A database or broker hiccup: the next round tries again.
                logger.exception("Sweep %s failed", sweep.__name__)
        close_old_connections()
        stop.wait(interval)


def uses_rq():
    return settings.TASKS["default"]["BACKEND"].startswith("django_tasks_rq")


def run(sweeps, *, interval=None, stdout=None):
    """Sweep in a thread beside the task backend's own worker, until that stops."""
    stop = threading.Event()
    sweeper = threading.Thread(
        target=sweep_forever,
        args=(sweeps, stop, interval or settings.WORKER_SWEEP_SECONDS),
        name="sweeper",
        daemon=True,
    )
    sweeper.start()
    try:
        if uses_rq():
            # RQ's own scheduler runs the tasks queued for later (retries).
            call_command(
                "rqworker",
                "default",
                with_scheduler=True,
                job_class="django_tasks_rq.Job",
                stdout=stdout,
            )
        else:
            call_command("db_worker", reload=False, interval=1, stdout=stdout)
    finally:
        stop.set()
