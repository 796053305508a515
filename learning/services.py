"""Feedback on readings, per-account levels and insights, and the feedback engine.

Feedback: one per account and reading (1–5 stars, per-section helpful flags, a comment of at most
1,000 characters, encrypted), updatable. Levels: XP from the account's readings, feedback and
streaks, with V4-later's thresholds; nothing is locked behind a level. The engine (V4-later's)
turns everyone's feedback into metrics per reading type and section and into the
prompt emphasis that `learned_preferences()` hands to the AI prompt.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learning.models import LearningMetric, ReadingFeedback
from nps.accounts.principal import Principal
from nps.core import audit
from nps.core.errors import Forbidden, InvalidField, NotFound
from oracle.models import Reading, ReadingKind, SignType
from oracle.services import history
from vault import services as vault

logger = logging.getLogger(__name__)

TEXT_MAX = 1000

# The interpretation's sections, in reading order (the AI interpretation uses the same keys).
SECTIONS: dict[str, Any] = {
    "header": gettext_lazy("Header"),
    "universal_address": gettext_lazy("Universal address"),
    "core_identity": gettext_lazy("Core identity"),
    "right_now": gettext_lazy("Right now"),
    "patterns": gettext_lazy("Patterns"),
    "message": gettext_lazy("Message"),
    "advice": gettext_lazy("Advice"),
    "caution": gettext_lazy("Caution"),
    "footer": gettext_lazy("Footer"),
}
# V4-later's section names, accepted by the API and stored under the matching key.
SECTION_ALIASES = {
    "simple": "core_identity",
    "action_steps": "right_now",
    "universe_message": "message",
}

# (level, name, XP from which it starts): V4-later's thresholds.
LEVELS: tuple[tuple[int, str, int], ...] = (
    (1, "Novice", 0),
    (2, "Apprentice", 10),
    (3, "Practitioner", 50),
    (4, "Adept", 150),
    (5, "Master", 500),
)
LEVEL_NAMES = {
    "Novice": gettext_lazy("Novice"),
    "Apprentice": gettext_lazy("Apprentice"),
    "Practitioner": gettext_lazy("Practitioner"),
    "Adept": gettext_lazy("Adept"),
    "Master": gettext_lazy("Master"),
}
# What each level adds (cumulative); all of it is recognition, nothing is locked.
CAPABILITIES = (
    "Readings and the journal",
    "Personal insights",
    "Patterns across readings",
    "The outcome ledger's hit rate",
    "Deep analysis of your readings",
)
XP_PER_READING = 1
XP_PER_FEEDBACK = 3
XP_PER_STREAK_DAY = 2  # per day of the longest streak of two days or more
STREAK_MIN_DAYS = 2  # a streak (days in a row with a reading) counts from its second day

MIN_SAMPLES = 5
CONFIDENCE_SCALE = ((100, 0.95), (50, 0.85), (25, 0.7), (10, 0.5), (5, 0.3))
TIME_TYPES = ReadingKind.TIME.sign_types
EMPHASIS_KEY = "prompt_emphasis:active"

# The prompt-emphasis rules' texts: English, for the AI prompt. The pages show `EMPHASIS_LABELS`.
EMPHASIS_TEXTS = {
    "specific_actions": "Make the action steps (right now) specific and concrete.",
    "brief_cautions": "Keep cautions brief.",
    "practical_advice": "Emphasise practical advice.",
    "poetic_message": "Lean into poetic, cosmic language in the message.",
    "temporal_symbolism": "Enrich the temporal symbolism (FC60 moment, moon, hour).",
    "warmth": "Focus on warmth and encouragement.",
}
EMPHASIS_LABELS = {
    "specific_actions": gettext_lazy("Make the action steps specific and concrete."),
    "brief_cautions": gettext_lazy("Keep cautions brief."),
    "practical_advice": gettext_lazy("Emphasise practical advice."),
    "poetic_message": gettext_lazy("Lean into poetic, cosmic language in the message."),
    "temporal_symbolism": gettext_lazy("Enrich the temporal symbolism (moment, moon, hour)."),
    "warmth": gettext_lazy("Focus on warmth and encouragement."),
}


class FeedbackNotFound(NotFound):
    message = "Reading not found"


# --------------------------------------------------------------------------------------------
# Feedback


def _feedback_reading(principal: Principal, reading_id: int) -> Reading:
    if principal.account is None:
        raise Forbidden("Feedback is given by an account.")
    try:
        return history.get_reading(principal=principal, reading_id=reading_id)
    except NotFound as error:
        raise FeedbackNotFound() from error


def clean_sections(section_feedback: Mapping[str, Any] | Sequence[Any] | None) -> dict[str, bool]:
    """``{section: helpful}`` or V4's ``[{section, helpful}]`` → ``{section: bool}``; a helpful of
    None (a thumb clicked again) drops the section."""
    if section_feedback is None:
        return {}
    if isinstance(section_feedback, Mapping):
        items = [{"section": key, "helpful": value} for key, value in section_feedback.items()]
    else:
        items = list(section_feedback)
    cleaned: dict[str, bool] = {}
    for position, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise InvalidField(("section_feedback", position), "Expected {section, helpful}.")
        name = SECTION_ALIASES.get(item.get("section"), item.get("section"))
        if name not in SECTIONS:
            raise InvalidField(("section_feedback", position, "section"), "Unknown section.")
        helpful = item.get("helpful")
        if helpful is None:
            cleaned.pop(name, None)
        elif isinstance(helpful, bool):
            cleaned[name] = helpful
        else:
            raise InvalidField(("section_feedback", position, "helpful"), "Use true or false.")
    return cleaned


@transaction.atomic
def submit_feedback(
    *,
    principal: Principal,
    reading_id: int,
    rating: int,
    section_feedback: Mapping[str, Any] | Sequence[Any] | None = None,
    text_feedback: str | None = None,
    client_address: str | None = None,
) -> tuple[ReadingFeedback, bool]:
    """Create or replace the account's feedback on a reading; ``(feedback, updated)``."""
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise InvalidField("rating", "Give 1 to 5 stars.")
    sections = clean_sections(section_feedback)
    text = (text_feedback or "").strip()
    if len(text) > TEXT_MAX:
        raise InvalidField("text_feedback", f"At most {TEXT_MAX} characters.")
    reading = _feedback_reading(principal, reading_id)
    values = {"rating": rating, "section_feedback": sections, "text_feedback": text or None}
    try:
        with transaction.atomic():
            feedback, created = ReadingFeedback.objects.update_or_create(
                reading=reading, user=principal.account, defaults=values
            )
    except IntegrityError:  # a concurrent first submission won: update it
        feedback, created = ReadingFeedback.objects.update_or_create(
            reading=reading, user=principal.account, defaults=values
        )
    audit.record(
        "learning.feedback",
        actor=principal.account,
        profile_id=reading.profile_id,
        client_address=client_address,
        resource_type="oracle_reading",
        resource_id=reading.pk,
        api_key_hash=principal.api_key_hash,
        details={"rating": rating, "updated": not created},
    )
    schedule_recalculation()
    return feedback, not created


RECALCULATION_PENDING_KEY = "learning:recalculation-pending"


# Queued by `schedule_recalculation` (and nightly by beat); named as when it lived in
# learning/tasks.py, so queued jobs still run.
@shared_task(name="learning.tasks.recalculate_learning")
def recalculate_learning() -> dict:
    """The feedback metrics and the prompt's emphasis, recomputed (nightly, and a few minutes
    after new feedback: `schedule_recalculation`)."""
    cache.delete(RECALCULATION_PENDING_KEY)  # feedback from now on schedules another
    stats = recalculate()
    return {"total_feedback": stats["total_feedback"], "rules": stats["active_rules"]}


def schedule_recalculation() -> None:
    """Recalculate ``NPS_LEARNING_RECALC_DELAY_SECONDS`` after feedback arrives, once for a burst
    of feedback (a flag in the shared cache), after the feedback is committed. Without a cache or
    a broker nothing is scheduled: the nightly job catches up (logged as a warning)."""
    delay = settings.NPS_LEARNING_RECALC_DELAY_SECONDS
    try:
        if not cache.add(RECALCULATION_PENDING_KEY, True, delay + 300):
            return  # one is already scheduled
    except Exception as error:
        logger.warning("Learning recalculation not scheduled (%s)", type(error).__name__)
        return

    def send() -> None:
        try:
            recalculate_learning.apply_async(countdown=delay, retry=False)
        except Exception as error:
            cache.delete(RECALCULATION_PENDING_KEY)
            logger.warning("Learning recalculation not scheduled (%s)", type(error).__name__)

    transaction.on_commit(send)


def reading_feedback(*, principal: Principal, reading_id: int) -> list[ReadingFeedback]:
    """Feedback on a reading: the account's own; admins and moderators see everyone's."""
    reading = _feedback_reading(principal, reading_id)
    rows = ReadingFeedback.objects.filter(reading=reading).select_related("user")
    if not principal.sees_all:
        rows = rows.filter(user=principal.account)
    return list(rows)


def own_feedback(*, principal: Principal, reading_id: int) -> ReadingFeedback | None:
    reading = _feedback_reading(principal, reading_id)
    return ReadingFeedback.objects.filter(reading=reading, user=principal.account).first()


def section_list(section_feedback: Mapping[str, bool]) -> list[dict[str, Any]]:
    """V4's list shape, in the sections' order."""
    return [
        {"section": name, "helpful": section_feedback[name]}
        for name in SECTIONS
        if name in section_feedback
    ]


# --------------------------------------------------------------------------------------------
# Levels


@dataclass(frozen=True)
class Level:
    number: int
    name: str
    xp: int
    floor: int
    xp_next: int | None
    capabilities: tuple[str, ...]

    @property
    def label(self) -> str:
        return str(LEVEL_NAMES[self.name])

    @property
    def progress(self) -> float:
        """Share of the way from this level's threshold to the next (1 at Master)."""
        if self.xp_next is None:
            return 1.0
        return (self.xp - self.floor) / (self.xp_next - self.floor)

    @property
    def percent(self) -> int:
        return int(100 * self.progress)

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.number,
            "name": self.name,
            "xp": self.xp,
            "xp_next": self.xp_next,
            "xp_floor": self.floor,
            "progress": round(self.progress, 4),
            "capabilities": list(self.capabilities),
        }


def level_for(xp: int) -> Level:
    index = max(i for i, (_n, _name, floor) in enumerate(LEVELS) if xp >= floor)
    number, name, floor = LEVELS[index]
    following = LEVELS[index + 1][2] if index + 1 < len(LEVELS) else None
    return Level(number, name, xp, floor, following, CAPABILITIES[: index + 1])


@dataclass(frozen=True)
class XpSources:
    """Where an account's XP comes from; the three ``*_xp`` parts add up to ``total``."""

    readings: int
    feedback: int
    longest_streak: int

    @property
    def counted_streak(self) -> int:
        """The days of the longest streak that earn XP: none below ``STREAK_MIN_DAYS``."""
        return self.longest_streak if self.longest_streak >= STREAK_MIN_DAYS else 0

    @property
    def reading_xp(self) -> int:
        return self.readings * XP_PER_READING

    @property
    def feedback_xp(self) -> int:
        return self.feedback * XP_PER_FEEDBACK

    @property
    def streak_xp(self) -> int:
        return self.counted_streak * XP_PER_STREAK_DAY

    @property
    def total(self) -> int:
        return self.reading_xp + self.feedback_xp + self.streak_xp


def xp_sources(principal: Principal) -> XpSources:
    readings = vault.journal_readings(principal)
    days = [moment.date() for moment in readings.values_list("created_at", flat=True)]
    longest, _current = vault.streaks(days, today=timezone.now().date())
    feedback = (
        ReadingFeedback.objects.filter(user=principal.account).count() if principal.account else 0
    )
    return XpSources(readings=len(days), feedback=feedback, longest_streak=longest)


def account_level(principal: Principal) -> Level:
    return level_for(xp_sources(principal).total)


# --------------------------------------------------------------------------------------------
# Insights (rule-based, per account)


@dataclass(frozen=True)
class Insight:
    insight_type: str  # "insight" or "recommendation"
    content: str
    source: str

    def as_dict(self) -> dict[str, str]:
        return {"insight_type": self.insight_type, "content": self.content, "source": self.source}


def is_repeating_day(day: dt.date) -> bool:
    """A day whose numbers repeat: 11 or 22 of a month, or day = month (2 Feb, 11 Nov)."""
    return day.day in (11, 22) or day.day == day.month


def _type_label(sign_type: str) -> str:
    return str(ReadingKind.of(sign_type).label)


def insights(principal: Principal) -> list[Insight]:
    summary = vault.summary(principal)
    found: list[Insight] = []
    if summary.frequent_numbers:
        numbers = _(", ").join(str(number) for number, _count in summary.frequent_numbers[:3])
        found.append(
            Insight(
                "insight",
                _("Your most frequent numbers: %(numbers)s.") % {"numbers": numbers},
                "numbers",
            )
        )
    rated = (
        ReadingFeedback.objects.filter(
            user=principal.account, reading__in=vault.journal_readings(principal)
        )
        .values("reading__sign_type")
        .annotate(average=Avg("rating"), count=Count("id"))
        .filter(count__gte=2)
        .order_by("-average", "reading__sign_type")
        if principal.account
        else []
    )
    rated = list(rated)
    if rated:
        best = rated[0]
        found.append(
            Insight(
                "insight",
                _("Your best-rated readings are %(type)s readings (%(average).1f of 5).")
                % {"type": _type_label(best["reading__sign_type"]), "average": best["average"]},
                "feedback",
            )
        )
    if summary.longest_streak >= 2:
        found.append(
            Insight(
                "insight",
                _("Your longest streak: %(days)d days in a row; current streak: %(current)d.")
                % {"days": summary.longest_streak, "current": summary.current_streak},
                "streaks",
            )
        )
    days = {
        moment.date()
        for moment in vault.journal_readings(principal).values_list("created_at", flat=True)
    }
    repeating = sorted(day for day in days if is_repeating_day(day))
    if repeating:
        found.append(
            Insight(
                "insight",
                _("You read on %(count)d repeating-number days (like the 11th or the 22nd).")
                % {"count": len(repeating)},
                "calendar",
            )
        )
    rate = summary.hit_rate
    if rate.enough_data:
        found.append(
            Insight(
                "insight",
                _(
                    "The oracle matched %(percent)d%% of your recorded outcomes; "
                    "a coin would match 50%%."
                )
                % {"percent": rate.percent},
                "outcomes",
            )
        )
    elif summary.by_type.get(SignType.QUESTION):
        found.append(
            Insight(
                "recommendation",
                _(
                    "Record what happened after your questions in the Vault: from %(count)d "
                    "outcomes on, you see how often the oracle was right."
                )
                % {"count": rate.threshold},
                "outcomes",
            )
        )
    if (
        summary.total
        and principal.account
        and not ReadingFeedback.objects.filter(user=principal.account).exists()
    ):
        found.append(
            Insight(
                "recommendation",
                _("Rate your readings: your feedback makes future readings better."),
                "feedback",
            )
        )
    return found


def analyze(principal: Principal) -> dict[str, Any]:
    """V4-later's ``POST /learning/analyze``, on the account's own feedback."""
    rows = list(
        ReadingFeedback.objects.filter(user=principal.account).values_list(
            "rating", "section_feedback"
        )
        if principal.account
        else []
    )
    found, recommendations = [], []
    if rows:
        average = sum(rating for rating, _s in rows) / len(rows)
        found.append(_("Analyzed %(count)d feedback entries.") % {"count": len(rows)})
        if average >= 4:
            found.append(_("Reading quality is consistently high."))
        elif average < 3:
            recommendations.append(
                _("Ratings are low: readings with warmer, more specific texts may suit you.")
            )
        helpful = section_helpfulness(sections for _r, sections in rows)
        for name, (share, _votes) in helpful.items():
            if share < 0.5:
                recommendations.append(
                    _("Section “%(section)s” was rated unhelpful by more than half.")
                    % {"section": SECTIONS[name]}
                )
    return {
        "insights": found,
        "recommendations": recommendations,
        "adjustments": {},
        "xp_earned": min(len(rows), 50),
    }


def weights(principal: Principal) -> dict[str, Any]:
    """Average rating / 5 per reading type, from the account's feedback."""
    rows = (
        ReadingFeedback.objects.filter(user=principal.account)
        .values("reading__sign_type")
        .annotate(average=Avg("rating"))
        .order_by("reading__sign_type")
        if principal.account
        else []
    )
    return {"weights": {row["reading__sign_type"]: round(row["average"] / 5, 4) for row in rows}}


def patterns(principal: Principal) -> list[dict[str, Any]]:
    """Per reading type: how many readings and when the last one was made."""
    rows = (
        vault.journal_readings(principal)
        .values("sign_type")
        .annotate(frequency=Count("id"), last_seen=Max("created_at"))
        .order_by("-frequency", "sign_type")
    )
    return [
        {
            "pattern_type": row["sign_type"],
            "description": _("%(type)s readings") % {"type": _type_label(row["sign_type"])},
            "frequency": row["frequency"],
            "last_seen": row["last_seen"].isoformat(),
        }
        for row in rows
    ]


# --------------------------------------------------------------------------------------------
# The feedback engine (everyone's feedback)


@dataclass(frozen=True)
class Metric:
    key: str
    value: float
    samples: int

    @property
    def confidence(self) -> float:
        return confidence(self.samples)

    @property
    def weighted(self) -> float:
        return self.value * self.confidence


def confidence(samples: int) -> float:
    """V4-later's sample-size confidence: 0 below 5 samples, then 0.3 … 0.95."""
    for floor, value in CONFIDENCE_SCALE:
        if samples >= floor:
            return value
    return 0.0


def section_helpfulness(
    sections: Iterable[Mapping[str, bool]],
) -> dict[str, tuple[float, int]]:
    """``{section: (share helpful, votes)}`` over feedback section dicts, in section order."""
    helpful: Counter = Counter()
    votes: Counter = Counter()
    for marks in sections:
        for name, value in (marks or {}).items():
            if name in SECTIONS:
                votes[name] += 1
                helpful[name] += bool(value)
    return {name: (helpful[name] / votes[name], votes[name]) for name in SECTIONS if votes[name]}


def compute_metrics(rows: Iterable[tuple[str, int, Mapping[str, bool]]]) -> dict[str, Metric]:
    """``(sign_type, rating, section_feedback)`` rows → the engine's metrics by key."""
    ratings: dict[str, list[int]] = defaultdict(list)
    marks = []
    for sign_type, rating, sections in rows:
        ratings[sign_type].append(rating)
        ratings["overall"].append(rating)
        marks.append(sections)
    metrics = {
        f"avg_rating:{kind}": Metric(f"avg_rating:{kind}", sum(values) / len(values), len(values))
        for kind, values in ratings.items()
    }
    time_ratings = [rating for kind in TIME_TYPES for rating in ratings.get(kind, [])]
    if time_ratings:
        metrics["avg_rating:time_all"] = Metric(
            "avg_rating:time_all", sum(time_ratings) / len(time_ratings), len(time_ratings)
        )
    for name, (share, votes) in section_helpfulness(marks).items():
        metrics[f"section_helpful:{name}"] = Metric(f"section_helpful:{name}", share, votes)
    return metrics


def emphasis_rules(metrics: Mapping[str, Metric]) -> list[str]:
    """The prompt-emphasis rules that hold (V4-later's, on our section keys), in a fixed order."""

    def holds(key: str, test, minimum: int) -> bool:
        metric = metrics.get(key)
        return metric is not None and metric.samples >= minimum and test(metric.value)

    rules = []
    if holds("section_helpful:right_now", lambda v: v > 0.8, 10):
        rules.append("specific_actions")
    if holds("section_helpful:caution", lambda v: v < 0.5, 10):
        rules.append("brief_cautions")
    if holds("section_helpful:advice", lambda v: v > 0.8, 5):
        rules.append("practical_advice")
    if holds("section_helpful:message", lambda v: v > 0.8, 5):
        rules.append("poetic_message")
    time_all, name = metrics.get("avg_rating:time_all"), metrics.get(f"avg_rating:{SignType.NAME}")
    if (
        time_all is not None
        and name is not None
        and min(time_all.samples, name.samples) >= MIN_SAMPLES
        and time_all.value > name.value
    ):
        rules.append("temporal_symbolism")
    if holds("avg_rating:overall", lambda v: v < 3, 20):
        rules.append("warmth")
    return rules


def emphasis_text(rules: Sequence[str]) -> str | None:
    if not rules:
        return None
    return "\n".join(f"- {EMPHASIS_TEXTS[rule]}" for rule in rules)


def _all_feedback_rows() -> list[tuple[str, int, dict]]:
    return list(
        ReadingFeedback.objects.values_list("reading__sign_type", "rating", "section_feedback")
    )


@transaction.atomic
def recalculate(*, principal: Principal | None = None, client_address: str | None = None) -> dict:
    """Recompute and store every metric and the active prompt emphasis; the admin statistics.

    ``principal`` None: the management command (cron). Otherwise it must be an admin or a
    moderator (scope ``oracle:admin``)."""
    if principal is not None and not principal.has_scope("oracle:admin"):
        raise Forbidden("Insufficient scope: requires 'oracle:admin'")
    metrics = compute_metrics(_all_feedback_rows())
    rules = emphasis_rules(metrics)
    overall = metrics.get("avg_rating:overall")
    LearningMetric.objects.all().delete()
    LearningMetric.objects.bulk_create(
        LearningMetric(
            metric_key=metric.key,
            metric_value=metric.value,
            sample_count=metric.samples,
            details={
                "confidence": metric.confidence,
                "weighted_score": round(metric.weighted, 4),
                "reliable": metric.samples >= MIN_SAMPLES,
            },
        )
        for metric in metrics.values()
    )
    LearningMetric.objects.create(
        metric_key=EMPHASIS_KEY,
        metric_value=len(rules),
        sample_count=overall.samples if overall else 0,
        details={"rules": rules},
        prompt_emphasis=emphasis_text(rules),
    )
    audit.record(
        "learning.recalculate",
        actor=principal.account if principal else None,
        client_address=client_address,
        api_key_hash=principal.api_key_hash if principal else None,
        details={"rules": rules},
    )
    return admin_stats(principal=principal)


def _active_emphasis() -> LearningMetric | None:
    return LearningMetric.objects.filter(metric_key=EMPHASIS_KEY).first()


def learned_preferences(*, sign_type: str | None = None) -> str | None:
    """The active prompt emphasis for the AI prompt's "learned preferences" slot (English lines
    starting "- "), or None when no rule holds or nothing was recalculated yet. ``sign_type`` is
    accepted for a future per-type emphasis; today's rules are global."""
    active = _active_emphasis()
    return active.prompt_emphasis or None if active else None


def admin_stats(*, principal: Principal | None = None) -> dict[str, Any]:
    """The admin learning dashboard (``GET /learning/oracle/stats``): live counts of all feedback
    and the adjustments of the last recalculation."""
    if principal is not None and not principal.has_scope("oracle:admin"):
        raise Forbidden("Insufficient scope: requires 'oracle:admin'")
    rows = _all_feedback_rows()
    distribution = Counter(rating for _t, rating, _s in rows)
    by_type: dict[str, list[int]] = defaultdict(list)
    by_kind: dict[str, list[int]] = defaultdict(list)
    for sign_type, rating, _s in rows:
        by_type[sign_type].append(rating)
        by_kind[ReadingKind.of(sign_type).value].append(rating)
    active = _active_emphasis()
    rules = (active.details or {}).get("rules", []) if active else []
    return {
        "total_feedback": len(rows),
        "average_rating": round(sum(distribution.elements()) / len(rows), 2) if rows else None,
        "rating_distribution": {str(stars): distribution.get(stars, 0) for stars in range(1, 6)},
        "avg_by_reading_type": {
            kind: round(sum(values) / len(values), 2) for kind, values in sorted(by_type.items())
        },
        # the same by `ReadingKind` (V4's "reading" and V3's "time" are both Time)
        "avg_by_kind": {
            kind.value: round(sum(by_kind[kind.value]) / len(by_kind[kind.value]), 2)
            for kind in ReadingKind
            if by_kind[kind.value]
        },
        "section_helpful_pct": {
            name: {"helpful_pct": round(100 * share, 1), "votes": votes}
            for name, (share, votes) in section_helpfulness(s for _t, _r, s in rows).items()
        },
        "active_prompt_adjustments": [EMPHASIS_TEXTS[rule] for rule in rules],
        "active_rules": rules,
        "last_recalculated": active.updated_at.isoformat() if active else None,
    }
