"""Alerts sent by a real worker process (`manage.py run_worker`) to a real SMTP server.

The same tests run on the database queue and, with REDIS_URL, on RQ.
"""

import os
import threading
import time
from collections import Counter
from datetime import timedelta

import pytest
import redis
import time_machine
from django.utils import timezone

from alliance_portal.alerts import sending
from alliance_portal.alerts.models import Delivery, Release
from tests.factories import make_alliance, make_statement, make_subscriber

pytestmark = pytest.mark.django_db(transaction=True)

RQ_REDIS_URL = os.environ.get("TEST_RQ_REDIS_URL", "redis://127.0.0.1:6379/14")


def redis_available():
    try:
        redis.Redis.from_url(RQ_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False
    return True


@pytest.fixture(params=["database", "rq"])
def queue(request, settings):
    """The task queue of this run: the worker process is started with the same."""
    if request.param == "database":
        return {}
    if not redis_available():
        pytest.skip(f"No Redis at {RQ_REDIS_URL} for the RQ queue")
    redis.Redis.from_url(RQ_REDIS_URL).flushdb()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": RQ_REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    return {"REDIS_URL": RQ_REDIS_URL}


@pytest.fixture
def alliance():
    return make_alliance(name_de="Deutsche Aluminium-Allianz", name_en="German Aluminium Alliance")


def subscribers_of(alliance, count, **overrides):
    return [
        make_subscriber(alliances=[alliance], email=f"redaktion{n}@example.org", **overrides)
        for n in range(count)
    ]


def assert_quiet(smtp_server, count, seconds=3):
    """No further mail arrives for a few seconds (the worker sweeps every second)."""
    time.sleep(seconds)
    assert len(smtp_server.messages) == count


def test_scheduled_statement_reaches_each_matching_subscriber_once_in_their_language(
    queue, alliance, start_worker, smtp_server
):
    german = subscribers_of(alliance, 3)
    english = [make_subscriber(all_alliances=True, language="en", email="desk@example.co.uk")]
    make_subscriber(alliances=[make_alliance()], email="other@example.org")
    make_subscriber(
        alliances=[alliance], email="news@example.org", press_statements=False, news=True
    )
    release_time = timezone.now() + timedelta(hours=2)
    statement = make_statement(
        alliance=alliance,
        headline_de="Aluminiumindustrie legt Klimaplan vor",
        headline_en="Aluminium industry presents climate plan",
        published_at=release_time,
    )
    start_worker(**queue)

    assert_quiet(smtp_server, 0)  # under embargo: the worker's own sweeps send nothing
    with time_machine.travel(release_time + timedelta(seconds=1)):
        sending.sweep()  # the worker's sweep, at release time

    messages = smtp_server.sink.wait_for(4)
    assert_quiet(smtp_server, 4)
    received = Counter(recipient for m in messages for recipient in m.recipients)
    assert received == Counter([s.email for s in german] + ["desk@example.co.uk"])
    for subscriber in german:
        (mail,) = smtp_server.sink.to(subscriber.email)
        assert mail["Subject"] == (
            "Aluminiumindustrie legt Klimaplan vor – Deutsche Aluminium-Allianz"
        )
    (mail,) = smtp_server.sink.to(english[0].email)
    assert mail["Subject"] == "Aluminium industry presents climate plan – German Aluminium Alliance"
    assert f"/en/press/{statement.slug}/" in mail.get_body(("plain",)).get_content()
    assert Release.objects.get().state == Release.State.SENT


def test_worker_killed_mid_send_and_restarted_leaves_everyone_with_exactly_one_mail(
    queue, alliance, start_worker, smtp_server
):
    subscribers = subscribers_of(alliance, 30)
    make_statement(alliance=alliance, published_at=timezone.now() - timedelta(seconds=5))

    # The 12th mail hangs in the SMTP conversation until the worker is dead, and so
    # is never accepted: the worker dies in the middle of sending it.
    hanging, worker_dead = threading.Event(), threading.Event()

    def hang_on_the_twelfth(recipients):
        if len(smtp_server.messages) == 11 and not worker_dead.is_set():
            hanging.set()
            worker_dead.wait(30)
            return "421 4.3.0 Connection lost"
        return None

    smtp_server.sink.before_accepting = hang_on_the_twelfth
    first = start_worker(**queue)  # its own sweep releases the statement
    assert hanging.wait(60), first.output()
    first.kill()
    worker_dead.set()
    assert len(smtp_server.messages) == 11
    states = Counter(Delivery.objects.values_list("state", flat=True))
    assert states[Delivery.State.SENT] == 11
    assert states[Delivery.State.SENDING] >= 1  # claimed by the dead worker

    start_worker(**queue)
    smtp_server.sink.wait_for(30)
    assert_quiet(smtp_server, 30)
    received = Counter(recipient for m in smtp_server.messages for recipient in m.recipients)
    assert received == Counter(s.email for s in subscribers)  # each exactly once
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.SENT}


def test_publish_without_alert_sends_none(queue, alliance, start_worker, smtp_server):
    subscribers_of(alliance, 3)
    make_statement(
        alliance=alliance, without_alert=True, published_at=timezone.now() - timedelta(seconds=5)
    )

    start_worker(**queue)

    deadline = time.monotonic() + 30
    while not Release.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert Release.objects.get().state == Release.State.WITHOUT_ALERT
    assert_quiet(smtp_server, 0)


def test_a_batch_slower_than_the_claim_timeout_keeps_its_claim_and_repeats_nobody(
    queue, alliance, start_worker, smtp_server
):
    subscribers = subscribers_of(alliance, 8)
    make_statement(alliance=alliance, published_at=timezone.now() - timedelta(seconds=5))

    def slow_server(recipients):
        time.sleep(0.6)  # 8 mails take about 5 s; claims count as abandoned after 2 s
        return None

    smtp_server.sink.before_accepting = slow_server
    start_worker(**queue)
    start_worker(**queue)  # a second worker, ready to take over what looks abandoned

    smtp_server.sink.wait_for(8)
    assert_quiet(smtp_server, 8, seconds=4)
    received = Counter(recipient for m in smtp_server.messages for recipient in m.recipients)
    assert received == Counter(s.email for s in subscribers)
