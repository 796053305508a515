"""Texts the bot sends (plain text, in the active language: call inside `content.speaking_as`)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from delivery.services.content import DailyContent, plain, term
from nps.core import dates


def settings_url() -> str:
    return settings.NPS_SITE_URL + reverse("settings")


def daily_text(content: DailyContent) -> str:
    result = content.result
    day = dates.format_date(content.day)
    if content.profile_name:
        title = _("Your day, %(date)s — for %(name)s") % {"date": day, "name": content.profile_name}
    else:
        title = _("Your day, %(date)s") % {"date": day}
    lines = [
        f"☀ {title}",
        "",
        _("Day number: %(number)s") % {"number": plain(result.get("day_number"))},
        _("Quality: %(quality)s") % {"quality": term(result.get("quality"))},
    ]
    if content.best_hours:
        hours = (
            "، ".join(content.best_hours) if dates.is_persian() else ", ".join(content.best_hours)
        )
        lines.append(_("Best hours: %(hours)s") % {"hours": plain(hours)})
    for key in ("core_identity", "message", "advice", "caution"):
        if content.sections.get(key):
            lines += ["", plain(content.sections[key])]
    return "\n".join(lines)


def help_text() -> str:
    return "\n".join(
        [
            _("Commands:"),
            "/daily — " + _("the day's reading"),
            "/time — " + _("a reading of this moment"),
            "/name <name> — " + _("the numbers of a name"),
            "/question <text> — " + _("a yes/no question"),
            "/history — " + _("your last 5 readings"),
            "/status — " + _("this chat's link and daily delivery"),
            "/daily_on, /daily_off — " + _("daily delivery in this chat"),
            "/daily_time HH:MM — " + _("the hour of the daily delivery"),
            "/unlink — " + _("unlink this chat from your account"),
        ]
    )


def how_to_link() -> str:
    return _(
        "This chat is not linked to an NPS account. Open Settings → Telegram, choose “Link "
        "Telegram” and follow the link (or send /link with the code shown there). Never send "
        "your password or an API key here.\n%(url)s"
    ) % {"url": settings_url()}
