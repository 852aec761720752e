"""Small `make_<model>(**overrides)` helpers for tests."""

from datetime import date
from itertools import count

from alliance_portal.models import Alliance, Goal, LegalPage
from alliance_portal.publishing.models import Publishable
from members.models import Membership, Organisation, Person
from news.models import NewsItem
from statements.models import PressStatement

_numbers = count(1)


def make_alliance(**overrides):
    number = next(_numbers)
    values = {
        "name_de": f"Allianz {number}",
        "name_en": f"Alliance {number}",
        "summary_de": f"Zusammenfassung {number}",
        "summary_en": f"Summary {number}",
        "status": Publishable.Status.PUBLISHED,
    }
    values.update(overrides)
    return Alliance.objects.create(**values)


def make_organisation(**overrides):
    number = next(_numbers)
    values = {
        "name_de": f"Organisation {number}",
        "kind": Organisation.Kind.COMPANY,
        "status": Publishable.Status.PUBLISHED,
    }
    values.update(overrides)
    return Organisation.objects.create(**values)


def make_membership(**overrides):
    values = {"role": Membership.Role.MEMBER}
    values.update(overrides)
    values.setdefault("alliance", make_alliance())
    values.setdefault("organisation", make_organisation())
    return Membership.objects.create(**values)


def make_goal(**overrides):
    values = {"title_de": f"Ziel {next(_numbers)}"}
    values.update(overrides)
    values.setdefault("alliance", make_alliance())
    return Goal.objects.create(**values)


def make_person(**overrides):
    values = {"name": f"Person {next(_numbers)}"}
    values.update(overrides)
    return Person.objects.create(**values)


def make_statement(**overrides):
    number = next(_numbers)
    values = {
        "headline_de": f"Erklärung {number}",
        "dateline_place_de": "Berlin",
        "body_de": "Text",
        "status": Publishable.Status.PUBLISHED,
    }
    values.update(overrides)
    # Not setdefault(): its argument would create an alliance even when one is given.
    if "alliance" not in values:
        values["alliance"] = make_alliance()
    return PressStatement.objects.create(**values)


def make_news_item(*, alliances=(), **overrides):
    number = next(_numbers)
    values = {
        "title_de": f"Meldung {number}",
        "teaser_de": "Kurz",
        "status": Publishable.Status.PUBLISHED,
    }
    values.update(overrides)
    item = NewsItem.objects.create(**values)
    if alliances:
        item.alliances.add(*alliances)
    return item


LEGAL_TITLES = {
    LegalPage.Kind.IMPRINT: ("Impressum", "Imprint"),
    LegalPage.Kind.PRIVACY: ("Datenschutzerklärung", "Privacy notice"),
    LegalPage.Kind.ACCESSIBILITY: ("Erklärung zur Barrierefreiheit", "Accessibility statement"),
}


def make_legal_page(kind, **overrides):
    title_de, title_en = LEGAL_TITLES[kind]
    values = {
        "kind": kind,
        "title_de": title_de,
        "title_en": title_en,
        "body_de": f"<p>Text: {title_de}</p>",
        "body_en": f"<p>Text: {title_en}</p>",
        "last_reviewed": date(2025, 3, 14),
    }
    if kind == LegalPage.Kind.ACCESSIBILITY:
        values["contact_email"] = "barrieren@example.org"
    values.update(overrides)
    return LegalPage.objects.create(**values)


def make_subscriber(*, alliances=(), **overrides):
    """A confirmed alert subscriber."""
    from django.utils import timezone

    from alliance_portal.alerts.models import Subscriber

    number = next(_numbers)
    values = {
        "email": f"leser{number}@example.org",
        "language": "de",
        "press_statements": True,
        "confirmed_at": timezone.now(),
    }
    values.update(overrides)
    subscriber = Subscriber.objects.create(**values)
    if alliances:
        subscriber.alliances.add(*alliances)
    return subscriber
