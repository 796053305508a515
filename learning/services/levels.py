"""Per-account levels: XP from the account's readings, feedback and streaks, with V4-later's
thresholds; nothing is locked behind a level."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from learning.models import ReadingFeedback
from nps.accounts.principal import Principal
from oracle.services import stats

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


def xp_sources(principal: Principal, *, kept: stats.KeptTotals | None = None) -> XpSources:
    """The account's XP sources: its readings and longest streak from the kept totals
    (`oracle.services.stats.history_totals`, or ``kept``: its answer, when the caller has it),
    its feedback counted."""
    _by_type, totals = kept or stats.history_totals(principal)
    longest, _current = totals.streaks(timezone.now().date())
    feedback = stats.kept_while(
        principal,
        "feedback-count",
        ("feedback",),
        lambda: (
            ReadingFeedback.objects.filter(user=principal.account).count()
            if principal.account
            else 0
        ),
    )
    return XpSources(readings=totals.count, feedback=feedback, longest_streak=longest)


def account_level(principal: Principal) -> Level:
    return level_for(xp_sources(principal).total)
