"""One account per e-mail address, whatever its case (a unique index on lower(email) of the
accounts that have one). Sign-up and settings refused a taken address since the round that added
them; a database with duplicates from before (or set in the admin) stops here with what to do,
instead of a bare IntegrityError — nothing is changed or lost."""

import django.db.models.functions.text
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Lower

DUPLICATES_FOUND = (
    "{count} e-mail address(es) belong to more than one account. Give each account its own "
    "address, or none, in the admin console (Accounts), then run migrate again. To list them: "
    "SELECT lower(email), count(*) FROM users WHERE email <> '' GROUP BY 1 HAVING count(*) > 1;"
)


def refuse_duplicates(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    shared = (
        User.objects.exclude(email="")
        .annotate(address=Lower("email"))
        .values("address")
        .annotate(accounts=Count("id"))
        .filter(accounts__gt=1)
    )
    count = shared.count()
    if count:
        raise RuntimeError(DUPLICATES_FOUND.format(count=count))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0010_preferences_waking_hours"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                condition=models.Q(("email", ""), _negated=True),
                name="users_email_unique",
                violation_error_message="An account with this e-mail address already exists.",
            ),
        ),
    ]
