"""A stored reading exported as text, JSON or PDF (the reading page and
`GET /api/oracle/readings/{id}/export`), audited as ``oracle_reading.export``.

JSON is exactly the stored response (`sealing.reading_response`). Text and PDF hold the same
document (`reading_document`): the kind, the date, the question or name asked about, the person
(name and Persian name — never the mother's name), the moment, the numbers, the FC60 stamp and every
section of the interpretation, in the active language (Persian words and digits in Persian). The
PDF is drawn by `reading_pdf`. "Download my data" is a ZIP of the account's profiles and readings
as JSON and CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from nps.accounts.principal import Principal
from nps.core import audit
from nps.core.errors import InvalidField
from oracle.engines import i18n
from oracle.models import Profile, Reading, SignType
from oracle.services import history, reading_document, reading_pdf, sealing
from oracle.services.reading_document import is_persian, kind_label
from oracle.services.readings import record_action

__all__ = [
    "FORMATS",
    "ExportFile",
    "as_pdf",
    "as_text",
    "export_account",
    "export_reading",
    "kind_label",
    "reading_profile_name",
]

FORMATS = {
    "txt": "text/plain; charset=utf-8",
    "json": "application/json",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    content: bytes


def _interpretation(response: dict[str, Any]) -> str:
    """The interpretation as one text (the account export's CSV column)."""
    text = _get(response, "ai_interpretation", "text")
    if isinstance(text, str) and text.strip():
        return text
    narrative = _get(response, "ai_interpretation", "compatibility_narrative")
    if isinstance(narrative, str):
        return narrative
    for key in ("interpretation", "summary"):
        if isinstance(response.get(key), str):
            return response[key]
    return ""


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def as_text(reading: Reading, response: dict[str, Any]) -> str:
    """The whole reading as plain text: facts, numbers and every interpretation section."""
    return "\n".join(reading_document.plain_lines(reading_document.build(reading, response))) + "\n"


def as_pdf(reading: Reading, response: dict[str, Any]) -> bytes:
    document = reading_document.build(reading, response)
    return reading_pdf.render(document, title=f"NPS {kind_label(reading.sign_type)} #{reading.pk}")


def export_reading(
    *,
    principal: Principal,
    reading_id: int,
    export_format: str,
    client_address: str | None = None,
) -> ExportFile:
    """The reading as a file; an unknown format is a field error (``format``)."""
    if export_format not in FORMATS:
        raise InvalidField(("format",), "format must be one of: txt, json, pdf")
    reading = history.get_full_reading(principal=principal, reading_id=reading_id)
    response = sealing.reading_response(reading)
    if export_format == "json":
        content = json.dumps(response, ensure_ascii=False, indent=2).encode()
    elif export_format == "txt":
        content = as_text(reading, response).encode()
    else:
        content = as_pdf(reading, response)
    record_action(
        "oracle_reading.export",
        principal=principal,
        reading=reading,
        client_address=client_address,
        details={"format": export_format},
    )
    filename = f"nps-reading-{reading.pk}.{export_format}"
    return ExportFile(filename, FORMATS[export_format], content)


def copy_text(*, principal: Principal, reading_id: int) -> str:
    """The reading as the text export has it, for the result's Copy button: nothing is
    downloaded, so it is neither charged nor audited. A reading whose private texts the principal
    may not read (exported only by its owner and administrators) gives ``""``."""
    try:
        reading = history.get_full_reading(principal=principal, reading_id=reading_id)
    except history.ReadingNotFound:
        return ""
    return as_text(reading, sealing.reading_response(reading))


PROFILE_COLUMNS = (
    "id",
    "name",
    "name_persian",
    "birthday",
    "mother_name",
    "mother_name_persian",
    "gender",
    "country",
    "city",
    "latitude",
    "longitude",
    "timezone",
    "numerology_system",
    "created_at",
)
READING_COLUMNS = (
    "id",
    "created_at",
    "sign_type",
    "sign_value",
    "question",
    "profile_id",
    "is_multi_user",
    "is_favorite",
    "numerology_system",
    "interpretation",
)
# The CSVs are for people with a spreadsheet: names and labels instead of ids and internal names
# (the JSON files keep those, for programs).
PROFILE_CSV_COLUMNS = tuple(column for column in PROFILE_COLUMNS if column != "id")
READING_CSV_COLUMNS = (
    "id",
    "created_at",
    "kind",
    "sign_value",
    "question",
    "profile",
    "is_favorite",
    "numerology_system",
    "interpretation",
)


def _profile_row(profile) -> dict[str, Any]:
    row = {column: getattr(profile, column, None) for column in PROFILE_COLUMNS}
    row["latitude"], row["longitude"] = profile.latitude, profile.longitude
    row["birthday"] = profile.birthday.isoformat() if profile.birthday else None
    row["created_at"] = profile.created_at.isoformat()
    return row


def _profile_csv_row(profile: Profile, row: dict[str, Any]) -> dict[str, Any]:
    return {
        **row,
        "gender": profile.get_gender_display() if profile.gender else "",
        "numerology_system": _term(profile.numerology_system),
    }


def _reading_row(reading: Reading, response: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": reading.pk,
        "created_at": reading.created_at.isoformat(),
        "sign_type": reading.sign_type,
        "sign_value": reading.sign_value,
        "question": reading.question,
        "profile_id": reading.profile_id,
        "is_multi_user": reading.is_multi_user,
        "is_favorite": reading.is_favorite,
        "numerology_system": reading.numerology_system,
        "interpretation": _interpretation(response),
    }


def _reading_csv_row(reading: Reading, row: dict[str, Any]) -> dict[str, Any]:
    return {
        **row,
        "kind": kind_label(reading.sign_type),
        "profile": reading_profile_name(reading),
        "numerology_system": _term(reading.numerology_system),
    }


def reading_profile_name(reading: Reading) -> str:
    """Who a reading is for, as a person names them: the profile's name; for a group, the names
    of everyone in it (sealed with the interpretation); "" for an anonymous reading."""
    if reading.sign_type == SignType.MULTI_USER:
        return ", ".join(sealing.member_names(reading))
    return reading.profile.name if reading.profile is not None else ""


def _term(value: str | None) -> str:
    return str(i18n.term(value, "fa" if is_persian() else "en")) if value else ""


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _cell(value: Any) -> Any:
    """A text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows({key: _cell(value) for key, value in row.items()} for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode()  # BOM: spreadsheets read it as UTF-8


def export_account(*, principal: Principal, client_address: str | None = None) -> ExportFile:
    """ "Download my data": every live profile and reading of the account, decrypted, as a ZIP of
    JSON (readings with their whole stored response) and CSV. Audited as ``account.export``."""
    account = principal.account
    people = list(Profile.objects.filter(owner=account).order_by("pk")) if account else []
    rows = (
        list(Reading.objects.filter(owner=account).select_related("profile").order_by("pk"))
        if account
        else []
    )
    responses = [(reading, sealing.reading_response(reading)) for reading in rows]
    profile_rows = [_profile_row(profile) for profile in people]
    reading_rows = [_reading_row(reading, response) for reading, response in responses]
    full_readings = [
        {**row, "response": response}
        for row, (_r, response) in zip(reading_rows, responses, strict=True)
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("profiles.json", _json(profile_rows))
        archive.writestr(
            "profiles.csv",
            _csv(
                [_profile_csv_row(p, row) for p, row in zip(people, profile_rows, strict=True)],
                PROFILE_CSV_COLUMNS,
            ),
        )
        archive.writestr("readings.json", _json(full_readings))
        archive.writestr(
            "readings.csv",
            _csv(
                [_reading_csv_row(r, row) for r, row in zip(rows, reading_rows, strict=True)],
                READING_CSV_COLUMNS,
            ),
        )
    audit.record(
        "account.export",
        actor=account,
        client_address=client_address,
        resource_type="account",
        details={"profiles": len(profile_rows), "readings": len(reading_rows)},
    )
    day = dt.date.today().isoformat()
    return ExportFile(f"nps-my-data-{day}.zip", "application/zip", buffer.getvalue())
