"""A stored reading as a document a person reads: what the text and PDF exports hold.

:func:`build` turns a reading and its stored response into a :class:`Document` in the active
language — a title, a line with the reading's number and date, then blocks: facts (label and
value), lists and the interpretation's sections with their titles. Values are shown as on the
reading page: engine terms (elements, animals, moon phases, answers…) in the language's words,
numbers with Persian digits and dates in the Jalali calendar in Persian, prose with its numbers
Persian while FC60 tokens, stamps and Latin names stay as written. The person is named by their
name and Persian name — never their mother's name, which is not in the response at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from nps.core.dates import format_date, line_separator, to_persian_digits
from oracle.engines import i18n
from oracle.engines.interpretation import SECTION_KEYS, dominant_text, meaning_of
from oracle.engines.version import ENGINE_VERSION
from oracle.forms.consult import QUESTION_CATEGORIES
from oracle.models import Reading, ReadingKind, SignType
from oracle.services import interpretation, method, spoken


def kind_label(sign_type: str) -> str:
    """The reading's kind (`ReadingKind`) as a title names it ("Question reading"), in the
    active language."""
    return {
        ReadingKind.TIME: _("Time reading"),
        ReadingKind.QUESTION: _("Question reading"),
        ReadingKind.NAME: _("Name reading"),
        ReadingKind.GROUP: _("Group reading"),
        ReadingKind.DAILY: _("Daily reading"),
    }[ReadingKind.of(sign_type)]


@dataclass(frozen=True)
class Block:
    """A titled part of the document: ``rows`` of (label, value), then ``paragraphs``.

    ``direction`` is the paragraphs' writing direction (``"rtl"``/``"ltr"``), or None to take
    each paragraph's own (its first strong letter) — a reading's texts may be in either language.
    """

    title: str
    rows: tuple[tuple[str, str], ...] = ()
    paragraphs: tuple[str, ...] = ()
    direction: str | None = None


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    rtl: bool
    blocks: tuple[Block, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------------------------
# Values as a person reads them


def is_persian() -> bool:
    return (get_language() or "").startswith("fa")


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def number(value: Any) -> str:
    """A number (or a text of digits) with the language's digits; "" for nothing."""
    if value is None or value == "":
        return ""
    return to_persian_digits(value) if is_persian() else str(value)


def term(value: Any) -> str:
    """An engine's short English name (``Fire``, ``Waning Crescent``, ``no``…) as the language
    says it."""
    if value is None or value == "":
        return ""
    return str(i18n.term(str(value), "fa" if is_persian() else "en"))


def dominant(energy: Mapping[str, Any], kind: str) -> str:
    """A group's leading element or animal, or on a tie every leader (``Balanced: Wood and Fire
    equally``); V4's single ``dominant_*`` name when the distribution is missing."""
    distribution = energy.get(f"{kind}_distribution")
    if not isinstance(distribution, Mapping) or not distribution:
        return term(energy.get(f"dominant_{kind}"))
    with i18n.speaking("fa" if is_persian() else "en"):
        return dominant_text(distribution)


def percent(share: Any) -> str:
    """A 0–1 share as a whole percentage (``0.5`` → ``50%``, ``۵۰٪`` in Persian)."""
    try:
        whole = round(float(share) * 100)
    except (TypeError, ValueError):
        return ""
    return _("%(number)s%%") % {"number": number(whole)}


def with_meaning(value: Any) -> str:
    """``7`` → ``7 — The Seeker: Question, analyze, find meaning``."""
    if value is None or value == "":
        return ""
    with i18n.speaking("fa" if is_persian() else "en"):
        meaning = meaning_of(value)
    return f"{number(value)} — {meaning}" if meaning else number(value)


def _date_text(moment: dt.date | dt.datetime, *, with_time: bool) -> str:
    """The date (a date-time on its own wall clock) in the reader's calendar, as the pages show it
    (`nps.core.dates`: Jalali in Persian by default; a day Jalali cannot write stays Gregorian)."""
    if isinstance(moment, dt.datetime):
        moment = moment.replace(tzinfo=None)
    return format_date(moment, with_time=with_time)


def _zone(moment: dt.datetime) -> str:
    offset = moment.utcoffset()
    if offset is None:
        return ""
    if not offset:
        return "UTC"
    minutes = round(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return number(f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}")


def moment_text(value: Any) -> str:
    """An ISO date-time of a reading as written where it was read: ``2024-03-20 14:30 UTC+03:30``
    (Jalali with Persian digits in Persian). Anything unreadable is shown as it is."""
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value))
        except ValueError:
            return prose(str(value)) if value else ""
    zone = _zone(moment)
    text = _date_text(moment, with_time=True)
    return f"{text} {zone}" if zone else text


def sky_moment_text(value: Any) -> str:
    """An instant of the sky block (the next new or full moon) as almanacs print it: to the
    nearest minute, on the reading's clock, with its zone — the page and the files alike."""
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return prose(str(value)) if value else ""
    return moment_text((moment + dt.timedelta(seconds=30)).replace(second=0, microsecond=0))


def date_text(value: Any) -> str:
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    return _date_text(day, with_time=False)


# Runs of Latin text in a Persian text (FC60 tokens and stamps, codes, Latin names) stay as they
# are; runs of digits (with their signs) get Persian digits; ISO dates become Jalali dates. A
# zone's "UTC" ends its run before the offset, whose digits are Persian ("UTC+۰۳:۳۰").
_LATIN_RUN = re.compile(
    r"UTC(?=[+\-−][0-9])"
    r"|[A-Za-z][A-Za-z0-9']*(?:[-=+ ☀🌙.]+[A-Za-z0-9][A-Za-z0-9']*)*"
    r"|[0-9](?:[0-9:.\-+=%/ ]*[0-9%])?"
)
_ISO_DATE = re.compile(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b(?!T)")
_LETTER = re.compile(r"[A-Za-z]")
_DECIMAL_POINT = re.compile(r"(?<=[0-9])\.(?=[0-9])")
_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")


def _persian_run(match: re.Match[str]) -> str:
    run = match.group(0)
    if _LETTER.search(run):
        return run
    return to_persian_digits(_DECIMAL_POINT.sub("٫", run)).replace("%", "٪")


def _jalali(match: re.Match[str]) -> str:
    try:
        day = dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return match.group(0)
    return _date_text(day, with_time=False)


def prose(value: Any) -> str:
    """An engine's or the AI's text for a file: its ``**emphasis**`` marks dropped; in Persian
    its digits Persian and its dates Jalali, its Latin runs unchanged."""
    text = _BOLD.sub(r"\1", "" if value is None else str(value))
    if not is_persian():
        return text
    return _LATIN_RUN.sub(_persian_run, _ISO_DATE.sub(_jalali, text))


def _rows(*pairs: tuple[str, Any]) -> tuple[tuple[str, str], ...]:
    """The (label, value) pairs whose value is not empty, values as text."""
    return tuple((label, str(value)) for label, value in pairs if value not in (None, ""))


def comma() -> str:
    return "، " if is_persian() else ", "


def semicolon() -> str:
    """What separates parts that hold commas of their own."""
    return "؛ " if is_persian() else " · "


def _joined(*parts: Any, separator: str | None = None) -> str:
    separator = line_separator() if separator is None else separator
    return separator.join(str(part) for part in parts if part not in (None, ""))


# --------------------------------------------------------------------------------------------
# The blocks of each kind of reading


def _person_name(reading: Reading) -> str:
    person = reading.profile
    if person is None:
        return ""
    if person.name_persian and person.name_persian != person.name:
        return f"{person.name} — {person.name_persian}"
    return person.name


def _moon(data: Any) -> str:
    phase = _get(data, "phase_name") or _get(data, "phase")
    if not phase:
        return ""
    illumination = _get(data, "illumination")
    lit = percent(float(illumination) / 100) if isinstance(illumination, int | float) else ""
    return _joined(term(phase), lit)


def _best_hours(hours: Any) -> str:
    """The three best hours of a time reading's day (``08:00 · 09:00 · 10:00``)."""
    if not isinstance(hours, list):
        return ""
    best = [
        h["hour"] for h in hours[:3] if isinstance(h, Mapping) and isinstance(h.get("hour"), int)
    ]
    return line_separator().join(number(f"{hour:02d}:00") for hour in best)


def _time_blocks(response: Mapping[str, Any]) -> list[Block]:
    encoding = _get(response, "fc60_encoding") or _get(response, "systems", "fc60") or {}
    fc60 = _get(response, "fc60") or {}
    ganzhi = _get(response, "systems", "ganzhi") or {}
    numerology = _get(response, "numerology") or {}
    person = _get(response, "person") or {}
    moment = _rows(
        (_("Moment"), moment_text(response.get("generated_at"))),
        (_("FC60 stamp"), _get(encoding, "stamp")),
        (
            _("Weekday"),
            _joined(term(_get(encoding, "weekday_name")), term(_get(encoding, "weekday_planet"))),
        ),
        (
            _("Element"),
            _joined(term(fc60.get("element")), term(fc60.get("polarity")), separator=" "),
        ),
        (_("Year animal"), term(_get(response, "chinese", "animal"))),
        (_("Energy"), percent(fc60.get("energy_level"))),
        (_("Zodiac of the moment"), term(_get(response, "zodiac", "sign"))),
        (_("Moon"), _moon(_get(response, "systems", "moon"))),
        (_("Year pillar"), ganzhi.get("year_pillar")),
        (_("Day pillar"), ganzhi.get("day_pillar")),
        (_("Hour pillar"), ganzhi.get("hour_pillar")),
        (_("Best hours"), _best_hours(response.get("best_hours"))),
    )
    # Whose each number is: with a profile the life path is the person's (issue 20).
    if person.get("name"):
        life_path_label = _("Life path of %(name)s") % {"name": person["name"]}
        zodiac_label = _("Zodiac of %(name)s") % {"name": person["name"]}
    elif person:
        life_path_label, zodiac_label = _("Life path"), _("Zodiac")
    else:
        life_path_label, zodiac_label = _("Life path of the date"), ""
    numbers = _rows(
        (life_path_label, with_meaning(numerology.get("life_path"))),
        (zodiac_label, term(person.get("zodiac"))),
        (_("Expression"), with_meaning(person.get("expression"))),
        (_("Soul urge"), with_meaning(person.get("soul_urge"))),
        (_("Personality"), with_meaning(person.get("personality"))),
        (_("Personal year"), with_meaning(numerology.get("personal_year"))),
        (_("Personal month"), with_meaning(numerology.get("personal_month"))),
        (_("Personal day"), with_meaning(numerology.get("personal_day"))),
        (_("Day vibration"), with_meaning(numerology.get("day_vibration"))),
    )
    blocks = [Block(_("The moment"), rows=moment), Block(_("Numerology"), rows=numbers)]
    synchronicities = [prose(item) for item in response.get("synchronicities") or [] if item]
    if synchronicities:
        blocks.append(Block(_("Synchronicities"), paragraphs=tuple(synchronicities)))
    return blocks


def _daily_blocks(response: Mapping[str, Any]) -> list[Block]:
    """A day's insight: its number, quality, lucky numbers, stamp and moon, and the person's
    personal numbers when it was read for a profile."""
    personal = _get(response, "personal") or {}
    day = _rows(
        (_("Date"), date_text(response.get("date"))),
        (_("Day number"), with_meaning(response.get("day_number"))),
        (_("Quality"), term(response.get("quality"))),
        (_("Best for"), term(response.get("optimal_activity"))),
        (_("Lucky numbers"), comma().join(number(n) for n in response.get("lucky_numbers") or [])),
        (_("FC60 stamp"), _get(response, "fc60", "code")),
        (_("Moon"), _moon(_get(response, "moon"))),
        (_("Best hours"), _best_hours(response.get("best_hours"))),
        (_("Personal year"), with_meaning(personal.get("personal_year"))),
        (_("Personal month"), with_meaning(personal.get("personal_month"))),
        (_("Personal day"), with_meaning(personal.get("personal_day"))),
    )
    return [Block(_("The day"), rows=day)]


def _question_blocks(response: Mapping[str, Any]) -> list[Block]:
    encoding = _get(response, "fc60_encoding") or {}
    moon = _get(response, "moon") or {}
    category = QUESTION_CATEGORIES.get(response.get("category") or "", "")
    asked = _rows(
        (_("Question"), response.get("question")),
        (_("Category"), str(category)),
        (_("Moment"), moment_text(response.get("moment")) if response.get("moment") else ""),
        (_("Answer"), term(response.get("answer"))),
        (_("Confidence"), percent(response.get("confidence"))),
        (_("Sign number"), with_meaning(response.get("sign_number"))),
        (_("FC60 stamp"), encoding.get("stamp")),
        (_("Moon"), _joined(_moon(moon), term(moon.get("meaning")), separator=" — ")),
        (
            _("Timing"),
            _joined(
                term(_get(response, "timing", "quality")),
                percent(_get(response, "timing", "score")),
            ),
        ),
        (_("Life path"), with_meaning(_get(response, "person", "life_path"))),
    )
    return [
        Block(
            _("The question"), rows=(*asked, *_rows((_("Advice"), prose(response.get("advice")))))
        )
    ]


def _name_blocks(response: Mapping[str, Any]) -> list[Block]:
    letters = [item for item in response.get("letters") or [] if isinstance(item, Mapping)]
    system = response.get("numerology_system")
    total = sum(item.get("value") or 0 for item in letters)
    rows = _rows(
        (_("Name"), response.get("name")),
        (_("Numerology system"), term(system)),
        (_("Expression"), with_meaning(response.get("destiny_number"))),
        (_("Soul urge"), with_meaning(response.get("soul_urge"))),
        (_("Personality"), with_meaning(response.get("personality"))),
        (_("Life path"), with_meaning(response.get("life_path"))),
        (_("Chaldean number"), number(response.get("chaldean"))),
        (_("Abjad value"), number(total) if system == "abjad" and letters else ""),
    )
    blocks = [Block(_("The name"), rows=rows)]
    if letters:
        spelled = ("؛ " if is_persian() else "  ·  ").join(
            _joined(
                item.get("letter"),
                number(item.get("value")),
                term(item.get("element")),
                separator=" ",
            )
            for item in letters
        )
        blocks.append(
            Block(
                _("Letter by letter"),
                paragraphs=(spelled, f"{_('Total')}: {number(total)}"),
            )
        )
    return blocks


def _bond(bond: Any) -> str:
    if not isinstance(bond, Mapping) or not bond.get("pair"):
        return ""
    return f"{bond['pair']}{line_separator()}{percent(bond.get('score'))}"


def _group_blocks(response: Mapping[str, Any]) -> list[Block]:
    energy = _get(response, "group_energy") or {}
    dynamics = _get(response, "group_dynamics") or {}
    people = [p for p in response.get("profiles") or [] if isinstance(p, Mapping)]
    roles = dynamics.get("roles") if isinstance(dynamics.get("roles"), Mapping) else {}
    group = _rows(
        (
            _("Group archetype"),
            _joined(
                term(energy.get("archetype")),
                prose(energy.get("archetype_description")),
                separator=" — ",
            ),
        ),
        (_("Average compatibility"), percent(dynamics.get("avg_compatibility"))),
        (_("Strongest bond"), _bond(dynamics.get("strongest_bond"))),
        (_("Weakest bond"), _bond(dynamics.get("weakest_bond"))),
        (_("Joint life path"), with_meaning(energy.get("joint_life_path"))),
        (_("Dominant element"), dominant(energy, "element")),
        (_("Dominant animal"), dominant(energy, "animal")),
    )
    members = []
    for person in people:
        role = roles.get(person.get("name")) if isinstance(roles, Mapping) else None
        role_text = (
            _joined(term(role.get("role")), prose(role.get("description")), separator=" — ")
            if isinstance(role, Mapping)
            else ""
        )
        facts = _("Life path %(number)s · %(element)s %(animal)s") % {
            "number": number(person.get("life_path")),
            "element": term(person.get("element")),
            "animal": term(person.get("animal")),
        }
        members.append((str(person.get("name", "")), _joined(facts, role_text)))
    blocks = [Block(_("The group"), rows=group), Block(_("People"), rows=_rows(*members))]
    pairs = [
        (f"{pair.get('user1')} & {pair.get('user2')}", _pair_text(pair))
        for pair in response.get("pairwise_compatibility") or []
        if isinstance(pair, Mapping)
    ]
    if pairs:
        blocks.append(Block(_("Pairs"), rows=_rows(*pairs)))
    for title, key in (
        (_("Synergies"), "synergies"),
        (_("Challenges"), "challenges"),
        (_("Room to grow"), "growth_areas"),
    ):
        items = tuple(prose(item) for item in dynamics.get(key) or [] if item)
        if items:
            blocks.append(Block(title, paragraphs=items))
    hours = _get(response, "best_hours", "hours") or []
    if hours:
        names = [str(person.get("name", "")) for person in people]
        day = _get(response, "best_hours", "day")
        lines = [date_text(day)] if day else []
        for hour in hours:
            times = hour.get("local_times") or []
            local = comma().join(
                f"{name} {number(time)}" for name, time in zip(names, times, strict=False)
            )
            lines.append(
                _joined(
                    local,
                    term(hour.get("quality")),
                    percent(hour.get("score")),
                    separator=semicolon(),
                )
            )
        blocks.append(Block(_("Best hours for the group"), paragraphs=tuple(lines)))
    return blocks


def _pair_text(pair: Mapping[str, Any]) -> str:
    scores = pair.get("scores") if isinstance(pair.get("scores"), Mapping) else {}
    parts = [
        f"{label} {percent(scores.get(key))}"
        for label, key in (
            (_("Life path"), "life_path"),
            (_("Element"), "element"),
            (_("Animal"), "animal"),
            (_("Destiny"), "destiny"),
        )
        if scores.get(key) is not None
    ]
    overall = percent(pair.get("overall"))
    return f"{overall} ({comma().join(parts)})" if parts else overall


# --------------------------------------------------------------------------------------------
# The interpretation

SECTION_TITLES = {
    "universal_address": gettext_lazy("Universal address"),
    "core_identity": gettext_lazy("Core identity"),
    "right_now": gettext_lazy("Right now"),
    "patterns": gettext_lazy("Patterns"),
    "message": gettext_lazy("Message"),
    "advice": gettext_lazy("Advice"),
    "caution": gettext_lazy("Caution"),
}


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(prose(part.strip()) for part in re.split(r"\n\s*\n|\n", text) if part.strip())


def interpretation_data(reading: Reading, response: Mapping[str, Any]) -> dict[str, Any]:
    """The reading's interpretation (the ``ai_interpretation`` dict with its ``sections``), as
    the reading page shows it: a deterministic one is made again in the page's language."""
    language = "fa" if is_persian() else "en"
    return interpretation.shown(reading.kind.engine_kind, response, language).data


def interpretation_blocks(reading: Reading, response: Mapping[str, Any]) -> list[Block]:
    """Every section of the interpretation, each under its title (the header is the first
    block's title and the footer a last line). Older readings without sections give their one
    interpretation text."""
    data = interpretation_data(reading, response)
    sections = data.get("sections") if isinstance(data.get("sections"), dict) else {}
    direction = None
    if data.get("language") in ("fa", "en") and sections:
        direction = "rtl" if data["language"] == "fa" else "ltr"
    blocks: list[Block] = []
    if any(isinstance(sections.get(key), str) and sections[key].strip() for key in SECTION_KEYS):
        header = (sections.get("header") or "").strip()
        title = _("Interpretation") + (f": {prose(header)}" if header else "")
        blocks.append(Block(title, direction=direction))
        for key, section_title in SECTION_TITLES.items():
            text = sections.get(key)
            if isinstance(text, str) and text.strip():
                blocks.append(
                    Block(str(section_title), paragraphs=_paragraphs(text), direction=direction)
                )
        footer = (sections.get("footer") or "").strip()
        if footer:
            blocks.append(Block("", paragraphs=_paragraphs(footer), direction=direction))
        return blocks
    text = _fallback_text(data, response)
    if text:
        blocks.append(Block(_("Interpretation"), paragraphs=_paragraphs(text)))
    return blocks


def _fallback_text(data: Mapping[str, Any], response: Mapping[str, Any]) -> str:
    for value in (
        data.get("text"),
        data.get("compatibility_narrative"),
        response.get("interpretation"),
        response.get("summary"),
    ):
        if isinstance(value, str) and value.strip():
            return value
    return ""


# --------------------------------------------------------------------------------------------


def build(reading: Reading, response: Mapping[str, Any]) -> Document:
    """The document of a reading in the active language (its engine texts too)."""
    response = spoken.for_page(reading, dict(response))
    kind = reading.sign_type
    created = reading.created_at.astimezone(dt.UTC)
    subtitle = _joined(_("Reading #%(id)s") % {"id": number(reading.pk)}, moment_text(created))
    if kind == SignType.QUESTION:
        blocks = _question_blocks(response)
    elif kind == SignType.NAME:
        blocks = _name_blocks(response)
    elif kind == SignType.MULTI_USER:
        blocks = _group_blocks(response)
    elif kind == SignType.DAILY:
        blocks = _daily_blocks(response)
    else:
        blocks = _time_blocks(response)
    person = _person_name(reading)
    if person and kind != SignType.MULTI_USER:
        first = blocks[0]
        blocks[0] = Block(first.title, ((_("For"), person), *first.rows), first.paragraphs)
    blocks += interpretation_blocks(reading, response)
    blocks += sky_and_method_blocks(response)
    return Document(
        title=f"{kind_label(kind)} — NPS",
        subtitle=subtitle,
        rtl=is_persian(),
        blocks=tuple(block for block in blocks if _has_content(block) or block.title),
    )


def sky_and_method_blocks(response: Mapping[str, Any]) -> list[Block]:
    """The two moons (FC60's and the sky's, and whether they agree) and "How this was
    computed" (`oracle.services.method`), as on the reading page."""
    blocks: list[Block] = []
    encoding, sky = response.get("fc60_encoding"), response.get("sky")
    fc60_phase = _get(encoding, "moon_name")
    if fc60_phase or isinstance(sky, Mapping):
        fc60_lit = _get(encoding, "moon_illumination")
        rows = [
            (
                _("FC60 moon"),
                _joined(
                    term(fc60_phase),
                    percent(fc60_lit / 100) if isinstance(fc60_lit, int | float) else "",
                ),
            )
        ]
        paragraphs: list[str] = []
        if isinstance(sky, Mapping):
            lit = _get(sky, "moon", "illumination")
            rows += [
                (
                    _("Moon in the sky"),
                    _joined(
                        term(_get(sky, "moon", "phase")),
                        percent(lit / 100) if isinstance(lit, int | float) else "",
                    ),
                ),
                (_("Moon sign"), term(_get(sky, "moon", "sign"))),
                (_("Sun sign"), term(_get(sky, "sun", "sign"))),
                (_("Next new moon"), sky_moment_text(sky.get("next_new_moon") or "")),
                (_("Next full moon"), sky_moment_text(sky.get("next_full_moon") or "")),
            ]
            if fc60_phase and sky.get("agrees_with_fc60"):
                paragraphs.append(
                    _("Both moons name the same phase: %(phase)s.")
                    % {"phase": term(_get(sky, "moon", "phase"))}
                )
            elif fc60_phase:
                paragraphs.append(
                    _(
                        "The two moons disagree: FC60's symbolic cycle says %(fc60)s, the sky "
                        "shows %(real)s. The reading's numbers and interpretation use the FC60 "
                        "moon."
                    )
                    % {
                        "fc60": term(sky.get("fc60_phase")),
                        "real": term(_get(sky, "moon", "phase")),
                    }
                )
        else:
            rows.append(
                (
                    _("Moon in the sky"),
                    _("Not computed: the ephemeris covers the years 1900–2050 only."),
                )
            )
        blocks.append(Block(_("The two moons"), rows=_rows(*rows), paragraphs=tuple(paragraphs)))
    stamp = response.get("method")
    lines = tuple((label, prose(value)) for label, value in method.method_lines(stamp))
    note = ()
    if method.is_outdated(stamp):
        version = stamp.get("engine_version") if isinstance(stamp, Mapping) else None
        current = number(ENGINE_VERSION)
        note = (
            _(
                "Computed with engine version %(version)s; the engines are now at version "
                "%(current)s, so the same request today may give other values."
            )
            % {"version": number(version), "current": current}
            if version
            else _(
                "Computed before readings recorded their method (earlier than engine version "
                "%(current)s); the same request today may give other values."
            )
            % {"current": current},
        )
    blocks.append(Block(_("How this was computed"), rows=lines, paragraphs=note))
    return blocks


def _has_content(block: Block) -> bool:
    return bool(block.rows or block.paragraphs)


def plain_lines(document: Document) -> Iterable[str]:
    """The document as lines of plain text (the ``.txt`` export)."""
    yield document.title
    yield document.subtitle
    for block in document.blocks:
        if not _has_content(block) and not block.title:
            continue
        yield ""
        if block.title:
            yield block.title
            yield "─" * min(len(block.title), 60)
        for label, value in block.rows:
            yield f"{label}: {value}"
        if block.rows and block.paragraphs:
            yield ""
        for index, paragraph in enumerate(block.paragraphs):
            if index:
                yield ""
            yield paragraph
