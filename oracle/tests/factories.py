import datetime

import factory

from nps.accounts.tests.factories import UserFactory
from oracle.models import Profile


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Person {chr(65 + n % 26)}{n}")
    birthday = datetime.date(1990, 3, 21)
    mother_name = "Fatemeh"
    country = "Iran"
    city = "Tehran"
