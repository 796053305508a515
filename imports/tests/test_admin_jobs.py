"""The admin's Import page: a V3 ZIP uploaded, checked, imported by a (here eager) job."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from imports.models import ImportedRecord, ImportJob, JobStatus
from imports.services import archive
from imports.tests.test_import_v3 import FIRST, SECOND, build_v3
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from oracle.models import Reading

pytestmark = pytest.mark.django_db


def zip_of(folder, *, prefix="nps") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive_file:
        for path in folder.rglob("*"):
            if path.is_file():
                archive_file.write(path, f"{prefix}/{path.relative_to(folder)}")
    return buffer.getvalue()


def zip_with(name: str, content: bytes = b"x") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive_file:
        archive_file.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def console(client, admin_user, django_capture_on_commit_callbacks):
    """The admin's browser; the job queued when the view's transaction commits runs (eagerly)."""
    client.force_login(admin_user)
    post = client.post

    def post_and_run(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    client.post = post_and_run
    return client


def post_job(console, owner, data: bytes, **extra):
    form = {
        "source": "v3",
        "owner": str(owner.pk),
        "timezone": "UTC",
        "passwords": f"{FIRST}\n{SECOND}",
        "archive": SimpleUploadedFile("nps.zip", data, content_type="application/zip"),
        **extra,
    }
    return console.post(reverse("admin:imports_importjob_add"), form)


def test_uploaded_zip_runs_as_a_job_and_shows_its_report(console, user, tmp_path):
    data = zip_of(build_v3(tmp_path))
    response = post_job(console, user, data, execute="on")
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:imports_importjob_change", args=[job.pk])
    assert job.status == JobStatus.DONE and job.payload is None  # secrets and files erased
    assert job.report["counts"]["reading"] == {"imported": 4, "failed": 4}
    assert Reading.objects.filter(owner=user).count() == 4
    assert ImportedRecord.objects.filter(job=job).count() == 6
    page = console.get(response.url)
    assert "reading: 4 imported, 4 failed" in page.content.decode()
    assert FIRST not in page.content.decode()


def test_dry_run_job_writes_nothing(console, user, tmp_path):
    post_job(console, user, zip_of(build_v3(tmp_path)))
    job = ImportJob.objects.get()
    assert job.status == JobStatus.DONE and not job.report["execute"]
    assert not Reading.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        (zip_with("../../etc/passwd"), "outside its folder"),
        (zip_with("/abs/data/oracle_readings.json"), "outside its folder"),
        (b"not a zip at all", "not a ZIP"),
    ],
)
def test_unsafe_or_invalid_archives_are_refused_beside_the_field(console, user, data, message):
    response = post_job(console, user, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_zip_bomb_is_refused_by_its_unpacked_size(settings, tmp_path):
    settings.NPS_IMPORT_MAX_UNPACKED_MB = 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive_file:
        archive_file.writestr("nps/data/big.json", b"0" * (2 * archive.MB))
    with pytest.raises(archive.ArchiveRefused, match="more than 1 MB"):
        archive.unpack(buffer.getvalue(), tmp_path)


def test_symlink_member_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive_file:
        info = zipfile.ZipInfo("nps/data/link")
        info.external_attr = 0o120777 << 16
        archive_file.writestr(info, "/etc/passwd")
    with pytest.raises(archive.ArchiveRefused, match="symbolic link"):
        archive.check(buffer.getvalue())


def test_moderators_cannot_open_the_import_page(client):
    client.force_login(UserFactory(role=Role.MODERATOR))
    assert client.get(reverse("admin:imports_importjob_add")).status_code == 403


def test_imported_readings_show_their_source_in_the_admin(console, user, tmp_path):
    post_job(console, user, zip_of(build_v3(tmp_path), prefix="backup/nps"), execute="on")
    reading = Reading.objects.filter(owner=user).first()
    listing = console.get(reverse("admin:oracle_reading_changelist") + "?imported=v3")
    assert listing.status_code == 200 and f">{reading.pk}<" in listing.content.decode()
    none = console.get(reverse("admin:oracle_reading_changelist") + "?imported=none")
    assert f">{reading.pk}<" not in none.content.decode()
    detail = console.get(reverse("admin:oracle_reading_change", args=[reading.pk]))
    assert "NPS V3 (oracle_readings.json:" in detail.content.decode()


def test_a_v4_job_that_cannot_connect_fails_with_its_reason(console, user):
    response = console.post(
        reverse("admin:imports_importjob_add"),
        {
            "source": "v4",
            "owner": str(user.pk),
            "timezone": "UTC",
            "database_url": "postgresql://postgres@127.0.0.1:1/none",
        },
    )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == JobStatus.FAILED and "cannot connect" in job.error


def test_the_report_reads_in_persian_on_a_persian_console(console, user, tmp_path):
    post_job(console, user, zip_of(build_v3(tmp_path)), execute="on")
    job = ImportJob.objects.get()
    console.cookies["nps_language"] = "fa"
    try:
        url = reverse("admin:imports_importjob_change", args=[job.pk])
        page = console.get(url).content.decode()
    finally:
        translation.activate("en")  # the middleware leaves the request's language active
    assert "ورود داده از V3: وارد شد" in page
    assert "4 وارد‌شده, 4 ناموفق" in page
    assert "یافته‌های گنجینه (بیت‌کوین)" in page
