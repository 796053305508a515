"""The feedback engine (V4-later's): everyone's feedback turned into metrics per reading type and
section, and into the prompt emphasis that `learned_preferences()` hands to the AI prompt;
recalculated nightly and a few minutes after new feedback."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext_lazy

from learning.models import LearningMetric, ReadingFeedback
from learning.services.sections import section_helpfulness
from nps.accounts.principal import Principal
from nps.core import audit
from nps.core.errors import Forbidden
from oracle.models import ReadingKind, SignType

logger = logging.getLogger(__name__)

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
