"""`manage.py backup` and `manage.py restore` on the real database of the test run (PostgreSQL in
CI): back up, wipe, restore, compare row counts and decrypted values."""

import datetime as dt
import io
import json
import tarfile

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection

from nps.accounts.principal import principal_for_account
from nps.core import backups
from nps.core.fields import key_fingerprint
from oracle.models import Profile, Reading
from oracle.services import stats
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def data():
    profiles = [ProfileFactory(mother_name=f"Mother {n}", name=f"Person {n}") for n in range(3)]
    Reading.objects.create(
        owner=profiles[0].owner, sign_type="question", sign_value="q", question="Will it rain?"
    )
    profiles[2].delete()  # a soft-deleted row is backed up too
    return profiles


def decrypted_values() -> list:
    return [
        *sorted(Profile.all_objects.values_list("name", "mother_name", "deleted_at")),
        tuple(Reading.objects.values_list("question", flat=True)),
    ]


def make_backup(tmp_path) -> tuple[str, dict]:
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path), stdout=out)
    [path] = tmp_path.glob("nps-backup-*.tar")
    assert str(path) in out.getvalue()
    return str(path), backups.read_manifest(path)


def test_backup_wipe_restore_gives_back_every_row_and_decrypted_value(data, tmp_path):
    before_values = decrypted_values()
    before_counts = backups.current_row_counts()
    path, manifest = make_backup(tmp_path)
    assert manifest["row_counts"] == before_counts
    assert manifest["row_counts"]["oracle_users"] == 3
    assert manifest["database"]["vendor"] == connection.vendor

    Reading.objects.all().delete()
    Profile.all_objects.all().hard_delete()
    assert Profile.all_objects.count() == 0

    account = data[0].owner
    counted_key = stats.HISTORY_TOTALS_KEY.format(account=account.pk, zone=dt.UTC)
    stats.history_totals(principal_for_account(account, auth_type="jwt"))
    assert cache.get(counted_key) is not None

    out = io.StringIO()
    call_command("restore", path, "--yes", stdout=out)
    assert "every row count matches the backup" in out.getvalue()
    assert backups.current_row_counts() == before_counts
    assert cache.get(counted_key) is None  # counted from the database replaced: forgotten
    assert decrypted_values() == before_values
    # The restored database is fully usable: new rows get new keys.
    ProfileFactory(mother_name="After restore")
    assert Profile.objects.count() == 3


def test_backup_holds_the_key_fingerprint_never_the_key(data, tmp_path, settings):
    path, manifest = make_backup(tmp_path)
    assert manifest["encryption_key_fingerprint"] == key_fingerprint(settings.NPS_ENCRYPTION_KEY)
    assert manifest["app_version"] == settings.NPS_VERSION
    assert "0001_initial" in manifest["migrations"]["oracle"]
    with tarfile.open(path) as archive:
        for member in archive.getmembers():
            content = archive.extractfile(member).read()
            assert settings.NPS_ENCRYPTION_KEY.encode() not in content
            assert b"Mother 1" not in content  # encrypted in the dump too


def test_restore_refuses_a_backup_made_with_another_key(data, tmp_path, settings):
    path, _ = make_backup(tmp_path)
    Profile.all_objects.all().hard_delete()
    settings.NPS_ENCRYPTION_KEY = "a-completely-different-key-0123456789abcdef"
    with pytest.raises(CommandError, match="not in NPS_ENCRYPTION_KEY"):
        call_command("restore", path, "--yes", stdout=io.StringIO())
    assert Profile.all_objects.count() == 0  # nothing was touched


def test_restore_accepts_the_backup_key_as_an_old_key_and_says_to_rotate(data, tmp_path, settings):
    path, _ = make_backup(tmp_path)
    settings.NPS_ENCRYPTION_KEY = (
        f"a-new-current-key-0123456789abcdef,{settings.NPS_ENCRYPTION_KEY}"
    )
    out = io.StringIO()
    call_command("restore", path, "--yes", stdout=out)
    assert "rotate_encryption_key" in out.getvalue()
    assert sorted(Profile.all_objects.values_list("mother_name", flat=True)) == [
        "Mother 0",
        "Mother 1",
        "Mother 2",
    ]


def test_restore_refuses_a_damaged_backup(data, tmp_path):
    path, _manifest = make_backup(tmp_path)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(path) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == backups.MANIFEST:
                changed = json.loads(content)
                changed["database"]["sha256"] = "0" * 64
                content = json.dumps(changed).encode()
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged), "--yes", stdout=io.StringIO())
    assert Profile.all_objects.count() == 3


def test_restore_of_a_file_that_is_no_backup_is_refused(tmp_path):
    bogus = tmp_path / "bogus.tar"
    bogus.write_bytes(b"not a tar file")
    with pytest.raises(CommandError, match="is not an NPS backup"):
        call_command("restore", str(bogus), "--yes", stdout=io.StringIO())


def test_backup_refuses_to_overwrite_a_file(tmp_path):
    target = tmp_path / "kept.tar"
    target.write_bytes(b"precious")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", "--output", str(target), stdout=io.StringIO())
    assert target.read_bytes() == b"precious"
