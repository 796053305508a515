"""Take mothers' names out of the interpretations already stored.

Until this release the name reading of a profile's own name wrote its heading as
"-- Mother's Influence (<mother's name>) --" (Persian "-- اثر نام مادر (<name>) --"), and that
text was stored with the reading, then served by share links, the API and exports. This rewrites
every stored interpretation (both encrypted columns): the heading loses the name, and any other
occurrence of the linked profiles' mothers' names (an AI text quoting it) is replaced by
"your mother" / "مادر". The search terms of the readings it changed are rebuilt.
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


def _mothers(reading) -> list[str]:
    names = []
    for profile in (reading.profile, reading.primary_profile):
        if profile is None:
            continue
        for name in (profile.mother_name, profile.mother_name_persian):
            if name and len(name.strip()) >= 2:
                names.append(name.strip())
    # Longest first, so a name is replaced before a shorter one inside it.
    return sorted(set(names), key=len, reverse=True)


def remove_mothers_names(apps, schema_editor):
    Reading = apps.get_model("oracle", "Reading")
    changed = 0
    readings = Reading._base_manager.select_related("profile", "primary_profile").order_by("pk")
    for reading in readings.iterator(chunk_size=500):
        names = _mothers(reading)
        before = (reading.ai_interpretation, reading.ai_interpretation_persian)
        after = tuple(_clean_column(text, names) for text in before)
        if after != before:
            reading.ai_interpretation, reading.ai_interpretation_persian = after
            reading.save(update_fields=["ai_interpretation", "ai_interpretation_persian"])
            changed += 1
    if changed:
        from oracle.services import search_index

        search_index.rebuild(
            reading_model=Reading, term_model=apps.get_model("oracle", "ReadingSearchTerm")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("oracle", "0008_share_links_on_delete"),
    ]

    operations = [
        migrations.RunPython(remove_mothers_names, migrations.RunPython.noop),
    ]
