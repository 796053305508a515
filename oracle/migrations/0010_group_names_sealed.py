"""Seal the names of the group readings already stored.

Until this release a group (multi-user) reading kept the names typed into it in clear: in
`reading_result` (each profile's name, each pair's names, the group dynamics' roles and
sentences) and in V4's `individual_results` / `compatibility_matrix` columns. This moves them
into the encrypted `ai_interpretation` object beside the interpretation (`sealing.seal`) and
leaves the numbers in clear. (It also rebuilt the search terms of the readings it changed, so
that a search by a member's name finds them; the index has since been redesigned, and 0014
builds it for every reading.) `sealing.reading_response` gives back exactly the response it gave
before. Rows already sealed, and rows whose encrypted column no configured key opens, are left
as they are.

A migration's historical model has django-cryptography's own encrypted field, keyed differently
from the app's: the encrypted columns are read and written raw (`load_stored` / `dump_stored`).
"""

from types import SimpleNamespace

from django.db import migrations

BATCH = 200


def _encrypted_columns(connection, table: str, ids: list[int]) -> dict[int, tuple]:
    quoted = connection.ops.quote_name(table)
    placeholders = ", ".join(["%s"] * len(ids))
    sql = f"SELECT id, question, ai_interpretation FROM {quoted} WHERE id IN ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        return {row[0]: row[1:] for row in cursor.fetchall()}


def _opened(stored):
    from nps.core.fields import load_stored

    return None if stored is None else load_stored(stored)


def seal_group_names(apps, schema_editor):
    from nps.core.fields import UnreadableValue, dump_stored
    from oracle.services import sealing

    Reading = apps.get_model("oracle", "Reading")
    connection = schema_editor.connection
    table = Reading._meta.db_table
    groups = (
        Reading._base_manager.filter(sign_type="multi_user")
        .order_by("pk")
        .values_list(
            "pk",
            "sign_value",
            "reading_result",
            "individual_results",
            "compatibility_matrix",
            "combined_energy",
        )
    )
    rows = list(groups)
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        encrypted = _encrypted_columns(connection, table, [row[0] for row in batch])
        for pk, sign_value, result, individual, matrix, energy in batch:
            question_stored, interpretation_stored = encrypted[pk]
            try:
                question = _opened(question_stored)
                interpretation = _opened(interpretation_stored)
            except UnreadableValue:
                continue
            row = SimpleNamespace(
                pk=pk,
                sign_type="multi_user",
                sign_value=sign_value,
                question=question,
                reading_result=result,
                ai_interpretation=interpretation,
            )
            if sealing.is_group_object(sealing.sealed_object(row)):
                continue
            response = sealing.reading_response(row)
            response.pop("reading_id", None)
            response = sealing.with_group_columns(
                response,
                individual_results=individual,
                compatibility_matrix=matrix,
                combined_energy=energy,
            )
            sealed = sealing.seal("multi_user", response)
            Reading._base_manager.filter(pk=pk).update(
                reading_result=sealed.reading_result, **sealing.group_columns(sealed.reading_result)
            )
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {connection.ops.quote_name(table)} SET ai_interpretation = %s "  # noqa: S608
                    "WHERE id = %s",
                    [connection.Database.Binary(dump_stored(sealed.ai_interpretation)), pk],
                )


class Migration(migrations.Migration):
    dependencies = [
        ("oracle", "0009_interpretations_without_mothers"),
    ]

    operations = [
        migrations.RunPython(seal_group_names, migrations.RunPython.noop),
    ]
