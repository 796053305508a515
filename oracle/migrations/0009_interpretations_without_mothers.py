"""Take mothers' names out of the interpretations already stored.

Until this release the name reading of a profile's own name wrote its heading as
"-- Mother's Influence (<mother's name>) --" (Persian "-- اثر نام مادر (<name>) --"), and that
text was stored with the reading, then served by share links, the API and exports. This rewrites
every stored interpretation (both encrypted columns): the heading loses the name, and any other
occurrence of the linked profiles' mothers' names (an AI text quoting it) is replaced by
"your mother" / "مادر". (It also rebuilt the search terms of the readings it changed; the
index has since been redesigned, and 0014 builds it for every reading.)
"""

import json
import re

from django.db import migrations

HEADINGS = (
    (re.compile(r"-- Mother's Influence \(.*?\) --"), "-- Mother's Influence --"),
    (re.compile(r"-- اثر نام مادر \(.*?\) --"), "-- اثر نام مادر --"),
)
PERSIAN_LETTER = re.compile(r"[\u0600-\u06ff]")


def _clean_text(text: str, names: list[str]) -> str:
    for pattern, heading in HEADINGS:
        text = pattern.sub(heading, text)
    for name in names:
        replacement = "مادر" if PERSIAN_LETTER.search(name) else "your mother"
        text = re.sub(re.escape(name), replacement, text, flags=re.IGNORECASE)
    return text


def _clean_value(value, names):
    if isinstance(value, str):
        return _clean_text(value, names)
    if isinstance(value, list):
        return [_clean_value(item, names) for item in value]
    if isinstance(value, dict):
        return {key: _clean_value(item, names) for key, item in value.items()}
    return value


def _clean_column(stored: str | None, names: list[str]) -> str | None:
    if not stored:
        return stored
    try:
        value = json.loads(stored)
    except ValueError:
        return _clean_text(stored, names)
    if not isinstance(value, (dict, list)):
        return _clean_text(stored, names)
    cleaned = _clean_value(value, names)
    return stored if cleaned == value else json.dumps(cleaned, ensure_ascii=False)


def _select(connection, sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _opened(stored):
    from nps.core.fields import load_stored

    return None if stored is None else load_stored(stored)


def _mothers_by_profile(connection) -> dict[int, list[str]]:
    """Each profile's mothers' names (both spellings), longest first, so a name is replaced
    before a shorter one inside it."""
    from nps.core.fields import UnreadableValue

    names: dict[int, list[str]] = {}
    rows = _select(connection, "SELECT id, mother_name, mother_name_persian FROM oracle_users")
    for pk, *stored in rows:
        found = set()
        for value in stored:
            try:
                name = _opened(value)
            except UnreadableValue:
                continue
            if isinstance(name, str) and len(name.strip()) >= 2:
                found.add(name.strip())
        names[pk] = sorted(found, key=len, reverse=True)
    return names


def remove_mothers_names(apps, schema_editor):
    """A migration's historical model has django-cryptography's own encrypted field, keyed
    differently from the app's: the encrypted columns are read and written raw
    (`load_stored` / `dump_stored`), as in 0010."""
    from nps.core.fields import UnreadableValue, dump_stored

    connection = schema_editor.connection
    mothers = _mothers_by_profile(connection)
    rows = _select(
        connection,
        "SELECT id, user_id, primary_user_id, ai_interpretation, ai_interpretation_persian "
        "FROM oracle_readings ORDER BY id",
    )
    for pk, profile, primary, *stored in rows:
        names = sorted(
            {*mothers.get(profile, ()), *mothers.get(primary, ())}, key=len, reverse=True
        )
        try:
            before = [_opened(value) for value in stored]
        except UnreadableValue:
            continue
        after = [_clean_column(text, names) for text in before]
        if after == before:
            continue
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE oracle_readings SET ai_interpretation = %s, ai_interpretation_persian = %s "
                "WHERE id = %s",
                [
                    *(
                        None if text is None else connection.Database.Binary(dump_stored(text))
                        for text in after
                    ),
                    pk,
                ],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("oracle", "0008_share_links_on_delete"),
    ]

    operations = [
        migrations.RunPython(remove_mothers_names, migrations.RunPython.noop),
    ]
