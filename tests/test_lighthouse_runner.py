"""`make lighthouse`'s parts that need no browser or gunicorn (bench/lighthouse.py):
scores, thresholds, the failing audits it prints, and its own robots.txt check."""

from pathlib import Path

import pytest

from bench import lighthouse
from bench.lighthouse import Page, Result


def audit(score, mode="binary", title="", **extra):
    return {"score": score, "scoreDisplayMode": mode, "title": title, **extra}


def report():
    """A Lighthouse report (LHR) cut down to what the runner reads."""
    contrast_node = {
        "type": "node",
        "selector": "footer > p > a",
        "nodeLabel": "Impressum",
        "explanation": "Fix any of the following:\n  Element has insufficient contrast of 3.2",
    }
    return {
        "categories": {
            "performance": {
                "score": 0.97,
                "auditRefs": [
                    {"id": "largest-contentful-paint", "weight": 25},
                    {"id": "render-blocking-resources", "weight": 0},
                    {"id": "max-potential-fid", "weight": 0},
                    {"id": "render-blocking-insight", "weight": 0},
                ],
            },
            "accessibility": {
                "score": 0.93,
                "auditRefs": [
                    {"id": "color-contrast", "weight": 7},
                    {"id": "link-name", "weight": 7},
                    {"id": "accesskeys", "weight": 7},
                    {"id": "image-alt", "weight": 10},
                ],
            },
            "best-practices": {"score": 1, "auditRefs": [{"id": "errors-in-console", "weight": 1}]},
            "seo": {"score": None, "auditRefs": [{"id": "link-text", "weight": 1}]},
        },
        "audits": {
            "largest-contentful-paint": audit(0.92, "numeric", displayValue="1.9 s"),
            "render-blocking-resources": audit(
                0,
                "metricSavings",
                "Eliminate render-blocking resources",
                details={
                    "items": [{"url": "http://127.0.0.1/static/css/site.css", "wastedMs": 160}]
                },
            ),
            "max-potential-fid": audit(0.6, "numeric"),
            "render-blocking-insight": audit(0, "metricSavings"),
            "color-contrast": audit(
                0,
                title="Contrast too low",
                details={"items": [{"node": contrast_node}]},
            ),
            "link-name": audit(1),
            "accesskeys": audit(None, "notApplicable"),
            "image-alt": audit(None, "error", errorMessage="gatherer failed"),
            "errors-in-console": audit(1),
            "link-text": audit(0),
        },
    }


def test_scores_are_percentages_and_missing_ones_none():
    assert lighthouse.scores(report()) == {
        "performance": 97,
        "accessibility": 93,
        "best-practices": 100,
        "seo": None,
    }


def test_a_page_misses_each_threshold_it_is_below_and_any_category_not_scored():
    result = Result(Page("home", "/de/"), lighthouse.scores(report()), [], Path("x"))
    assert result.missed() == ["accessibility", "seo"]
    passing = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
    assert Result(Page("home", "/de/"), passing, [], Path("x")).missed() == []
    assert Result(Page("home", "/de/"), {**passing, "performance": 94}, [], Path("x")).missed() == [
        "performance"
    ]


def test_failures_worst_first_with_what_they_found():
    found = lighthouse.failures(report())
    ids = [failure.id for failure in found]
    # Errors and zero scores of weighted audits first; a numeric metric from 0.9 on
    # passes; not-applicable audits, unweighted metrics and "insights" are left out;
    # unweighted performance findings come last.
    assert ids == ["image-alt", "color-contrast", "link-text", "render-blocking-resources"]
    contrast = found[1]
    assert contrast.category == "accessibility"
    assert contrast.items == [
        "footer > p > a — “Impressum” — Element has insufficient contrast of 3.2"
    ]
    assert found[3].items == ["http://127.0.0.1/static/css/site.css — wastedMs 160ms"]
    lines = lighthouse.failure_lines(
        Result(Page("home", "/de/"), lighthouse.scores(report()), found, Path("x"))
    )
    assert lines[0] == "home (/de/) misses accessibility, seo; audits not passed, worst first:"
    assert "  [accessibility] color-contrast: Contrast too low — score 0.00" in lines


def test_the_median_run_counts():
    runs = []
    for score in (0.91, 0.99, 0.95):
        run = report()
        run["categories"]["performance"]["score"] = score
        runs.append(run)
    assert lighthouse.scores(lighthouse.median_report(runs))["performance"] == 95


@pytest.mark.parametrize(
    ("policy", "blocks"),
    [
        ("default-src 'none'; img-src 'self'", True),
        ("default-src 'none'; connect-src 'self'", False),
        ("default-src 'self'", False),
        ("", False),
    ],
)
def test_csp_that_blocks_lighthouse_fetching_robots_txt(policy, blocks):
    assert lighthouse.csp_blocks_fetches({"Content-Security-Policy": policy}) is blocks


def test_the_portals_robots_txt_is_valid_and_allows_the_measured_pages(client, db):
    response = client.get("/robots.txt")
    paths = ["/de/", "/de/alliances/deutsche-aluminium-allianz/", "/de/press/x/"]
    problems = lighthouse.robots_txt_problems(
        response.status_code, response["Content-Type"], response.content.decode(), paths
    )
    assert problems == []


def test_robots_txt_problems_are_named():
    text = "User-agent: *\nDisallow: /de/\nNoindex /de/\nSitemap: /sitemap.xml\n"
    assert lighthouse.robots_txt_problems(200, "text/html", text, ["/de/", "/en/"]) == [
        "robots.txt is text/html, not text/plain",
        "robots.txt line 3 is no directive: 'Noindex /de/'",
        "robots.txt line 4: the sitemap is not an absolute URL",
        "robots.txt disallows /de/",
    ]
    assert lighthouse.robots_txt_problems(404, "text/html", "", ["/de/"]) == [
        "GET /robots.txt answered 404"
    ]


def test_a_crashed_run_is_repeated_once_and_a_second_crash_stops():
    from bench.lighthouse import LighthouseError, run_once_more_on_a_crash

    attempts = []

    def crashes_once():
        attempts.append(1)
        if len(attempts) == 1:
            raise LighthouseError("NO_NAVSTART")
        return {"report": True}

    assert run_once_more_on_a_crash(crashes_once) == {"report": True}
    assert len(attempts) == 2

    def always_crashes():
        raise LighthouseError("NO_NAVSTART")

    with pytest.raises(LighthouseError):
        run_once_more_on_a_crash(always_crashes)
