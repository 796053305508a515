"""ON DELETE in the database for token sessions, and the end of clear refresh tokens at rest.

Earlier versions kept every refresh token in clear in simplejwt's blacklist tables
(`token_blacklist_outstandingtoken`): anyone reading the database could mint access tokens. Token
sessions store only token ids, so those tables are dropped where they exist. Their tokens stop
working (they carry no session id): people log in again once.
"""

from django.db import migrations

from nps.core.migration_ops import on_delete_in_database

OLD_TABLES = ("token_blacklist_blacklistedtoken", "token_blacklist_outstandingtoken")


def drop_blacklist_tables(apps, schema_editor):
    existing = set(schema_editor.connection.introspection.table_names())
    for table in OLD_TABLES:  # the blacklisted rows point at the outstanding ones: drop them first
        if table in existing:
            schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_token_sessions"),
    ]

    operations = [
        on_delete_in_database("auth_token_sessions", "user_id", "CASCADE"),
        migrations.RunPython(drop_blacklist_tables, migrations.RunPython.noop, elidable=True),
    ]
