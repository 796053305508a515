"""Store every profile's country as its ISO 3166-1 alpha-2 code.

Until this release the profile form stored the gazetteer's English name ("Iran", "Turkey") and the
API stored whatever a client sent ("IR", "Iran", "irn"). From now on the profile services store
the code (`oracle.services.profiles`), and pages name it in the reader's language. This converts
the stored values: a code (alpha-2 or alpha-3) or a name (English, CLDR's or the gazetteer's, or
Persian; accents and case do not matter) becomes the code. A value that names no current country
(a defunct one such as "Serbia and Montenegro", or free text) is left as it was: nothing typed is
lost, and the form offers it as its own choice until it is changed. Soft-deleted profiles are
converted too. Going back leaves the codes in place (they are valid input of both forms).
"""

from django.db import migrations

BATCH = 500


def to_codes(apps, schema_editor):
    from oracle.services.location import country_code_of

    Profile = apps.get_model("oracle", "Profile")
    rows = (
        Profile._base_manager.exclude(country__isnull=True)
        .exclude(country="")
        .values_list("id", "country")
        .order_by("id")
    )
    changes: dict[str, list[int]] = {}
    for profile_id, country in rows.iterator(chunk_size=BATCH):
        code = country_code_of(country)
        if code is not None and code != country:
            changes.setdefault(code, []).append(profile_id)
    for code, ids in changes.items():
        for start in range(0, len(ids), BATCH):
            # update(): the profile's updated_at stays the time a person changed it
            Profile._base_manager.filter(pk__in=ids[start : start + BATCH]).update(country=code)


class Migration(migrations.Migration):
    dependencies = [("oracle", "0010_group_names_sealed")]

    operations = [migrations.RunPython(to_codes, migrations.RunPython.noop, elidable=True)]
