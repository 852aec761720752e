import pytest
from django.contrib.auth.models import Group
from django.test import Client

from alliance_portal.publishing.roles import EDITOR, PUBLISHER


def _staff_client(django_user_model, username, role):
    client = Client()
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", "a long and unguessable password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.user = user
    return client


@pytest.fixture
def editor_client(django_user_model):
    """A staff member in the Editor group, signed in; admin messages in English."""
    return _staff_client(django_user_model, "edith", EDITOR)


@pytest.fixture
def publisher_client(django_user_model):
    """A staff member in the Publisher group, signed in; admin messages in English."""
    return _staff_client(django_user_model, "paul", PUBLISHER)
