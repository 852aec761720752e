"""What the browser, accessibility and HTML tests need from the machine, in one place.

The tests use the system's tools and never download any: Debian's Chromium, axe-core
from `npm ci`, and Java for the Nu HTML Checker. When a tool is missing, a developer's
run skips the tests that need it and says how to install it; a CI run (env `CI` set)
fails instead, so that a broken CI machine cannot pass by skipping.
"""

import os
import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "tests" / "screenshots"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"

# axe-core impacts that fail a test; "moderate" and "minor" ones do not.
BLOCKING_IMPACTS = ("serious", "critical")


def in_ci():
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require(available, message):
    """Skip the test when a tool is missing, or fail it on CI."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{message} (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(message)


def require_chromium():
    require(
        CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK),
        f"{CHROMIUM} is missing: install Debian's Chromium with `apt-get install chromium`.",
    )


def require_axe():
    require(
        AXE_JS.is_file(),
        f"{AXE_JS.relative_to(REPO_ROOT)} is missing: run `npm ci` in {REPO_ROOT}.",
    )


def require_java():
    require(
        shutil.which("java") is not None,
        "`java` is missing (the Nu HTML Checker needs it): "
        "install it with `apt-get install default-jre-headless`.",
    )


def scrolls_sideways(page):
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def load_lazy_images(page):
    """Load the page's lazy images now, so that a screenshot shows what a visitor sees."""
    page.evaluate(
        "() => Promise.all([...document.images].map(img => "
        "{ img.loading = 'eager'; return img.decode().catch(() => null); }))"
    )


def run_axe(page):
    """Inject axe-core into the page, run it and return its violations."""
    page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return results["violations"]


def describe_violations(violations, max_targets=3):
    lines = []
    for violation in violations:
        # A target is a list of selectors, one per frame; shadow DOM paths are nested lists.
        targets = [
            " >>> ".join(part if isinstance(part, str) else " >>> ".join(part) for part in target)
            for target in (node["target"] for node in violation["nodes"])
        ]
        shown = ", ".join(targets[:max_targets])
        more = f" (+{len(targets) - max_targets} more)" if len(targets) > max_targets else ""
        lines.append(
            f"- {violation['id']} [{violation['impact']}]: {violation['help']}"
            f" -> {shown}{more} ({violation['helpUrl']})"
        )
    return "\n".join(lines)
