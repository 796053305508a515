"""The oracle's demo data (`manage.py bootstrap`): V4's seed profiles and a reading of each kind."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from nps.accounts.models import User
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core.models import AuditLog
from oracle.models import Profile, Reading, ReadingParticipant

pytestmark = pytest.mark.django_db


def seed(owner) -> str:
    return apps.get_app_config("oracle").seed_demo_data(owner=owner)


@pytest.fixture
def admin():
    return UserFactory(username="admin", role=Role.ADMIN)


def test_seed_creates_v4s_profiles_and_four_readings(admin):
    summary = seed(admin)
    assert summary == (
        "3 profiles (Hamzeh, Sara, Ali) and 4 readings (time, question, name, group of 3)"
    )
    people = {p.name: p for p in Profile.objects.filter(owner=admin)}
    assert set(people) == {"Hamzeh", "Sara", "Ali"}
    hamzeh = people["Hamzeh"]
    assert (hamzeh.name_persian, hamzeh.mother_name, hamzeh.mother_name_persian) == (
        "حمزه",
        "Fatemeh",
        "فاطمه",
    )
    assert str(hamzeh.birthday) == "1990-03-21"
    assert (hamzeh.country, hamzeh.city, hamzeh.timezone) == ("IR", "Tehran", "Asia/Tehran")
    assert hamzeh.coordinates == (51.389, 35.6892)
    assert people["Ali"].coordinates == (52.5836, 29.5918)
    kinds = sorted(Reading.objects.filter(owner=admin).values_list("sign_type", flat=True))
    assert kinds == ["multi_user", "name", "question", "reading"]
    group = Reading.objects.get(sign_type="multi_user")
    assert group.primary_profile == hamzeh
    assert ReadingParticipant.objects.filter(reading=group).count() == 3
    assert AuditLog.objects.filter(action="oracle_reading.create").count() == 4


def test_seed_readings_are_stored_like_any_other(admin):
    seed(admin)
    question = Reading.objects.get(sign_type="question")
    assert question.question == "What does today hold for me?"
    assert "What does today" not in str(question.reading_result)
    name = Reading.objects.get(sign_type="name")
    assert name.sign_value.startswith("expression ")
    time = Reading.objects.get(sign_type="reading")
    assert time.sign_value == "2024-01-15T10:00:00+03:30"


def test_seeding_twice_adds_nothing(admin):
    seed(admin)
    assert seed(admin) == ""
    assert (Profile.objects.count(), Reading.objects.count()) == (3, 4)


def test_seed_does_not_bring_back_deleted_demo_profiles(admin):
    seed(admin)
    Profile.objects.filter(owner=admin).delete()
    assert seed(admin) == ""
    assert Profile.objects.count() == 0


def test_another_owner_gets_their_own_demo_data(admin):
    seed(admin)
    other = UserFactory(role=Role.ADMIN)
    assert seed(other) != ""
    assert Profile.objects.filter(owner=other).count() == 3


def test_bootstrap_command_seeds_once(monkeypatch):
    monkeypatch.setenv("NPS_ADMIN_PASSWORD", "a-long-admin-password")
    first, second = io.StringIO(), io.StringIO()
    call_command("bootstrap", stdout=first)
    call_command("bootstrap", stdout=second)
    assert "Demo data (oracle): 3 profiles" in first.getvalue()
    assert "Demo data (oracle)" not in second.getvalue()
    admin = User.objects.get(username="admin")
    assert Profile.objects.filter(owner=admin).count() == 3
    assert Reading.objects.filter(owner=admin).count() == 4
