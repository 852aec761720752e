"""`python -m bench.lighthouse` (`make lighthouse`): Lighthouse on three public pages of
the portal as production runs it.

The portal runs under gunicorn with the project's gunicorn.conf.py and
alliance_portal.wsgi, debug off, whitenoise's compressed manifest storage (collectstatic
into a temporary folder), a throwaway secret key, and a SQLite database in the same
temporary folder, migrated and filled with the demo content. Plain HTTP on 127.0.0.1, so
only what HTTPS would need is changed: no redirect to HTTPS (DJANGO_SECURE_SSL_REDIRECT=0).
HSTS and the `__Host-` cookies stay as deployed: Django sends HSTS on HTTPS requests only,
and public pages set no cookie.

Lighthouse (pinned, in .tools/lighthouse, installed by `make lighthouse`) runs in
Debian's Chromium, mobile form factor (its default), with the categories performance,
accessibility, best practices and SEO, on the home page, the Deutsche Aluminium-Allianz
and the first published press statement that /de/press/ lists (the newest). Uploads are
served at /media/ as the web server in front would (bench/lighthouse_wsgi.py). Each page
is asked for once first, as a visitor before would have (it must answer 200), so
Lighthouse sees the page cache as deployed.

Prints each page's LCP element, a table of the scores and, per page, the audits that did
not pass, worst first, with the elements or files they name. Lighthouse's robots-txt
audit is skipped while the pages' CSP forbids fetch() (it reads robots.txt from inside
the page and would fail whatever the file says); this script reads /robots.txt itself.
Exits 1 when a page misses a threshold or robots.txt is wrong, 2 if Lighthouse could not
run. Reports (JSON and HTML) go to bench/tmp/lighthouse/. Environment:

- LIGHTHOUSE: the lighthouse executable (.tools/lighthouse/node_modules/.bin/lighthouse).
- CHROME_PATH: the browser (/usr/bin/chromium).
- LIGHTHOUSE_RUNS: runs per page; the run with the median performance score counts (1).
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT_DIR = ROOT / "bench" / "tmp" / "lighthouse"
DEFAULT_LIGHTHOUSE = ROOT / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
DEFAULT_CHROME = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CATEGORY_TITLES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
# The lowest score (0-100) each category may have.
THRESHOLDS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
ALLIANCE_SLUG = "deutsche-aluminium-allianz"
LANGUAGE = "de"
LIGHTHOUSE_SECONDS = 180
# Failing audits printed per page, and items (elements, URLs) per audit.
MAX_AUDITS = 15
MAX_ITEMS = 5


def say(text=""):
    print(text, flush=True)


@dataclass
class Page:
    name: str
    path: str


@dataclass
class Failure:
    category: str
    id: str
    title: str
    score: float | None
    weight: float
    display_value: str = ""
    items: list = field(default_factory=list)

    @property
    def cost(self):
        """Points of the category's score this audit costs (0 for unweighted ones)."""
        return self.weight * (1 - (self.score or 0))


@dataclass
class Result:
    page: Page
    scores: dict  # category: 0-100, or None when Lighthouse could not score it
    failures: list
    report_path: Path

    def missed(self):
        return [
            category
            for category, minimum in THRESHOLDS.items()
            if self.scores.get(category) is None or self.scores[category] < minimum
        ]


def lighthouse_environment(workdir):
    """Production settings for plain HTTP on 127.0.0.1; everything in `workdir`."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "GUNICORN_", "AWS_"))
        and name not in {"DATABASE_URL", "REDIS_URL", "PORT", "FORWARDED_ALLOW_IPS"}
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "alliance_portal.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP: no redirect to https://. HSTS needs nothing (sent on HTTPS only).
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_CACHE_DIR": str(workdir / "cache"),
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "PYTHONUNBUFFERED": "1",
    }


def pages():
    """The three pages, found in the database (needs Django set up)."""
    from django.urls import reverse
    from django.utils import translation

    from alliance_portal.models import Alliance
    from statements.models import PressStatement

    with translation.override(LANGUAGE):
        alliance = Alliance.objects.published().filter(slug=ALLIANCE_SLUG).first()
        if alliance is None:
            sys.exit(f"The demo content has no published alliance {ALLIANCE_SLUG!r}.")
        # The newest, the first that /de/press/ lists.
        statement = PressStatement.objects.published().first()
        if statement is None:
            sys.exit("The demo content has no published press statement.")
        return [
            Page("home", reverse("home")),
            Page("alliance", alliance.get_absolute_url()),
            Page("press statement", statement.get_absolute_url()),
        ]


def lighthouse_version(executable):
    package = Path(executable).resolve().parent.parent / "package.json"
    try:
        return json.loads(package.read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "unknown version"


def run_lighthouse(executable, chrome, url, output_base, skip_audits=()):
    """One Lighthouse run; returns its report (the parsed JSON)."""
    command = [
        str(executable),
        url,
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        "--output=html",
        f"--output-path={output_base}",
        "--quiet",
    ]
    if skip_audits:
        command.append(f"--skip-audits={','.join(skip_audits)}")
    json_path = Path(f"{output_base}.report.json")
    json_path.unlink(missing_ok=True)
    # A session of its own: on a timeout, Chromium goes with Lighthouse.
    process = subprocess.Popen(
        command,
        env={**os.environ, "CHROME_PATH": chrome},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=LIGHTHOUSE_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise LighthouseError(f"Lighthouse took over {LIGHTHOUSE_SECONDS} s on {url}.") from None
    if process.returncode != 0 or not json_path.exists():
        raise LighthouseError(
            f"Lighthouse failed on {url} (exit {process.returncode}):\n"
            f"{stderr[-3000:]}{stdout[-1000:]}"
        )
    report = json.loads(json_path.read_text())
    if report.get("runtimeError"):
        raise LighthouseError(f"Lighthouse on {url}: {report['runtimeError']}")
    return report


class LighthouseError(RuntimeError):
    pass


def run_once_more_on_a_crash(run):
    """Lighthouse sometimes loses its own trace ("NO_NAVSTART") on a busy machine: a
    crashed run is repeated once; a page that crashes twice stops the measurement."""
    try:
        return run()
    except LighthouseError as error:
        say(f"{error}\n  (trying once more)")
        return run()


def scores(report):
    """{category: 0-100 or None}."""
    found = {}
    for category in CATEGORIES:
        score = report["categories"].get(category, {}).get("score")
        found[category] = None if score is None else round(score * 100)
    return found


def passed(audit):
    mode = audit.get("scoreDisplayMode")
    if mode in ("notApplicable", "manual", "informative"):
        return True
    if mode == "error" or audit.get("score") is None:
        return False
    # Lighthouse's own report counts a numeric audit as passed from 0.9 on.
    return audit["score"] >= (1 if mode == "binary" else 0.9)


def item_text(item):
    """One element, resource or finding of an audit's details, on one line."""
    if not isinstance(item, dict):
        return str(item)
    node = item.get("node") if isinstance(item.get("node"), dict) else None
    if item.get("type") == "node":
        node = item
    parts = []
    if node:
        parts.append(node.get("selector") or node.get("snippet") or "")
        label = node.get("nodeLabel")
        if label:
            parts.append(f"“{label[:60]}”")
        explanation = node.get("explanation", "")
        if explanation:
            parts.append(explanation.splitlines()[-1].strip()[:160])
    for key in ("url", "source", "description", "text", "href"):
        value = item.get(key)
        if isinstance(value, dict):
            value = value.get("url") or value.get("value")
        if isinstance(value, str) and value:
            parts.append(value[:160])
    for key in ("wastedMs", "wastedBytes", "totalBytes"):
        if isinstance(item.get(key), (int, float)):
            unit = "ms" if key.endswith("Ms") else " bytes"
            parts.append(f"{key} {item[key]:,.0f}{unit}")
    return " — ".join(part for part in parts if part) or json.dumps(item)[:200]


def detail_items(audit):
    details = audit.get("details") or {}
    items = details.get("items") or []
    flat = []
    for item in items:
        # Some audits (LCP element) nest a table per phase: take each row.
        if isinstance(item, dict) and item.get("type") in ("table", "list"):
            flat.extend(item.get("items") or [])
        else:
            flat.append(item)
    return [item_text(item) for item in flat[:MAX_ITEMS]]


def failures(report):
    """Every audit of the four categories that did not pass, worst (most points) first;
    unweighted performance findings (render-blocking resources, the LCP element…) after."""
    found = []
    seen = set()
    for category in CATEGORIES:
        for ref in report["categories"].get(category, {}).get("auditRefs", []):
            audit = report["audits"].get(ref["id"])
            if audit is None or ref["id"] in seen or passed(audit):
                continue
            if ref.get("weight", 0) == 0 and (
                category != "performance"
                # Unweighted metrics (max potential FID…) and Lighthouse 12's
                # "insights", which repeat the classic audits in another form.
                or audit.get("scoreDisplayMode") == "numeric"
                or ref["id"].endswith("-insight")
            ):
                continue
            seen.add(ref["id"])
            found.append(
                Failure(
                    category=category,
                    id=ref["id"],
                    title=audit.get("title", ""),
                    score=audit.get("score"),
                    weight=ref.get("weight", 0),
                    display_value=audit.get("displayValue", ""),
                    items=detail_items(audit),
                )
            )
    found.sort(key=lambda failure: (-failure.cost, failure.score or 0))
    return found


def lcp_element(report):
    audit = report["audits"].get("largest-contentful-paint-element")
    items = detail_items(audit) if audit else []
    return items[0] if items else ""


def median_report(reports):
    """The run whose performance score is the median of all runs."""
    ordered = sorted(reports, key=lambda report: scores(report)["performance"] or 0)
    return ordered[(len(ordered) - 1) // 2]


def score_cell(score, minimum):
    if score is None:
        return "  –  ✗"
    return f"{score:>4} {'✓' if score >= minimum else '✗'}"


def table(results):
    header = f"{'page':<18} " + " ".join(f"{CATEGORY_TITLES[c]:>14}" for c in CATEGORIES)
    lines = [header, "-" * len(header)]
    for result in results:
        cells = " ".join(f"{score_cell(result.scores[c], THRESHOLDS[c]):>14}" for c in CATEGORIES)
        lines.append(f"{result.page.name:<18} {cells}")
    lines.append(
        f"{'threshold':<18} " + " ".join(f"{'≥ ' + str(THRESHOLDS[c]):>14}" for c in CATEGORIES)
    )
    return "\n".join(lines)


def failure_lines(result):
    missed = result.missed()
    if missed:
        heading = f"misses {', '.join(missed)}; audits not passed, worst first:"
    else:
        heading = "meets every threshold; audits not passed (they cost no points):"
    lines = [f"{result.page.name} ({result.page.path}) {heading}"]
    for failure in result.failures[:MAX_AUDITS]:
        score = "error" if failure.score is None else f"{failure.score:.2f}"
        value = f" ({failure.display_value})" if failure.display_value else ""
        lines.append(f"  [{failure.category}] {failure.id}: {failure.title} — score {score}{value}")
        lines.extend(f"      {item}" for item in failure.items)
    if len(result.failures) > MAX_AUDITS:
        lines.append(f"  … and {len(result.failures) - MAX_AUDITS} more in {result.report_path}")
    return lines


def csp_blocks_fetches(headers):
    """Whether a page's Content-Security-Policy forbids fetch() to its own site."""
    policy = {}
    for part in headers.get("Content-Security-Policy", "").split(";"):
        name, *values = part.split() or [""]
        if name:
            policy[name.lower()] = values
    allowed = policy.get("connect-src", policy.get("default-src"))
    return allowed is not None and "'self'" not in allowed


def robots_txt_problems(status, content_type, text, paths):
    """What is wrong with a robots.txt for these paths, as Lighthouse's robots-txt audit
    would find it; [] when nothing is."""
    from urllib.robotparser import RobotFileParser

    if status != 200:
        return [f"GET /robots.txt answered {status}"]
    problems = []
    if not content_type.startswith("text/plain"):
        problems.append(f"robots.txt is {content_type or 'of no type'}, not text/plain")
    known = {"user-agent", "allow", "disallow", "sitemap", "crawl-delay"}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, colon, value = line.partition(":")
        if not colon or name.strip().lower() not in known:
            problems.append(f"robots.txt line {number} is no directive: {line!r}")
        elif name.strip().lower() == "sitemap" and not value.strip().startswith("http"):
            problems.append(f"robots.txt line {number}: the sitemap is not an absolute URL")
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    problems.extend(
        f"robots.txt disallows {path}" for path in paths if not parser.can_fetch("*", path)
    )
    return problems


def check_robots_txt(port, found):
    from bench.server import get

    status, headers, body = get(port, "/robots.txt")
    text = body.decode("utf-8", errors="replace")
    content_type = headers.get("Content-Type", "")
    return robots_txt_problems(status, content_type, text, [page.path for page in found])


def prepare_site(env):
    """Migrate, load the demo content and collect the static files; the three pages."""
    import django

    os.environ.update(env)
    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo_content", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    found = pages()
    connections.close_all()
    return found


def warm_up(gunicorn, found):
    """Each page once, as an earlier visitor would have asked: it must answer 200."""
    from bench.server import get

    problems = []
    answers = {}
    for page in found:
        status, headers, _ = get(gunicorn.port, page.path)
        answers[page.path] = headers
        if status != 200:
            where = f" → {headers.get('Location')}" if headers.get("Location") else ""
            problems.append(f"  {page.name}: GET {page.path} answered {status}{where}")
    if problems:
        raise SystemExit("Not every page answers 200:\n" + "\n".join(problems))
    return answers


def main():
    from bench.server import Gunicorn

    # A SIGTERM (make interrupted) unwinds like Ctrl-C, so gunicorn is stopped.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    executable = Path(os.environ.get("LIGHTHOUSE") or DEFAULT_LIGHTHOUSE)
    chrome = os.environ.get("CHROME_PATH") or DEFAULT_CHROME
    if not executable.exists():
        sys.exit(f"No Lighthouse at {executable}: `make lighthouse` installs it.")
    if not shutil.which(chrome):
        sys.exit(f"No browser at {chrome}: `apt-get install chromium`, or set CHROME_PATH.")
    try:
        runs = max(1, int(os.environ.get("LIGHTHOUSE_RUNS") or 1))
    except ValueError:
        sys.exit(f"LIGHTHOUSE_RUNS={os.environ['LIGHTHOUSE_RUNS']!r} is not a whole number.")
    os.chdir(ROOT)
    started = time.monotonic()
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="alliance-portal-lighthouse-") as workdir:
        env = lighthouse_environment(Path(workdir))
        say("Preparing: migrate, load_demo_content, collectstatic (in a temporary folder).")
        found = prepare_site(env)
        gunicorn = Gunicorn(
            env,
            REPORT_DIR / "gunicorn.log",
            config=ROOT / "gunicorn.conf.py",
            # alliance_portal.wsgi, and /media/ as the server in front would serve it.
            app="bench.lighthouse_wsgi:application",
        )
        say(
            f"Lighthouse {lighthouse_version(executable)} in {chrome}, mobile, "
            f"{runs} run(s) per page; reports in {REPORT_DIR.relative_to(ROOT)}/."
        )
        results = []
        robots_problems = []
        try:
            gunicorn.start()
            answers = warm_up(gunicorn, found)
            skip_audits = []
            if any(csp_blocks_fetches(headers) for headers in answers.values()):
                # Lighthouse reads robots.txt with a fetch from inside the page, which
                # the pages' CSP refuses (no connect-src, default-src 'none'): its
                # audit would fail whatever robots.txt says. Crawlers read it directly,
                # and so does this script.
                skip_audits.append("robots-txt")
                robots_problems = check_robots_txt(gunicorn.port, found)
                say(
                    "robots.txt, read directly (Lighthouse's robots-txt audit is skipped: "
                    "the pages' CSP forbids its in-page fetch): "
                    + ("; ".join(robots_problems) or "valid, allows every page")
                )
            for page in found:
                url = gunicorn.url(page.path)
                base = REPORT_DIR / page.name.replace(" ", "-")
                reports = {}
                for run in range(runs):
                    output = base if runs == 1 else Path(f"{base}-{run + 1}")
                    report = run_once_more_on_a_crash(
                        lambda output=output, url=url: run_lighthouse(
                            executable, chrome, url, output, skip_audits
                        )
                    )
                    reports[Path(f"{output}.report.json")] = report
                report = median_report(list(reports.values()))
                report_path = next(path for path, r in reports.items() if r is report)
                if runs > 1:
                    performance = [scores(r)["performance"] for r in reports.values()]
                    say(f"  {page.name}: performance {performance}, the median counts")
                results.append(Result(page, scores(report), failures(report), report_path))
                say(f"  {page.name:<18} {page.path}  (LCP element: {lcp_element(report)})")
        except LighthouseError as error:
            say(str(error))
            say(f"gunicorn's log: {gunicorn.log_path}")
            sys.exit(2)
        finally:
            gunicorn.stop()
    say()
    say(table(results))
    for result in results:
        if result.failures or result.missed():
            say()
            for line in failure_lines(result):
                say(line)
    if robots_problems:
        say("\n[seo] robots-txt, read directly: " + "; ".join(robots_problems))
    say(f"\n{time.monotonic() - started:.0f} s.")
    if any(result.missed() for result in results) or robots_problems:
        say(f"Below the thresholds. Full reports: {REPORT_DIR.relative_to(ROOT)}/*.report.html")
        sys.exit(1)
    say("Every page meets every threshold.")


if __name__ == "__main__":
    main()
