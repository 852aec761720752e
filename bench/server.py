"""gunicorn for one phase of the bench: started, asked, measured, stopped."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
STARTUP_SECONDS = 60


class ServerError(RuntimeError):
    pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path, timeout=60):
    """(status, headers, body) of one plain GET; redirects are not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class Gunicorn:
    """The project's gunicorn settings with bench/wsgi.py, 2 workers, no recycling.
    `config` and `app` replace bench/gunicorn.conf.py and bench/wsgi.py (the Lighthouse
    run serves the portal itself, with the project's gunicorn.conf.py)."""

    def __init__(
        self,
        env,
        log_path,
        config=ROOT / "bench" / "gunicorn.conf.py",
        app="bench.wsgi:application",
    ):
        self.port = free_port()
        self.log_path = log_path
        self.config = config
        self.app = app
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(WORKERS),
            # Recycling would cost throughput and hide memory growth.
            "GUNICORN_MAX_REQUESTS": "0",
            "GUNICORN_LOG_LEVEL": "warning",
        }
        self.process = None

    @property
    def settings(self):
        names = ("GUNICORN_WORKERS", "GUNICORN_MAX_REQUESTS")
        return {name: self.env[name] for name in names}

    def start(self):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(self.config),
            self.app,
        ]
        # A session (process group) of its own, so that stop() ends the workers too.
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.wait_until_healthy()

    def wait_until_healthy(self):
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
            try:
                status, _, _ = get(self.port, "/healthz", timeout=5)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise ServerError(f"/healthz did not answer 200 within {STARTUP_SECONDS} s:\n{self.log()}")

    def log(self, lines=40):
        try:
            return "\n".join(self.log_path.read_text().splitlines()[-lines:])
        except OSError:
            return ""

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def worker_pids(self):
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The parent pid is the second field after the command in parentheses.
            parent = int(stat.rpartition(")")[2].split()[1])
            if parent == self.process.pid:
                pids.append(int(entry.name))
        return sorted(pids)

    def worker_memory_mb(self):
        """{pid: resident memory in MB} of each worker (VmRSS)."""
        memory = {}
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    memory[pid] = int(line.split()[1]) / 1024
        return memory

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        group = os.getpgid(self.process.pid)
        os.killpg(group, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            self.process.wait()
        # Workers that outlived their master would keep the port and memory.
        try:
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            pass
