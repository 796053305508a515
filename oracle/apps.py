import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# V4's seed profiles; coordinates are (longitude, latitude).
DEMO_PROFILES = (
    {
        "name": "Hamzeh",
        "name_persian": "حمزه",
        "birthday": datetime.date(1990, 3, 21),
        "mother_name": "Fatemeh",
        "mother_name_persian": "فاطمه",
        "city": "Tehran",
        "longitude": 51.3890,
        "latitude": 35.6892,
    },
    {
        "name": "Sara",
        "name_persian": "سارا",
        "birthday": datetime.date(1995, 7, 14),
        "mother_name": "Maryam",
        "mother_name_persian": "مریم",
        "city": "Isfahan",
        "longitude": 51.6776,
        "latitude": 32.6546,
    },
    {
        "name": "Ali",
        "name_persian": "علی",
        "birthday": datetime.date(1988, 11, 2),
        "mother_name": "Zahra",
        "mother_name_persian": "زهرا",
        "city": "Shiraz",
        "longitude": 52.5836,
        "latitude": 29.5918,
    },
)


def register_account_pages() -> None:
    """What the account pages (`nps.accounts`, below this app) show and check of the oracle's."""
    from nps.accounts import extensions
    from oracle.models import NumerologySystem, ReadingKind
    from oracle.services import profiles, sharing

    def listed(principal):
        return profiles.choices(principal, names_only=True)

    def visible(principal, profile_id: int) -> bool:
        try:
            profiles.get_profile(principal=principal, profile_id=profile_id)
        except profiles.ProfileNotFound:
            return False
        return True

    extensions.register_profiles(listed=listed, visible=visible)
    extensions.register_choices("numerology_system", lambda: NumerologySystem.choices)
    extensions.register_choices("default_reading_type", lambda: ReadingKind.choices)
    extensions.register_account_deleted(sharing.revoke_links_of_account)


class OracleConfig(AppConfig):
    name = "oracle"
    verbose_name = _("Oracle")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from nps.core import backups, blind_index, warmup
        from oracle.models import Reading
        from oracle.services import location, search_index, stats

        blind_index.register_rebuilder(search_index.rebuild)
        warmup.register(location.gazetteer)  # the profile form's countries and cities
        backups.after_restore(stats.forget_kept_counts)
        register_account_pages()
        post_save.connect(
            search_index.on_reading_saved, sender=Reading, dispatch_uid="oracle-reading-terms"
        )

    def seed_demo_data(self, *, owner) -> str:
        """V4's three seed profiles and one reading of each kind, made through the services (so
        they are encrypted and audited like any other), owned by `owner`.

        Does nothing (and returns "") when `owner` has, or had, any profile: a second run must not
        duplicate anything, nor bring back demo data someone deleted. No AI is used: the demo
        costs nothing and comes out the same on every machine.
        """
        from nps.accounts.principal import principal_for_account
        from oracle.models import Profile
        from oracle.services import profiles, readings

        if Profile.all_objects.filter(owner=owner).exists():
            return ""
        principal = principal_for_account(owner, auth_type="session")
        people = [
            profiles.create_profile(
                principal=principal, country="Iran", timezone="Asia/Tehran", **fields
            )
            for fields in DEMO_PROFILES
        ]
        hamzeh, sara = people[0], people[1]
        readings.create_time_reading(
            principal=principal,
            datetime_text="2024-01-15T10:00:00",
            profile_id=hamzeh.pk,
            use_ai=False,
        )
        readings.create_question_reading(
            principal=principal,
            question="What does today hold for me?",
            profile_id=sara.pk,
            use_ai=False,
        )
        readings.create_name_reading(
            principal=principal, name=sara.name, profile_id=sara.pk, use_ai=False
        )
        readings.create_multi_user_reading(
            principal=principal,
            users=[
                readings.MultiUserMember(
                    name=person.name,
                    birth_year=person.birthday.year,
                    birth_month=person.birthday.month,
                    birth_day=person.birthday.day,
                    profile_id=person.pk,
                )
                for person in people
            ],
            use_ai=False,
        )
        names = ", ".join(person.name for person in people)
        return f"3 profiles ({names}) and 4 readings (time, question, name, group of 3)"
