import factory

from nps.accounts.models import User
from nps.accounts.roles import Role

DEFAULT_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"reader{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    role = Role.USER
    password = factory.django.Password(DEFAULT_PASSWORD)
