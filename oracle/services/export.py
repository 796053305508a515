"""A stored reading exported as text, JSON or PDF (the reading page and
`GET /api/oracle/readings/{id}/export`), audited as ``oracle_reading.export``.

JSON is exactly the stored response (`sealing.reading_response`). Text and PDF hold the same
summary: the kind, the date, the question or name asked about, the person (name and Persian name —
never the mother's name), the main numbers and the interpretation, with labels in the active
language. The PDF is drawn on the server by fpdf2 with HarfBuzz text shaping (uharfbuzz) and the
vendored Vazirmatn font (`oracle/fonts/`), so Persian letters join and run right to left, and
the PDF's text layer holds the words (a reader can search and copy them).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from nps.accounts.principal import Principal
from nps.core import audit
from nps.core.errors import InvalidField
from oracle.models import Profile, Reading, SignType
from oracle.services import history, sealing
from oracle.services.readings import record_action

FORMATS = {
    "txt": "text/plain; charset=utf-8",
    "json": "application/json",
    "pdf": "application/pdf",
}
FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
# fontTools logs every table it prunes while fpdf2 subsets the font, at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    content: bytes


def kind_label(sign_type: str) -> str:
    return {
        SignType.READING: _("Time reading"),
        SignType.TIME: _("Time reading"),
        SignType.QUESTION: _("Question reading"),
        SignType.NAME: _("Name reading"),
        SignType.MULTI_USER: _("Group reading"),
        SignType.DAILY: _("Daily reading"),
    }.get(sign_type, _("Reading"))


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _interpretation(response: dict[str, Any]) -> str:
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


def facts(reading: Reading, response: dict[str, Any]) -> list[tuple[str, str]]:
    """The (label, value) lines of the summary, in order; empty values are left out."""
    lines: list[tuple[str, Any]] = []
    person = reading.profile if reading.sign_type != SignType.MULTI_USER else None
    if person is not None:
        names = person.name + (f" — {person.name_persian}" if person.name_persian else "")
        lines.append((_("For"), names))
    kind = reading.sign_type
    if kind == SignType.QUESTION:
        lines += [
            (_("Question"), response.get("question")),
            (_("Answer"), response.get("answer")),
            (_("Sign number"), response.get("sign_number")),
            (_("Confidence"), _percent(response.get("confidence"))),
            (_("Advice"), response.get("advice")),
        ]
    elif kind == SignType.NAME:
        lines += [
            (_("Name"), response.get("name")),
            (_("Destiny"), response.get("destiny_number")),
            (_("Soul urge"), response.get("soul_urge")),
            (_("Personality"), response.get("personality")),
        ]
    elif kind == SignType.MULTI_USER:
        people = [p.get("name") for p in response.get("profiles") or [] if isinstance(p, dict)]
        lines += [
            (_("People"), ", ".join(name for name in people if name)),
            (_("Group archetype"), _get(response, "group_energy", "archetype")),
            (_("Joint life path"), _get(response, "group_energy", "joint_life_path")),
        ]
    else:
        lines += [
            (_("Moment"), response.get("generated_at")),
            (_("FC60 stamp"), _get(response, "fc60_encoding", "stamp")),
            (_("Element"), _get(response, "fc60", "element")),
            (_("Life path"), _get(response, "numerology", "life_path")),
            (_("Zodiac"), _get(response, "zodiac", "sign")),
            (_("Moon"), _get(response, "fc60_encoding", "moon_name")),
        ]
    return [(label, str(value)) for label, value in lines if value not in (None, "")]


def _percent(value: Any) -> str | None:
    try:
        return f"{round(float(value) * 100)}%"
    except (TypeError, ValueError):
        return None


def as_text(reading: Reading, response: dict[str, Any]) -> str:
    lines = [
        f"NPS — {kind_label(reading.sign_type)} #{reading.pk}",
        reading.created_at.strftime("%Y-%m-%d %H:%M UTC"),
        "",
    ]
    lines += [f"{label}: {value}" for label, value in facts(reading, response)]
    interpretation = _interpretation(response)
    if interpretation:
        lines += ["", _("Interpretation"), interpretation]
    return "\n".join(lines) + "\n"


@cache
def _glyphs() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(FONT_DIR / "Vazirmatn-Regular.ttf").getBestCmap())


def _printable(text: str) -> str:
    """The text without characters the font has no glyph for (emoji, symbols)."""
    glyphs = _glyphs()
    return "".join(ch for ch in text if ord(ch) in glyphs or ch in "\n\t")


def _align(text: str) -> str:
    """Right for a paragraph whose first strong character is right-to-left (Persian), else left."""
    for ch in text:
        direction = unicodedata.bidirectional(ch)
        if direction in ("R", "AL"):
            return "R"
        if direction == "L":
            return "L"
    return "L"


def as_pdf(reading: Reading, response: dict[str, Any]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(f"NPS {kind_label(reading.sign_type)} #{reading.pk}")
    pdf.set_creator("NPS")
    pdf.add_font("Vazirmatn", "", str(FONT_DIR / "Vazirmatn-Regular.ttf"))
    pdf.add_font("Vazirmatn", "B", str(FONT_DIR / "Vazirmatn-Bold.ttf"))
    pdf.set_text_shaping(True)  # HarfBuzz: joined Persian letters, right-to-left runs
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    width = pdf.epw

    pdf.set_font("Vazirmatn", "B", 18)
    title = f"{kind_label(reading.sign_type)} — NPS"
    pdf.multi_cell(width, 10, _printable(title), align=_align(title))
    pdf.set_font("Vazirmatn", "", 10)
    pdf.set_text_color(90, 90, 90)
    stamp = reading.created_at.strftime("%Y-%m-%d %H:%M UTC")
    pdf.multi_cell(width, 6, f"#{reading.pk} · {stamp}")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(4)
    for label, value in facts(reading, response):
        pdf.set_font("Vazirmatn", "B", 11)
        pdf.multi_cell(width, 7, _printable(label), align=_align(label))
        pdf.set_font("Vazirmatn", "", 11)
        pdf.multi_cell(width, 7, _printable(value), align=_align(value))
        pdf.ln(1)
    interpretation = _interpretation(response)
    if interpretation:
        pdf.ln(3)
        pdf.set_font("Vazirmatn", "B", 13)
        pdf.multi_cell(width, 8, _printable(_("Interpretation")), align=_align(_("Interpretation")))
        pdf.set_font("Vazirmatn", "", 10.5)
        for paragraph in interpretation.splitlines():
            pdf.multi_cell(width, 6, _printable(paragraph) or " ", align=_align(paragraph))
    return bytes(pdf.output())


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
    reading = history.get_reading(principal=principal, reading_id=reading_id)
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


def _profile_row(profile) -> dict[str, Any]:
    row = {column: getattr(profile, column, None) for column in PROFILE_COLUMNS}
    row["latitude"], row["longitude"] = profile.latitude, profile.longitude
    row["birthday"] = profile.birthday.isoformat() if profile.birthday else None
    row["created_at"] = profile.created_at.isoformat()
    return row


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


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode()  # BOM: spreadsheets read it as UTF-8


def export_account(*, principal: Principal, client_address: str | None = None) -> ExportFile:
    """ "Download my data": every live profile and reading of the account, decrypted, as a ZIP of
    JSON (readings with their whole stored response) and CSV. Audited as ``account.export``."""
    account = principal.account
    people = list(Profile.objects.filter(owner=account).order_by("pk")) if account else []
    rows = list(Reading.objects.filter(owner=account).order_by("pk")) if account else []
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
        archive.writestr("profiles.csv", _csv(profile_rows, PROFILE_COLUMNS))
        archive.writestr("readings.json", _json(full_readings))
        archive.writestr("readings.csv", _csv(reading_rows, READING_COLUMNS))
    audit.record(
        "account.export",
        actor=account,
        client_address=client_address,
        resource_type="account",
        details={"profiles": len(profile_rows), "readings": len(reading_rows)},
    )
    day = dt.date.today().isoformat()
    return ExportFile(f"nps-my-data-{day}.zip", "application/zip", buffer.getvalue())
