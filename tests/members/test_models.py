import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from members.models import Membership, Person
from tests.factories import make_membership, make_organisation, make_person

pytestmark = pytest.mark.django_db


def test_one_membership_per_alliance_and_organisation():
    membership = make_membership()
    duplicate = Membership(alliance=membership.alliance, organisation=membership.organisation)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    # Raised while German, the default language, is active.
    assert "gehört bereits zu dieser Allianz" in str(error.value)


def test_organisation_in_an_alliance_cannot_be_deleted():
    membership = make_membership()
    with pytest.raises(ProtectedError):
        membership.organisation.delete()


def test_organisation_with_people_cannot_be_deleted():
    organisation = make_organisation()
    make_person(organisation=organisation)
    with pytest.raises(ProtectedError):
        organisation.delete()


def test_deleting_an_alliance_ends_its_memberships_but_keeps_organisations():
    membership = make_membership()
    organisation = membership.organisation
    membership.alliance.delete()
    assert not Membership.objects.exists()
    organisation.refresh_from_db()


def test_phone_number_is_validated_with_an_example():
    person = Person(name="Tim Stappen", phone="call me")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "+49 211 4796-276" in str(error.value.message_dict["phone"])  # in every language


def test_person_full_name_includes_honorific():
    assert make_person(name="Andreas Pinkwart", honorific="Prof. Dr.").full_name == (
        "Prof. Dr. Andreas Pinkwart"
    )
