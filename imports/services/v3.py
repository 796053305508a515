"""Importing a V3 desktop installation's folder (its JSON data files and encrypted values).

* ``data/oracle_readings.json`` (a JSON array, newest first) → readings of ``--owner``:
  ``sign`` → time readings, ``question`` → question readings, ``name`` → name readings, their
  naive timestamps read in the given time zone, marked as imported and truncated (V3 kept only
  the first 200 characters of an interpretation), linked to no profile (V3 had none);
* ``data/learning/learning_state.json`` → the account's `LegacyLearningState`;
* ``config.json``'s Telegram ``chat_id`` → a `PendingTelegramLink` (the bot token is not
  imported: it has to be entered again);
* every Bitcoin artefact (vault findings, scan sessions, memory, checkpoints, hits, solve history,
  …) is skipped and counted; encrypted vault values are test-decrypted so the report says whether
  the passwords given open them. Nothing of them is stored.

V3 values may be ``ENC:`` (tried with every password × salt: V3 never checked a password and
wrote a new salt without re-encrypting), ``PLAIN:`` or unprefixed clear text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zoneinfo
from collections import Counter
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_noop

from imports.legacy_crypto import ENC, LegacyDecoder, UndecryptableValue, v3_key
from imports.models import Kind, LegacyLearningState, PendingTelegramLink, Source
from imports.services import Importer, RecordFailure, index_for_search
from oracle.models import Reading, SignType

SENSITIVE_KEYS = ("private_key", "seed_phrase", "wif", "extended_private_key")

# Bitcoin artefacts under data/: (label, glob patterns).
ARTEFACTS = {
    gettext_noop("vault session logs"): (
        "findings/sessions/*.jsonl",
        "findings/sessions/*_meta.json",
    ),
    gettext_noop("vault summaries"): ("findings/summaries/*.json",),
    gettext_noop("scan memory"): ("scan_memory.json",),
    gettext_noop("scanner hits"): ("scanner_hits.json",),
    gettext_noop("solve history"): ("solve_history.json",),
    gettext_noop("factor weights"): ("factor_weights.json",),
    gettext_noop("scan session log"): ("scan_sessions.json",),
    gettext_noop("checkpoints"): ("checkpoints/*",),
    gettext_noop("logic history"): ("logic/*",),
    gettext_noop("V2 memory and knowledge"): (
        "learning/v2_memory.json",
        "learning/v2_knowledge/**/*",
    ),
    gettext_noop("scanner knowledge"): ("scanner_knowledge/**/*",),
    gettext_noop("AI cache"): ("ai_cache/*",),
}


def find_data_dir(path: Path) -> Path:
    """The V3 ``data`` folder: ``<path>/data`` (path = the ``nps`` folder), or path itself."""
    if (path / "data").is_dir():
        return path / "data"
    if (path / "oracle_readings.json").exists() or (path / ".vault_salt").exists():
        return path
    raise RecordFailure(f"no V3 data folder in {path} (expected {path / 'data'})")


def entry_key(entry: Any) -> str:
    canonical = json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class V3Importer(Importer):
    source = Source.V3

    def __init__(
        self,
        *,
        path: Path,
        passwords: list[str] = (),
        salt_files: list[Path] = (),
        tz: str = "UTC",
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.root = Path(path)
        self.data = find_data_dir(self.root)
        try:
            self.tz = zoneinfo.ZoneInfo(tz)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise RecordFailure(f"unknown time zone {tz!r}") from None
        salts = [p for p in [self.data / ".vault_salt", *map(Path, salt_files)] if p.is_file()]
        salts += sorted(p for p in self.data.glob(".vault_salt?*") if p.is_file())
        salt_bytes = list(dict.fromkeys(p.read_bytes() for p in salts))
        keys = [v3_key(pw, salt) for pw in passwords for salt in salt_bytes]
        self.decoder = LegacyDecoder(v3_keys=keys)
        if passwords and not salt_bytes:
            self.report.notes.append("No data/.vault_salt found: ENC values cannot be opened.")

    def import_all(self) -> None:
        self.import_readings()
        self.import_learning_state()
        self.import_telegram()
        self.count_artefacts()

    # ---- files

    def _json_file(self, relative: str, kind: str, expect: type) -> Any:
        """The parsed file, or None (absent, or reported as a failure of the whole file)."""
        path = self.data / relative if not relative.startswith("../") else self.root / relative[3:]
        if not path.is_file():
            return None
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            self.report.fail(kind, path.name, f"corrupt JSON ({type(exc).__name__}); file skipped")
            return None
        if not isinstance(value, expect):
            wanted = "an array" if expect is list else "an object"
            self.report.fail(
                kind, path.name, f"expected {wanted}, found {type(value).__name__}; skipped"
            )
            return None
        return value

    def text(self, value: Any, field: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            value = str(value)
        try:
            return self.decoder.decode(value)
        except UndecryptableValue as exc:
            raise RecordFailure(f"{field}: {exc}") from None

    # ---- readings

    def import_readings(self) -> None:
        entries = self._json_file("oracle_readings.json", Kind.READING, list)
        if entries is None:
            return
        for index, entry in enumerate(self.bar(entries, total=len(entries), desc="readings")):
            key = f"oracle_readings.json:{entry_key(entry)}"
            label = f"{key[:32]}… (entry {index + 1})"
            self.attempt(Kind.READING, key, lambda entry=entry: self._reading(entry), label=label)

    def _moment(self, value: Any) -> dt.datetime:
        try:
            moment = dt.datetime.fromisoformat(str(value))
        except (TypeError, ValueError):
            raise RecordFailure(f"timestamp {value!r} is not a date and time") from None
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=self.tz)
        return moment

    def _reading(self, entry: Any):
        if not isinstance(entry, dict):
            raise RecordFailure(f"expected an object, found {type(entry).__name__}")
        kind = entry.get("type")
        created_at = self._moment(entry.get("timestamp"))
        imported = {"source": "v3", "type": kind, "truncated": True}
        sealed: dict[str, Any] = {}
        interpretation = self.text(entry.get("interpretation"), "interpretation")
        if kind == "sign":
            sign = self.text(entry.get("sign"), "sign") or ""
            day, time = entry.get("date"), entry.get("time")
            try:
                if day:
                    dt.date.fromisoformat(str(day))
                if time:
                    dt.time.fromisoformat(str(time))
            except ValueError:
                raise RecordFailure(f"impossible date or time {day!r} {time!r}") from None
            sign_type, question = SignType.TIME, sign
            sign_value = " ".join(str(part) for part in (day, time) if part) or "sign"
            clear = {"date": day, "time": time, "imported": imported}
            sealed = {"sign": sign, "summary": interpretation or ""}
        elif kind == "question":
            sign_type = SignType.QUESTION
            question = self.text(entry.get("sign") or entry.get("question"), "question") or ""
            sign_value, clear = "v3", {"imported": imported}
            sealed = {"interpretation": interpretation or ""}
        elif kind == "name":
            sign_type = SignType.NAME
            question = self.text(entry.get("name"), "name") or ""
            expression = entry.get("expression")
            if expression is not None and not isinstance(expression, int):
                raise RecordFailure(f"expression {expression!r} is not a number")
            sign_value = f"expression {expression}" if expression is not None else "expression"
            clear = {"destiny_number": expression, "imported": imported}
        else:
            raise RecordFailure(f"unknown reading type {kind!r}")
        reading = Reading.objects.create(
            owner=self.owner,
            question=question,
            sign_type=sign_type,
            sign_value=sign_value[:100],
            reading_result=clear,
            ai_interpretation=json.dumps(sealed, ensure_ascii=False) if sealed else None,
            created_at=created_at,
        )
        index_for_search([reading])
        return reading, True

    # ---- learning state and Telegram

    def import_learning_state(self) -> None:
        state = self._json_file("learning/learning_state.json", Kind.LEARNING, dict)
        if state is None:
            return
        key = f"learning_state.json:{entry_key(state)}"
        self.attempt(Kind.LEARNING, key, lambda: self._learning(state))

    def _learning(self, state: dict):
        existing = LegacyLearningState.objects.filter(account=self.owner).first()
        if existing is not None:
            return existing, False
        xp, level = state.get("xp", 0), state.get("level", 1)
        if not isinstance(xp, int) or xp < 0:
            raise RecordFailure(f"xp {xp!r} is not a whole number ≥ 0")
        if not isinstance(level, int) or not 1 <= level <= 5:
            raise RecordFailure(f"level {level!r} is not 1–5")
        lists = {}
        for name in ("insights", "recommendations"):
            items = state.get(name) or []
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise RecordFailure(f"{name} is not a list of texts")
            lists[name] = json.dumps(items, ensure_ascii=False)
        last = state.get("last_learn")
        calls = state.get("total_learn_calls") or 0
        record = LegacyLearningState.objects.create(
            account=self.owner,
            xp=xp,
            level=level,
            model=str(state.get("model") or "")[:20],
            insights=lists["insights"],
            recommendations=lists["recommendations"],
            total_learn_calls=calls if isinstance(calls, int) and calls >= 0 else 0,
            last_learn=(
                dt.datetime.fromtimestamp(last, dt.UTC) if isinstance(last, int | float) else None
            ),
        )
        return record, True

    def import_telegram(self) -> None:
        config = self._json_file("../config.json", Kind.TELEGRAM, dict)
        telegram = (config or {}).get("telegram")
        if not isinstance(telegram, dict) or not telegram.get("chat_id"):
            return
        key = f"config.json:telegram:{entry_key(telegram.get('chat_id'))}"
        self.attempt(Kind.TELEGRAM, key, lambda: self._telegram(telegram))
        if telegram.get("bot_token"):
            self.report.notes.append(
                "The Telegram bot token was not imported: enter it again to confirm the link."
            )

    def _telegram(self, telegram: dict):
        existing = PendingTelegramLink.objects.filter(account=self.owner).first()
        if existing is not None:
            return existing, False
        chat_id = self.text(telegram["chat_id"], "chat_id")
        link = PendingTelegramLink.objects.create(
            account=self.owner, chat_id=chat_id, was_enabled=bool(telegram.get("enabled"))
        )
        return link, True

    # ---- Bitcoin artefacts: counted, test-decrypted, never stored

    def count_artefacts(self) -> None:
        skipped = self.report.skipped
        vault = self.data / "findings" / "vault_live.jsonl"
        if vault.is_file():
            skipped[gettext_noop("vault findings (Bitcoin)")] = dict(self._scan_vault(vault))
        sessions = self.data / "sessions"
        if sessions.is_dir():
            skipped[gettext_noop("scan sessions")] = dict(self._scan_sessions(sessions))
        for label, patterns in ARTEFACTS.items():
            files = {p for pattern in patterns for p in self.data.glob(pattern) if p.is_file()}
            if files:
                skipped[label] = {"files": len(files)}

    def _scan_vault(self, path: Path) -> Counter:
        counts: Counter = Counter(records=0)
        with path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError:
                    counts["corrupt lines"] += 1
                    continue
                if not isinstance(record, dict):
                    counts["corrupt lines"] += 1
                    continue
                counts["records"] += 1
                for value in _sensitive_values(record):
                    if not value.startswith(ENC):
                        counts["clear secret values"] += 1
                        continue
                    try:
                        self.decoder.decode(value)
                    except UndecryptableValue:
                        counts["encrypted values no password opens"] += 1
                    else:
                        counts["encrypted values the passwords open"] += 1
        return counts

    def _scan_sessions(self, folder: Path) -> Counter:
        counts: Counter = Counter()
        for path in sorted(folder.iterdir()):
            if path.suffix == ".tmp":
                counts["truncated .tmp files"] += 1
                continue
            if path.suffix != ".json":
                continue
            try:
                value = json.loads(path.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, ValueError):
                counts["corrupt files"] += 1
                continue
            if isinstance(value, list):
                counts["V2 session lists (arrays)"] += 1
            else:
                counts["session files"] += 1
        return counts


def _sensitive_values(record: dict):
    for key, value in record.items():
        if isinstance(value, dict):
            yield from _sensitive_values(value)
        elif key in SENSITIVE_KEYS and isinstance(value, str):
            yield value
