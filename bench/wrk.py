"""Running wrk against one URL and reading its report."""

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

THREADS = 2
CONNECTIONS = 16
# wrk's default of 2 s would drop slow answers from the latencies as "timeout" errors.
TIMEOUT_SECONDS = 10
# Requests the paths of a file in turn, so that no two requests ask for the same one.
ROTATE_SCRIPT = Path(__file__).with_name("rotate.lua")

LATENCY_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


@dataclass
class WrkResult:
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int = 0  # wrk counts answers that are neither 2xx nor 3xx
    socket_errors: dict = field(default_factory=dict)  # connect, read, write, timeout

    @property
    def errors(self):
        return self.non_2xx + sum(self.socket_errors.values())


class WrkOutputError(ValueError):
    pass


def latency_ms(text):
    """wrk's "4.84ms", "812.00us" or "1.02s" in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise WrkOutputError(f"not a wrk latency: {text!r}")
    return float(match[1]) * LATENCY_UNITS_MS[match[2]]


def parse_wrk_output(output):
    """The figures of a `wrk --latency` report."""

    def find(pattern):
        match = re.search(pattern, output, re.MULTILINE)
        if not match:
            raise WrkOutputError(f"wrk's report has no line matching {pattern!r}:\n{output}")
        return match

    socket_errors = {}
    if match := re.search(r"^\s*Socket errors: (.+)$", output, re.MULTILINE):
        for part in match[1].split(","):
            name, count = part.split()
            socket_errors[name] = int(count)
    non_2xx = re.search(r"^\s*Non-2xx or 3xx responses: (\d+)", output, re.MULTILINE)
    return WrkResult(
        requests=int(find(r"^\s*(\d+) requests in ")[1]),
        requests_per_second=float(find(r"^Requests/sec:\s+([\d.]+)")[1]),
        p50_ms=latency_ms(find(r"^\s*50(?:\.000)?%\s+(\S+)")[1]),
        p99_ms=latency_ms(find(r"^\s*99(?:\.000)?%\s+(\S+)")[1]),
        non_2xx=int(non_2xx[1]) if non_2xx else 0,
        socket_errors=socket_errors,
    )


def wrk_version():
    # `wrk -v` prints its version line, then the usage, and exits with 1.
    done = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    return (done.stdout or done.stderr).splitlines()[0].partition(" Copyright")[0].strip()


def wrk_available():
    return shutil.which("wrk") is not None


def run_wrk(url, seconds, *, script_args=None):
    """Load `url` for `seconds`; with `script_args`, rotate through a list of paths instead.

    script_args: (paths file, "forward" or "backward") for rotate.lua, which
    also needs the thread count.
    """
    command = [
        "wrk",
        f"--threads={THREADS}",
        f"--connections={CONNECTIONS}",
        f"--duration={seconds}s",
        f"--timeout={TIMEOUT_SECONDS}s",
        "--latency",
    ]
    if script_args:
        command += ["--script", str(ROTATE_SCRIPT), url, "--", *map(str, script_args), str(THREADS)]
    else:
        command.append(url)
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise WrkOutputError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return parse_wrk_output(done.stdout)
