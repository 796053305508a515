"""The learning app's services, one module per job: `feedback` (on readings), `levels` (XP and
levels), `analysis` (one account's insights), `engine` (everyone's feedback → metrics and the AI
prompt's emphasis), and `sections` (the interpretation's sections as feedback names them).

The names below are what the pages, the API, the forms and the management command use, as
``from learning import services``.
"""

from learning.services.analysis import analyze, insights, is_repeating_day, patterns, weights
from learning.services.engine import (
    EMPHASIS_KEY,
    EMPHASIS_LABELS,
    admin_stats,
    compute_metrics,
    confidence,
    emphasis_rules,
    learned_preferences,
    recalculate,
)
from learning.services.feedback import TEXT_MAX, own_feedback, reading_feedback, submit_feedback
from learning.services.levels import (
    STREAK_MIN_DAYS,
    XP_PER_FEEDBACK,
    XP_PER_READING,
    XP_PER_STREAK_DAY,
    XpSources,
    account_level,
    level_for,
    xp_sources,
)
from learning.services.sections import SECTIONS, section_list

__all__ = [
    "EMPHASIS_KEY",
    "EMPHASIS_LABELS",
    "SECTIONS",
    "STREAK_MIN_DAYS",
    "TEXT_MAX",
    "XP_PER_FEEDBACK",
    "XP_PER_READING",
    "XP_PER_STREAK_DAY",
    "XpSources",
    "account_level",
    "admin_stats",
    "analyze",
    "compute_metrics",
    "confidence",
    "emphasis_rules",
    "insights",
    "is_repeating_day",
    "learned_preferences",
    "level_for",
    "own_feedback",
    "patterns",
    "reading_feedback",
    "recalculate",
    "section_list",
    "submit_feedback",
    "weights",
    "xp_sources",
]
