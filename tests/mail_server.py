"""A real SMTP server in the test process (aiosmtpd), and a real worker process.

`smtp_server` collects every message it accepts, parsed as a mail program would;
`start_worker` runs `manage.py run_worker` as a subprocess against the test database
and this server, the way `make run` and production run it.
"""

import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from email import policy
from pathlib import Path

from aiosmtpd.controller import Controller
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailSink:
    """The server's handler: keeps what it accepted, to whom, in order."""

    def __init__(self):
        self.messages = []
        self.condition = threading.Condition()
        # Called before a message is accepted, with its recipients; may block or raise.
        self.before_accepting = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.before_accepting is not None:
            answer = self.before_accepting(envelope.rcpt_tos)
            if answer:
                return answer
        # Lines end in CRLF on the wire; a mail program shows them as plain newlines.
        content = envelope.content.replace(b"\r\n", b"\n")
        message = email.message_from_bytes(content, policy=policy.default)
        message.recipients = list(envelope.rcpt_tos)
        if message["Subject"] is not None:
            # Django folds a long encoded subject onto the next line; mail programs
            # show it without the whitespace the unfolding leaves in front.
            message.replace_header("Subject", message["Subject"].strip())
        with self.condition:
            self.messages.append(message)
            self.condition.notify_all()
        return "250 Message accepted for delivery"

    def to(self, address):
        return [message for message in self.messages if address in message.recipients]

    def wait_for(self, count, timeout=60):
        """The messages, once at least `count` have arrived (fails after `timeout` s)."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"{len(self.messages)} mails arrived in {timeout} s, expected {count}"
                    )
                self.condition.wait(left)
            return list(self.messages)


class SMTPServer:
    def __init__(self):
        self.sink = MailSink()
        self.port = free_port()
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    @property
    def messages(self):
        return self.sink.messages


def database_url():
    """The address of the database this test runs on, for another process."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def descendants_of(pid):
    """The ids of every living process started by `pid`, at any depth (Linux /proc)."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name in parentheses may hold spaces: the fields after it are fixed.
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # ended while we looked
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def running(pid):
    """Whether `pid` still runs (a zombie waiting for its parent's wait() does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


class WorkerProcess:
    """`manage.py run_worker` in its own process, on the test database."""

    def __init__(self, smtp_port, log_path, extra_env=None):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": database_url(),
            "DJANGO_EMAIL_HOST": "127.0.0.1",
            "DJANGO_EMAIL_PORT": str(smtp_port),
            "DJANGO_SITE_URL": "https://alliances.example.org",
            # A dead worker's claims are taken over after 2 s, and the sweep runs
            # every second: tests need not wait minutes.
            "DJANGO_ALERT_CLAIM_TIMEOUT": "2",
            "DJANGO_WORKER_SWEEP_SECONDS": "1",
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self.log_path = log_path
        self.process = None

    def start(self):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            # A group of its own: RQ's worker forks a scheduler and a work horse per
            # job, and killing the worker means killing all of them, as a container stop does.
            start_new_session=True,
        )
        return self

    @property
    def pid(self):
        return self.process.pid

    def signal_all(self, number):
        """Signal the worker and every process it started, as a container stop does.

        The process group alone is not enough: RQ's work horse calls setpgrp() and
        would live on, finishing the very mail the test means to cut off.
        """
        for pid in [self.process.pid, *descendants_of(self.process.pid)]:
            try:
                os.killpg(pid, number)
            except (ProcessLookupError, PermissionError):
                try:
                    os.kill(pid, number)
                except ProcessLookupError:
                    pass

    def kill(self):
        """Dead at once, as by the OOM killer or a pulled plug: nothing is cleaned up."""
        tree = descendants_of(self.process.pid)
        self.signal_all(signal.SIGKILL)
        self.process.wait(10)
        deadline = time.monotonic() + 10
        while (alive := [pid for pid in tree if running(pid)]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive, f"worker processes {alive} outlived the kill"

    def stop(self):
        if self.process is not None:
            self.signal_all(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                pass
            # Whatever of the group is left (RQ's scheduler, a work horse).
            self.signal_all(signal.SIGKILL)
            self.process.wait(10)
        self.log.close()

    def output(self):
        return Path(self.log_path).read_text(errors="replace")


def run_queued_tasks():
    """Run the queued tasks that are due in this process, with the database backend's
    own worker (`db_worker --batch`), inside the test's transaction: the worker's
    habit of closing idle connections would close the test's."""
    from io import StringIO
    from unittest import mock

    from django.core.management import call_command

    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("db_worker", batch=True, reload=False, startup_delay=False, stdout=StringIO())
