"""The XSS corpus in a real browser: nothing a payload carries ever runs.

Chromium opens the alliance, organisation and statement page of every payload
(tests/xss_corpus.py). A payload that ran would open a dialog (alert, confirm,
prompt) or set `window.__xss`. Events are fired at every element of the page, so
an event handler that slipped through would run too.
"""

import pytest

from tests.xss_corpus import save_corpus

pytestmark = pytest.mark.browser

# Fired at every element: what inline handlers (onmouseover=, onfocus=, …) wait for.
FIRE_EVENTS = """() => {
    const names = ["mouseover", "mouseenter", "mousemove", "pointerover", "focus", "focusin",
                   "blur", "toggle", "load", "error", "animationstart", "keydown", "input"];
    for (const element of document.querySelectorAll("*")) {
        for (const name of names) {
            element.dispatchEvent(new Event(name, {bubbles: false}));
        }
    }
    return document.querySelectorAll("*").length;
}"""


def test_no_payload_runs_in_the_browser(page, live_server, transactional_db):
    corpus = save_corpus()
    dialogs = []

    def record(dialog):
        dialogs.append((page.url, dialog.type, dialog.message))
        dialog.dismiss()

    page.on("dialog", record)
    visited = 0
    for item in corpus:
        for obj in (item.alliance, item.organisation, item.statement):
            url = f"{live_server.url}{obj.get_absolute_url()}"
            response = page.goto(url, wait_until="load")
            assert response.ok, (url, response.status)
            assert page.evaluate(FIRE_EVENTS) > 20
            page.wait_for_timeout(20)  # handlers queued by the events
            marker = page.evaluate("() => window.__xss")
            assert marker is None, f"{url}: a payload set window.__xss = {marker!r}"
            assert not dialogs, f"{url}: a payload opened a dialog: {dialogs}"
            visited += 1
    assert visited == 3 * len(corpus)
