"""The bench's table, its target checks and bench/results.md."""

import re
from dataclasses import dataclass, field

# Issue 6's targets, each a ratio to the ceiling measured in the same phase.
CACHED_PAGE_RATIO = 0.6
DETAIL_PAGE_RATIO = 0.10
SEARCH_RATIO = 0.05
FAR_NEWS_PAGE_LATENCY = 1.5
WORKER_MEMORY_MB = 150

DATABASE_TITLES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
RESULTS_HEADER = """\
# Benchmark results

Written by `make bench` (`python -m bench`; see the README, "Performance"). One section per
database: a run replaces the section of the database it measured and keeps the other.
"""


@dataclass
class Measurement:
    page: object  # bench.pages.Page
    result: object  # bench.wrk.WrkResult
    warmup_requests: int = 0


@dataclass
class Phase:
    key: str  # "uncached" or "cached"
    title: str
    ceiling_before: object = None  # WrkResult
    ceiling_after: object = None
    measurements: list = field(default_factory=list)
    worker_memory_mb: dict = field(default_factory=dict)  # pid -> MB

    @property
    def ceiling(self):
        """Requests/s of the ceiling: the mean of its runs before and after the pages."""
        runs = [run for run in (self.ceiling_before, self.ceiling_after) if run]
        return sum(run.requests_per_second for run in runs) / len(runs)

    def ratio(self, result):
        return result.requests_per_second / self.ceiling if self.ceiling else 0.0

    def find(self, key):
        return next(m for m in self.measurements if m.page.key == key)


@dataclass
class Check:
    target: str
    passed: bool | None  # None: does not apply to this run
    figures: str

    @property
    def mark(self):
        return {True: "✓", False: "✗", None: "–"}[self.passed]


def markdown_table(header, rows):
    """A Markdown table whose columns also line up as plain text."""
    cells = [header, *rows]
    widths = [max(len(row[column]) for row in cells) for column in range(len(header))]

    def line(row):
        padded = [
            value.ljust(width) if column == 0 else value.rjust(width)
            for column, (value, width) in enumerate(zip(row, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            "-" * (width + 2) if column == 0 else "-" * (width + 1) + ":"
            for column, width in enumerate(widths)
        )
        + "|"
    )
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def error_cell(result):
    """Non-2xx answers, and wrk's socket errors (timeouts…) if there were any."""
    socket_errors = [f"{count} {kind}" for kind, count in result.socket_errors.items() if count]
    return f"{result.non_2xx}" + (f" (+ {', '.join(socket_errors)})" if socket_errors else "")


def phase_table(phase):
    def row(name, result):
        return [
            name,
            f"{result.requests_per_second:,.1f}",
            f"{result.p50_ms:.1f}",
            f"{result.p99_ms:.1f}",
            f"{phase.ratio(result):.3f}",
            error_cell(result),
        ]

    rows = [row("ceiling (before the pages)", phase.ceiling_before)]
    rows += [row(m.page.name, m.result) for m in phase.measurements]
    rows.append(row("ceiling (after the pages)", phase.ceiling_after))
    header = ["page", "requests/s", "p50 ms", "p99 ms", "ratio to ceiling", "non-2xx"]
    return markdown_table(header, rows)


def memory_line(phase):
    sizes = ", ".join(f"{mb:.0f} MB" for mb in phase.worker_memory_mb.values())
    return f"Resident memory of each gunicorn worker after the run: {sizes or 'unknown'}."


def checks(uncached, cached, vendor):
    found = []

    cached_pages = [m for m in cached.measurements if not m.page.uncacheable]
    below = [m for m in cached_pages if cached.ratio(m.result) < CACHED_PAGE_RATIO]
    lowest = min(cached_pages, key=lambda m: cached.ratio(m.result))
    found.append(
        Check(
            f"cached public pages ≥ {CACHED_PAGE_RATIO} of the ceiling",
            not below,
            (
                "below: " + ", ".join(f"{m.page.name} {cached.ratio(m.result):.3f}" for m in below)
                if below
                else f"lowest: {lowest.page.name} {cached.ratio(lowest.result):.3f}"
            ),
        )
    )

    for key, label in (("alliance", "alliance detail"), ("statement", "statement detail")):
        measurement = uncached.find(key)
        ratio = uncached.ratio(measurement.result)
        found.append(
            Check(
                f"uncached {label} ≥ {DETAIL_PAGE_RATIO} of the ceiling",
                ratio >= DETAIL_PAGE_RATIO,
                f"{ratio:.3f} ({measurement.result.requests_per_second:,.1f} requests/s)",
            )
        )

    search = uncached.find("search")
    ratio = uncached.ratio(search.result)
    found.append(
        Check(
            f"uncached search over the statements on PostgreSQL ≥ {SEARCH_RATIO}",
            ratio >= SEARCH_RATIO if vendor == "postgresql" else None,
            f"{ratio:.3f} ({search.page.about})"
            + ("" if vendor == "postgresql" else "; this run is on SQLite"),
        )
    )

    first, far = uncached.find("news"), uncached.find("news-far")
    factor = far.result.p50_ms / first.result.p50_ms if first.result.p50_ms else float("inf")
    found.append(
        Check(
            f"uncached {far.page.name} within {FAR_NEWS_PAGE_LATENCY}× the latency of page 1",
            factor <= FAR_NEWS_PAGE_LATENCY,
            f"p50 {far.result.p50_ms:.1f} ms against {first.result.p50_ms:.1f} ms: {factor:.2f}×; "
            f"p99 {far.result.p99_ms:.1f} ms against {first.result.p99_ms:.1f} ms"
            + (f"; {far.page.about}" if "last page" in far.page.about else ""),
        )
    )

    failures = []
    for phase in (uncached, cached):
        runs = [("ceiling", phase.ceiling_before), ("ceiling", phase.ceiling_after)]
        runs += [(m.page.name, m.result) for m in phase.measurements]
        for name, result in runs:
            if result.errors:
                details = ", ".join(
                    [f"{result.non_2xx} non-2xx"]
                    + [f"{count} {kind}" for kind, count in result.socket_errors.items() if count]
                )
                failures.append(f"{phase.key} {name}: {details}")
    found.append(
        Check(
            "no non-2xx answers and no socket errors",
            not failures,
            "; ".join(failures) or "none in any run",
        )
    )

    sizes = [mb for phase in (uncached, cached) for mb in phase.worker_memory_mb.values()]
    found.append(
        Check(
            f"each gunicorn worker under {WORKER_MEMORY_MB} MB resident after the run",
            bool(sizes) and max(sizes) < WORKER_MEMORY_MB,
            f"largest {max(sizes):.0f} MB" if sizes else "not measured",
        )
    )

    for phase in (uncached, cached):
        cold = next((m for m in phase.measurements if m.page.rotate_paths), None)
        if cold is None:  # no statement besides the cached one
            continue
        asked = cold.warmup_requests + cold.result.requests
        distinct = len(cold.page.rotate_paths)
        found.append(
            Check(
                f'{phase.key}: "PDF cold" never asked for one PDF twice',
                asked <= distinct,
                f"{asked:,} requests over {distinct:,} different statements",
            )
        )
    return found


def checks_text(found):
    return "\n".join(f"- {check.mark} {check.target}: {check.figures}" for check in found)


def section(title, context_lines, pages, phases, found, note=""):
    parts = [f"## {title}", ""]
    if note:
        parts += [note, ""]
    parts += [*(f"- {line}" for line in context_lines), ""]
    parts += ["Pages, found in the database:", ""]
    parts += [
        f"- {page.name}: `{page.path}`" + (f" ({page.about})" if page.about else "")
        for page in pages
    ]
    parts.append("")
    for phase in phases:
        parts += [f"### {phase.title}", "", phase_table(phase), "", memory_line(phase), ""]
    parts += ["### Targets", "", checks_text(found), ""]
    return "\n".join(parts)


def replace_section(existing, title, new_section):
    """results.md with the section `## title` replaced (or added), the others kept."""
    sections = {}
    for chunk in re.split(r"^(?=## )", existing or "", flags=re.MULTILINE):
        if chunk.startswith("## "):
            sections[chunk.splitlines()[0][3:].strip()] = chunk.rstrip() + "\n"
    sections[title] = new_section.rstrip() + "\n"
    order = [t for t in DATABASE_TITLES.values() if t in sections]
    order += sorted(t for t in sections if t not in order)
    return RESULTS_HEADER + "".join("\n" + sections[t] for t in order)
