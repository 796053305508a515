"""The bot's conversation: one Telegram update in, answers sent through the Bot API.

A linked chat acts as its account — under the account's principal (its role's scopes, its
limits), in its language and time zone — through the same services as the pages and the API:
readings made here are stored and audited like any other (deterministic interpretations: a
webhook must answer within seconds). Readings asked in one chat are limited (`telegram_chat`
rate, 10 an hour by default). An unlinked chat is told how to link; a chat never sees a
question for a password or a key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from delivery.services import choices, content, linking, messages, telegram
from nps.accounts import preferences
from nps.accounts.principal import Principal, principal_for_account
from nps.core import dates, ratelimit
from nps.core.errors import InvalidField, NotFound
from oracle.engines.errors import EngineError
from oracle.services import readings, stats

logger = logging.getLogger(__name__)

HISTORY = 5
READING_COMMANDS = frozenset({"daily", "time", "name", "question"})
# Telegram may deliver an update again when an answer was slow: each is handled once.
SEEN_SECONDS = 24 * 3600


def handle_update(update: dict[str, Any]) -> None:
    message = update.get("message")
    if not isinstance(message, dict):
        return  # edits, joins, callbacks: nothing to answer
    chat = message.get("chat") or {}
    chat_id = chat.get("id")
    text = message.get("text")
    if not isinstance(chat_id, int) or not isinstance(text, str):
        return
    update_id = update.get("update_id")
    if isinstance(update_id, int) and not cache.add(
        f"telegram-update:{update_id}", 1, SEEN_SECONDS
    ):
        return
    command, _sep, argument = text.strip().partition(" ")
    command = command.split("@", 1)[0].lstrip("/").lower() if command.startswith("/") else ""
    account = linking.account_for_chat(chat_id)
    sender_language = str((message.get("from") or {}).get("language_code") or "")
    reply = Conversation(chat_id, account, sender_language).answer(command, argument.strip())
    if reply:
        telegram.send_message(chat_id, reply)


class Conversation:
    def __init__(self, chat_id: int, account, sender_language: str) -> None:
        self.chat_id = chat_id
        self.account = account
        self.sender_language = "fa" if sender_language.startswith("fa") else "en"

    @property
    def principal(self) -> Principal:
        return principal_for_account(self.account, auth_type="telegram")

    def answer(self, command: str, argument: str) -> str:
        if command in ("start", "link") and argument:
            return self.link(argument)
        if self.account is None:
            with content.speaking_as(None, self.sender_language):
                return messages.how_to_link()
        with content.speaking_as(self.account):
            handler = self.handlers().get(command)
            if handler is None:
                return messages.help_text()
            if command in READING_COMMANDS:
                refusal = self.charge()
                if refusal:
                    return refusal
            try:
                return handler(argument)
            except (InvalidField, EngineError) as error:
                return _("That did not work: %(reason)s") % {"reason": str(error)}
            except NotFound:
                return _("Not found.")

    def handlers(self) -> dict[str, Callable[[str], str]]:
        return {
            "start": self.welcome,
            "help": lambda _argument: messages.help_text(),
            "status": self.status,
            "daily": self.daily,
            "time": self.time,
            "name": self.name,
            "question": self.question,
            "history": self.history,
            "daily_on": lambda _argument: self.set_delivery(telegram=True),
            "daily_off": lambda _argument: self.set_delivery(telegram=False),
            "daily_time": self.daily_time,
            "unlink": self.unlink,
        }

    # --- linking ---------------------------------------------------------------------------

    def link(self, code: str) -> str:
        account = linking.redeem_code(code=code, chat_id=self.chat_id)
        if account is None:
            with content.speaking_as(self.account, None if self.account else self.sender_language):
                return _(
                    "This code is unknown, used or expired. Make a new one on the settings page: "
                    "%(url)s"
                ) % {"url": messages.settings_url()}
        self.account = account
        with content.speaking_as(account):
            return (
                _("This chat is now linked to the NPS account %(name)s.")
                % {"name": account.username}
                + "\n\n"
                + messages.help_text()
            )

    def unlink(self, _argument: str) -> str:
        linking.unlink(account=self.account, source="telegram")
        return _("This chat is unlinked from your account. Link it again from the settings page.")

    # --- status and settings ---------------------------------------------------------------

    def welcome(self, _argument: str) -> str:
        return (
            _("Welcome back, %(name)s.") % {"name": self.account.username}
            + "\n\n"
            + messages.help_text()
        )

    def status(self, _argument: str) -> str:
        choice = choices.choice_of(self.account)
        zone = preferences.zone_of(self.account).key
        left = ratelimit.current("telegram_chat", self.rate_key)
        lines = [
            _("Linked to: %(name)s") % {"name": self.account.username},
            (
                _("Daily reading here: on, at %(time)s (%(zone)s)")
                if choice.telegram
                else _("Daily reading here: off (at %(time)s, %(zone)s, when on)")
            )
            % {"time": dates.localised_digits(choices.format_time(choice.time)), "zone": zone},
            _("Readings left this hour: %(count)s")
            % {"count": dates.localised_digits(max(left.remaining + 1, 0))},
        ]
        return "\n".join(lines)

    def set_delivery(self, **change: Any) -> str:
        choice = choices.update_choice(principal=self.principal, **change)
        when = dates.localised_digits(choices.format_time(choice.time))
        if choice.telegram:
            return _("Daily reading on: every day at %(time)s in this chat.") % {"time": when}
        return _("Daily reading off in this chat.")

    def daily_time(self, argument: str) -> str:
        try:
            value = choices.parse_time(dates_to_latin(argument))
        except InvalidField:
            return _("Send the time as HH:MM, for example /daily_time 07:30.")
        choice = choices.update_choice(principal=self.principal, time=value)
        return _("The daily reading will come at %(time)s (%(zone)s).") % {
            "time": dates.localised_digits(choices.format_time(choice.time)),
            "zone": preferences.zone_of(self.account).key,
        }

    # --- readings --------------------------------------------------------------------------

    @property
    def rate_key(self) -> str:
        return f"chat:{linking.chat_digest(self.chat_id)}"

    def charge(self) -> str:
        state = ratelimit.hit("telegram_chat", self.rate_key)
        if not state.exceeded:
            return ""
        minutes = max(1, (state.reset + 59) // 60)
        return dates.localised_digits(
            ngettext(
                "You have asked for %(limit)d readings this hour, the most a chat may. Try "
                "again in %(n)d minute.",
                "You have asked for %(limit)d readings this hour, the most a chat may. Try "
                "again in %(n)d minutes.",
                minutes,
            )
            % {"limit": state.limit, "n": minutes}
        )

    def may_write(self) -> bool:
        return self.principal.has_scope("oracle:write")

    def read_only(self) -> str:
        return _("Your account may read, not make readings.")

    def _options(self) -> dict[str, Any]:
        prefs = preferences.preferences_of(self.account)
        return {
            "principal": self.principal,
            "profile_id": prefs.default_profile_id,
            "use_ai": False,
            "language": content.language_of(self.account),
        }

    def daily(self, _argument: str) -> str:
        zone = preferences.zone_of(self.account)
        day = timezone.localtime(timezone.now(), zone).date()
        found = content.daily_content(
            self.account, day, principal=self.principal, use_ai=False, store=True
        )
        return messages.daily_text(found)

    def time(self, argument: str) -> str:
        if not self.may_write():
            return self.read_only()
        options = self._options()
        result = readings.create_time_reading(
            **options,
            datetime_text=dates_to_latin(argument) or None,
            timezone_name=preferences.zone_of(self.account).key,
        )
        fc60 = result.get("fc60_encoding", {}).get("stamp", "")
        return self._reading_text(_("Reading of the moment"), result, extra=fc60)

    def name(self, argument: str) -> str:
        if not self.may_write():
            return self.read_only()
        if not argument:
            return _("Send a name after the command, for example /name Sara.")
        result = readings.create_name_reading(**self._options(), name=argument[:100])
        number = _("Expression number: %(n)s") % {"n": content.plain(result.get("destiny_number"))}
        return self._reading_text(_("Name reading"), result, extra=number)

    def question(self, argument: str) -> str:
        if not self.may_write():
            return self.read_only()
        if not argument:
            return _("Send a question after the command, for example /question Is today right?")
        result = readings.create_question_reading(
            **self._options(),
            question=argument[:500],
            timezone_name=preferences.zone_of(self.account).key,
        )
        answer = _("Answer: %(answer)s") % {"answer": content.term(result.get("answer"))}
        return self._reading_text(_("Question"), result, extra=answer)

    def _reading_text(self, title: str, result: dict[str, Any], *, extra: str) -> str:
        text = (result.get("ai_interpretation") or {}).get("text") or result.get("summary") or ""
        lines = [title]
        if extra:
            lines.append(content.plain(extra))
        if text:
            lines += ["", content.plain(text)]
        lines += ["", _("Saved in your history.")]
        return "\n".join(lines)

    def history(self, _argument: str) -> str:
        rows = list(stats.own_readings(self.principal).order_by("-created_at")[:HISTORY])
        if not rows:
            return _("No readings yet. Try /daily or /time.")
        lines = [_("Your last readings:")]
        with timezone.override(preferences.zone_of(self.account)):
            for reading in rows:
                label = reading.kind.label
                when = dates.format_date(reading.created_at, with_time=True)
                lines.append(f"• {label} — {when}")
        return "\n".join(lines)


def dates_to_latin(text: str) -> str:
    """Persian or Arabic-Indic digits typed in a chat, as Latin digits."""
    return text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789"))
