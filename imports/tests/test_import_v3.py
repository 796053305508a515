"""import_v3 on V3 folders built in tmp_path with every file format and its pitfalls."""

import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from imports.models import ImportedRecord, LegacyLearningState, PendingTelegramLink
from imports.services import learning_state_for
from imports.services.v3 import V3Importer
from imports.tests.legacy import v3_encrypt
from nps.accounts.models import User
from oracle.models import Reading
from oracle.services import sealing

pytestmark = pytest.mark.django_db

SALT = bytes(range(32))
FIRST, SECOND = "first-password", "second-password"


def build_v3(root: Path, *, readings=None) -> Path:
    """A V3 `nps` folder: readings (with ENC values under two passwords and broken entries),
    learning state, config, and Bitcoin artefacts with corrupt lines, a truncated *.tmp and a
    JSON array where an object was expected."""
    data = root / "nps" / "data"
    (data / "learning").mkdir(parents=True)
    (data / "findings" / "sessions").mkdir(parents=True)
    (data / "sessions").mkdir()
    (data / "checkpoints").mkdir()
    (data / ".vault_salt").write_bytes(SALT)
    if readings is None:
        readings = [
            {
                "type": "sign",
                "timestamp": "2025-06-01T21:15:00",
                "sign": "11:11",
                "date": "2025-06-01",
                "time": "21:15",
                "interpretation": "Gateway number",
            },
            {
                "type": "question",
                "timestamp": "2025-06-02T08:00:00",
                "sign": v3_encrypt("Should I take the job?", FIRST, SALT),
                "interpretation": v3_encrypt("Yes, with care", SECOND, SALT),
            },
            {"type": "name", "timestamp": "2025-06-03T09:30:00", "name": "Sara", "expression": 5},
            {"type": "question", "timestamp": "2025-06-04T10:00:00", "sign": "PLAIN:Rain?"},
            {"type": "sign", "timestamp": "2025-06-05T10:00:00", "sign": "9", "date": "2025-02-30"},
            {"type": "question", "timestamp": "2025-06-06T10:00:00", "sign": "ENC:" + "00" * 40},
            ["not", "an", "object"],
            {"type": "scan", "timestamp": "2025-06-07T10:00:00"},
        ]
    (data / "oracle_readings.json").write_text(json.dumps(readings), encoding="utf-8")
    (data / "learning" / "learning_state.json").write_text(
        json.dumps(
            {
                "xp": 640,
                "level": 3,
                "insights": ["Evenings suit you", "Ask shorter questions"],
                "recommendations": ["Try the daily reading"],
                "auto_adjustments": None,
                "total_learn_calls": 12,
                "total_keys_scanned": 10_000_000,
                "total_hits": 0,
                "model": "sonnet",
                "last_learn": 1748800000.0,
            }
        )
    )
    (root / "nps" / "config.json").write_text(
        json.dumps({"telegram": {"bot_token": "123:abc", "chat_id": "987654", "enabled": True}})
    )
    vault = [
        {"address": "1A", "chain": "btc", "private_key": v3_encrypt("aa" * 32, FIRST, SALT)},
        {"address": "1B", "chain": "btc", "private_key": v3_encrypt("bb" * 32, SECOND, SALT)},
        {
            "address": "0xC",
            "chain": "eth",
            "balance": {"balance_eth": 0},
            "extra": {"seed_phrase": v3_encrypt("abandon " * 12, FIRST, SALT)},
        },
    ]
    lines = [json.dumps(record) for record in vault] + ['{"address": "1D", "chain": ']
    (data / "findings" / "vault_live.jsonl").write_text("\n".join(lines) + "\n")
    (data / "findings" / "sessions" / "scan_20250101_000000.jsonl").write_text(lines[0] + "\n")
    (data / "sessions" / "T1_20250101_000000.json.tmp").write_text('{"session_id": "T1", "sett')
    (data / "sessions" / "v2_sessions.json").write_text(json.dumps([{"keys": 1}]))
    (data / "sessions" / "T2_20250102_000000.json").write_text(json.dumps({"session_id": "T2"}))
    (data / "scan_memory.json").write_text(json.dumps({"high_scores": [{"key_hex": "ff"}]}))
    (data / "checkpoints" / "T1.json").write_text("{}")
    return root / "nps"


@pytest.fixture
def owner(db):
    return User.objects.create_user("importer", "a-long-password-2")


def run(folder, owner, *, passwords=(FIRST, SECOND, "wrong"), execute=True, tz="Asia/Tehran"):
    return V3Importer(
        path=folder, passwords=list(passwords), tz=tz, owner=owner, execute=execute
    ).run()


def test_dry_run_reports_everything_and_writes_nothing(tmp_path, owner):
    report = run(build_v3(tmp_path), owner, execute=False)
    assert report.counts["reading"] == {"imported": 4, "failed": 4}
    reasons = " | ".join(f["reason"] for f in report.failures)
    assert "impossible date" in reasons
    assert "expected an object" in reasons
    assert "unknown reading type 'scan'" in reasons
    assert "none of the passwords" in reasons
    vault = report.skipped["vault findings (Bitcoin)"]
    assert vault == {
        "records": 3,
        "corrupt lines": 1,
        "encrypted values the passwords open": 3,
    }
    assert report.skipped["scan sessions"] == {
        "truncated .tmp files": 1,
        "V2 session lists (arrays)": 1,
        "session files": 1,
    }
    assert report.skipped["scan memory"] == {"files": 1}
    assert report.skipped["checkpoints"] == {"files": 1}
    assert Reading.all_objects.count() == 0
    assert not LegacyLearningState.objects.exists()
    assert not ImportedRecord.objects.exists()


def test_execute_imports_readings_learning_and_telegram(tmp_path, owner):
    report = run(build_v3(tmp_path), owner)
    assert report.counts["learning"] == {"imported": 1}
    assert report.counts["telegram"] == {"imported": 1}

    sign = Reading.objects.get(sign_type="time")
    tehran = dt.timezone(dt.timedelta(hours=3, minutes=30))
    assert sign.created_at == dt.datetime(2025, 6, 1, 21, 15, tzinfo=tehran)
    assert sign.owner == owner and sign.profile is None
    assert sign.question == "11:11" and sign.sign_value == "2025-06-01 21:15"
    assert sign.reading_result["imported"] == {"source": "v3", "type": "sign", "truncated": True}
    assert sealing.reading_response(sign)["summary"] == "Gateway number"

    questions = {r.question: r for r in Reading.objects.filter(sign_type="question")}
    assert set(questions) == {"Should I take the job?", "Rain?"}  # ENC (1st password), PLAIN:
    job = questions["Should I take the job?"]
    assert sealing.reading_response(job)["interpretation"] == "Yes, with care"  # 2nd password
    assert "job" not in json.dumps(job.reading_result)

    name = Reading.objects.get(sign_type="name")
    assert name.question == "Sara" and name.sign_value == "expression 5"

    state = learning_state_for(owner)
    assert state.xp == 640 and state.level == 3 and state.model == "sonnet"
    assert state.insights == ["Evenings suit you", "Ask shorter questions"]
    assert state.last_learn == dt.datetime.fromtimestamp(1748800000, dt.UTC)
    link = PendingTelegramLink.objects.get(account=owner)
    assert link.chat_id == "987654" and link.was_enabled
    assert any("bot token" in note for note in report.notes)


def test_running_twice_imports_nothing_twice(tmp_path, owner):
    folder = build_v3(tmp_path)
    run(folder, owner)
    count = Reading.all_objects.count()
    again = run(folder, owner)
    assert again.imported == 0
    assert again.counts["reading"]["already imported"] == 4
    assert again.counts["learning"] == {"already imported": 1}
    assert Reading.all_objects.count() == count == 4


def test_a_missing_password_fails_only_its_records(tmp_path, owner):
    report = run(build_v3(tmp_path), owner, passwords=(FIRST,))
    # The question's interpretation was written under the second password: that entry fails.
    assert report.counts["reading"] == {"imported": 3, "failed": 5}
    assert report.skipped["vault findings (Bitcoin)"]["encrypted values no password opens"] == 1
    assert [r.question for r in Reading.objects.filter(sign_type="question")] == ["Rain?"]
    assert Reading.objects.filter(sign_type="name").count() == 1
    assert learning_state_for(owner) is not None


def test_an_object_where_the_array_was_expected_leaves_the_rest_imported(tmp_path, owner):
    folder = build_v3(tmp_path, readings={"type": "sign"})
    report = run(folder, owner)
    assert report.failures[0]["record"] == "oracle_readings.json"
    assert "expected an array" in report.failures[0]["reason"]
    assert Reading.all_objects.count() == 0
    assert learning_state_for(owner).xp == 640


def test_corrupt_readings_file_is_reported(tmp_path, owner):
    folder = build_v3(tmp_path)
    (folder / "data" / "oracle_readings.json").write_text('[{"type": "sign", "times')
    report = run(folder, owner)
    assert "corrupt JSON" in report.failures[0]["reason"]
    assert PendingTelegramLink.objects.filter(account=owner).exists()


def test_old_salt_file_opens_values_written_before_a_password_change(tmp_path, owner):
    old_salt = os.urandom(32)
    readings = [
        {
            "type": "question",
            "timestamp": "2024-01-01T00:00:00",
            "sign": v3_encrypt("Before the change", FIRST, old_salt),
        }
    ]
    folder = build_v3(tmp_path, readings=readings)
    (folder / "data" / ".vault_salt.old").write_bytes(old_salt)
    run(folder, owner, passwords=(FIRST,))
    assert Reading.objects.get().question == "Before the change"


def test_command_prints_the_report_and_summary(tmp_path, owner):
    folder = build_v3(tmp_path)
    out = io.StringIO()
    call_command(
        "import_v3",
        "--path",
        str(folder),
        "--password",
        FIRST,
        "--password",
        SECOND,
        "--owner",
        "importer",
        "--timezone",
        "UTC",
        "--execute",
        "--no-progress",
        stdout=out,
    )
    text = out.getvalue()
    assert "IMPORTED" in text and "reading: 4 imported, 4 failed" in text
    assert "6 record(s) imported, 4 failed." in text
    assert Reading.objects.count() == 4
