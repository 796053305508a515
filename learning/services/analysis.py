"""Insights on one account's own readings and feedback (rule-based), and V4-later's per-account
analysis, weights and patterns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Max
from django.utils.translation import gettext as _

from learning.models import ReadingFeedback
from learning.services.sections import SECTIONS, section_helpfulness
from nps.accounts.principal import Principal
from oracle.models import ReadingKind, SignType
from oracle.services import stats
from vault import services as vault


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


def insights(principal: Principal, *, kept: stats.KeptTotals | None = None) -> list[Insight]:
    """``kept``: `oracle.services.stats.history_totals`'s answer, when the caller has it."""
    summary = vault.summary(principal, with_tags=False, kept=kept)  # no insight is about tags
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
    rated = stats.kept_while(
        principal,
        "rated-kinds",
        ("feedback", "changes"),
        lambda: list(
            ReadingFeedback.objects.filter(
                vault.of_journal(principal, "reading"), user=principal.account
            )
            .values("reading__sign_type")
            .annotate(average=Avg("rating"), count=Count("id"))
            .filter(count__gte=2)
            .order_by("-average", "reading__sign_type")
        ),
    )
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
    repeating = [day for day in summary.history.days if is_repeating_day(day)]
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
