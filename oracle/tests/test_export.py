"""Exports: a reading as text, JSON and PDF (the whole reading inside the page, Persian shaped
and right to left, in the text layer); the account's data as a ZIP; the same files from the pages
and the API."""

import csv
import io
import json
import re
import subprocess
import tempfile
import zipfile
from html import unescape
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core.models import AuditLog
from oracle.engines.interpretation import SECTION_KEYS
from oracle.models import Reading
from oracle.services import export, readings, sealing
from oracle.services.readings import MultiUserMember
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

PERSIAN_QUESTION = "آیا سفر به شیراز خوشبختی می‌آورد؟"


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return user


def persian_reading(account) -> int:
    hamzeh = ProfileFactory(
        owner=account, name="Hamzeh", name_persian="حمزه", mother_name="Fatemeh"
    )
    principal = principal_for_account(account, auth_type="session")
    result = readings.create_question_reading(
        principal=principal, question=PERSIAN_QUESTION, profile_id=hamzeh.pk, use_ai=False
    )
    return result["reading_id"]


def page_export(client, reading_id: int, export_format: str):
    return client.get(reverse("oracle:reading-export", args=[reading_id, export_format]))


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_pdf_holds_the_persian_name_and_question_in_its_text_layer(client, owner):
    reading_id = persian_reading(owner)
    response = page_export(client, reading_id, "pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="nps-reading-{reading_id}.pdf"'
    text = pdf_text(response.content)
    assert "حمزه" in text
    assert "شیراز" in text and "خوشبختی" in text
    assert "Fatemeh" not in text  # never the mother's name


def test_text_export_is_a_summary_with_the_question_and_answer(client, owner):
    reading_id = persian_reading(owner)
    text = page_export(client, reading_id, "txt").content.decode()
    assert PERSIAN_QUESTION in text
    assert "Answer:" in text and "Hamzeh — حمزه" in text
    assert "Fatemeh" not in text


def test_json_export_is_exactly_the_stored_response(client, owner):
    reading_id = persian_reading(owner)
    body = json.loads(page_export(client, reading_id, "json").content)
    assert body == json.loads(
        json.dumps(sealing.reading_response(Reading.objects.get(pk=reading_id)))
    )
    assert body["question"] == PERSIAN_QUESTION


def test_export_is_audited_and_another_accounts_reading_is_a_404(client, owner):
    reading_id = persian_reading(owner)
    page_export(client, reading_id, "txt")
    assert AuditLog.objects.filter(action="oracle_reading.export", resource_id=reading_id).exists()
    foreign = persian_reading(UserFactory())
    assert page_export(client, foreign, "pdf").status_code == 404
    assert page_export(client, reading_id, "docx").status_code == 404


def test_copy_text_is_the_text_export_for_its_owner_only_and_not_audited(client, owner):
    reading_id = persian_reading(owner)
    page = client.get(reverse("oracle:reading", args=[reading_id])).content.decode()
    copy_url = reverse("oracle:reading-copy", args=[reading_id])
    assert f'data-copy-url="{copy_url}"' in page  # the page names it; the text is built on a click

    response = client.get(copy_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == page_export(client, reading_id, "txt").content
    assert AuditLog.objects.filter(action="oracle_reading.export").count() == 1  # the download's
    foreign = persian_reading(UserFactory())
    assert client.get(reverse("oracle:reading-copy", args=[foreign])).status_code == 404
    moderator = UserFactory(role=Role.MODERATOR)
    client.force_login(moderator)
    assert client.get(copy_url).status_code == 404  # masked for a moderator: nothing to copy
    assert (
        'data-copy-url=""'
        in client.get(reverse("oracle:reading", args=[reading_id])).content.decode()
    )
    client.logout()
    assert client.get(copy_url).status_code == 302  # to the login page


def test_api_exports_a_pdf_with_a_bearer_token(api_as):
    client = api_as(Role.USER)
    reading_id = persian_reading(client.account)
    url = reverse("api-reading-export", args=[reading_id])
    response = client.get(url, {"format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "حمزه" in pdf_text(response.content)


def test_api_unknown_format_is_a_422_naming_it_and_foreign_reading_a_404(api_as):
    client = api_as(Role.USER)
    reading_id = persian_reading(client.account)
    url = reverse("api-reading-export", args=[reading_id])
    refused = client.get(url, {"format": "docx"})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["query", "format"]
    other = api_as(Role.USER)
    assert other.get(url, {"format": "txt"}).status_code == 404


def test_download_my_data_is_a_zip_of_json_and_csv_decrypted(client, owner):
    reading_id = persian_reading(owner)
    persian_reading(UserFactory())  # another account's data stays out
    response = client.get(reverse("oracle:my-data"))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "profiles.csv",
        "profiles.json",
        "readings.csv",
        "readings.json",
    ]
    people = list(csv.DictReader(io.StringIO(archive.read("profiles.csv").decode("utf-8-sig"))))
    assert [(p["name"], p["mother_name"]) for p in people] == [("Hamzeh", "Fatemeh")]
    rows = json.loads(archive.read("readings.json"))
    assert [row["id"] for row in rows] == [reading_id]
    assert rows[0]["question"] == PERSIAN_QUESTION and rows[0]["response"]["answer"]
    table = list(csv.DictReader(io.StringIO(archive.read("readings.csv").decode("utf-8-sig"))))
    assert table[0]["question"] == PERSIAN_QUESTION


def test_api_download_my_data(api_as):
    client = api_as(Role.USER)
    persian_reading(client.account)
    response = client.get(reverse("api-account-export"))
    assert response.status_code == 200
    assert "readings.csv" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


# --------------------------------------------------------------------------------------------
# The PDF holds the whole reading, inside the page, in English and Persian

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
LATIN_DIGIT = re.compile(r"[0-9]")
PAGE = re.compile(
    r'<page width="(?P<width>[\d.]+)" height="(?P<height>[\d.]+)">(?P<body>.*?)</page>', re.S
)
WORD = re.compile(
    r'<word xMin="(?P<x0>[-\d.]+)" yMin="(?P<y0>[-\d.]+)" xMax="(?P<x1>[-\d.]+)" '
    r'yMax="(?P<y1>[-\d.]+)">(?P<text>.*?)</word>'
)


def pdf_pages(
    content: bytes,
) -> list[tuple[float, float, list[tuple[str, float, float, float, float]]]]:
    """Each page's (width, height, words) as poppler's ``pdftotext -bbox`` sees them, a word
    as (text, xMin, yMin, xMax, yMax) in points."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reading.pdf"
        path.write_bytes(content)
        html = subprocess.run(
            ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout
    pages = []
    for page in PAGE.finditer(html):
        words = [
            (unescape(word["text"]), *(float(word[key]) for key in ("x0", "y0", "x1", "y1")))
            for word in WORD.finditer(page["body"])
        ]
        pages.append((float(page["width"]), float(page["height"]), words))
    return pages


def pdf_words(content: bytes) -> str:
    """The text layer in reading order (poppler puts right-to-left words back in order)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reading.pdf"
        path.write_bytes(content)
        return subprocess.run(
            ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout


def assert_every_glyph_inside_the_page(content: bytes) -> None:
    pages = pdf_pages(content)
    assert pages and all(words for _w, _h, words in pages)
    for number, (width, height, words) in enumerate(pages, start=1):
        outside = [
            word
            for word in words
            if word[1] < 0 or word[2] < 0 or word[3] > width or word[4] > height
        ]
        assert not outside, f"page {number}: {outside[:5]}"


def words_of(text: str) -> list[str]:
    """The longer plain words of a text (letters only: a word joined by a zero-width non-joiner
    or carrying a hamza mark is left out), as a reader would search for them."""
    words = (token.strip(".,:;!?()«»“”'\"،؛") for token in text.split())
    return [word for word in words if len(word) >= 6 and word.isalpha()]


def make_reading(account, kind: str, language: str) -> Reading:
    principal = principal_for_account(account, auth_type="session")
    hamzeh = ProfileFactory(
        owner=account, name="Hamzeh", name_persian="حمزه", mother_name="Fatemeh"
    )
    common = {"principal": principal, "use_ai": False, "language": language}
    with translation.override(language):
        if kind == "time":
            result = readings.create_time_reading(
                datetime_text="2024-03-20 14:30", profile_id=hamzeh.pk, **common
            )
        elif kind == "question":
            result = readings.create_question_reading(
                question=PERSIAN_QUESTION, profile_id=hamzeh.pk, **common
            )
        elif kind == "name":
            result = readings.create_name_reading(name="Hamzeh", profile_id=hamzeh.pk, **common)
        else:
            sara = ProfileFactory(owner=account, name="Sara", mother_name="Maryam")
            result = readings.create_multi_user_reading(
                users=[
                    MultiUserMember("Hamzeh", 1990, 3, 21, hamzeh.pk),
                    MultiUserMember("Sara", 1992, 7, 4, sara.pk),
                    MultiUserMember("Ali", 1985, 1, 2),
                ],
                **common,
            )
    return Reading.objects.get(pk=result["reading_id"])


def exported(account, reading: Reading, export_format: str, language: str) -> bytes:
    principal = principal_for_account(account, auth_type="session")
    with translation.override(language):
        return export.export_reading(
            principal=principal, reading_id=reading.pk, export_format=export_format
        ).content


def local_number(value, language: str) -> str:
    return str(value).translate(PERSIAN_DIGITS) if language == "fa" else str(value)


def expected_values(response: dict, kind: str, language: str) -> list[str]:
    """Values the export must show for a reading of ``kind``."""
    number = lambda value: local_number(value, language)  # noqa: E731
    if kind == "time":
        return [
            "Hamzeh",
            *response["fc60_encoding"]["stamp"].split(),
            number(response["numerology"]["life_path"]),
            number(response["numerology"]["personal_year"]),
            number("14:30"),
        ]
    if kind == "question":
        answer = {
            "en": {"yes": "Yes", "no": "No", "maybe": "Maybe"},
            "fa": {"yes": "بله", "no": "خیر", "maybe": "شاید"},
        }
        return [
            "Hamzeh",
            "شیراز",
            "خوشبختی",
            answer[language][response["answer"]],
            number(response["sign_number"]),
            *response["fc60_encoding"]["stamp"].split(),
            *words_of(response["advice"])[:3],
        ]
    if kind == "name":
        return [
            "Hamzeh",
            number(response["destiny_number"]),
            number(response["soul_urge"]),
            number(response["chaldean"]),
        ]
    return ["Hamzeh", "Sara", "Ali", number(response["group_energy"]["joint_life_path"])]


KINDS = ["time", "question", "name", "group"]


@pytest.mark.parametrize("language", ["en", "fa"])
@pytest.mark.parametrize("kind", KINDS)
def test_pdf_holds_the_whole_reading_inside_the_page(user, kind, language):
    reading = make_reading(user, kind, language)
    response = sealing.reading_response(reading)
    content = exported(user, reading, "pdf", language)
    assert_every_glyph_inside_the_page(content)
    words = pdf_words(content)
    for value in expected_values(response, kind, language):
        assert value in words, value
    sections = response["ai_interpretation"]["sections"]
    for key in SECTION_KEYS:
        for word in words_of(sections[key])[:2]:
            assert word in words, (key, word)
    assert "Fatemeh" not in words and "Maryam" not in words  # never the mother's name


@pytest.mark.parametrize("language", ["en", "fa"])
def test_pdf_runs_the_way_the_language_reads(user, language):
    """Labels on the left in English, on the right in Persian."""
    reading = make_reading(user, "question", language)
    width, _height, words = pdf_pages(exported(user, reading, "pdf", language))[0]
    label = {"en": "Question", "fa": "پرسش"}[language]
    # -bbox gives a right-to-left word's letters in drawing order
    box = next(word for word in words if label in (word[0], word[0][::-1]))
    if language == "fa":
        assert box[3] > width * 0.8
    else:
        assert box[1] < width * 0.2


def test_a_long_reading_continues_on_more_pages_inside_them(user):
    reading = make_reading(user, "question", "fa")
    response = sealing.reading_response(reading)
    long_question = "آیا " + " ".join(["سفر به شیراز خوشبختی می‌آورد"] * 60) + "؟"
    paragraphs = {
        key: "\n\n".join(f"{key} paragraph {n}: " + "The seeker walks on. " * 40 for n in range(3))
        for key in SECTION_KEYS
    }
    paragraphs["footer"] = "Closingline of the reading."
    long_response = {
        **response,
        "question": long_question,
        "ai_interpretation": {
            **response["ai_interpretation"],
            "ai_generated": True,
            "language": "en",
            "sections": paragraphs,
        },
    }
    with translation.override("en"):
        content = export.as_pdf(reading, long_response)
    pages = pdf_pages(content)
    assert len(pages) >= 4
    assert_every_glyph_inside_the_page(content)
    last_words = " ".join(word[0] for word in pages[-1][2])
    assert "Closingline" in last_words and "Page" in last_words
    assert "caution" in pdf_words(content)  # the last body section made it too


# --------------------------------------------------------------------------------------------
# The text file holds every section; Persian with Persian words and digits


@pytest.mark.parametrize("language", ["en", "fa"])
@pytest.mark.parametrize("kind", KINDS)
def test_text_export_holds_every_interpretation_section(user, kind, language):
    reading = make_reading(user, kind, language)
    response = sealing.reading_response(reading)
    text = exported(user, reading, "txt", language).decode()
    for value in expected_values(response, kind, language):
        assert value in text, value
    for key in SECTION_KEYS:
        for word in words_of(response["ai_interpretation"]["sections"][key])[:3]:
            assert word in text, (key, word)
    titles = {"en": ["Core identity", "Message", "Caution"], "fa": ["هویت اصلی", "پیام", "هشدار"]}
    assert all(title in text for title in titles[language])
    assert "Fatemeh" not in text and "Maryam" not in text


def test_persian_text_export_says_the_answer_in_persian_with_persian_digits(user):
    reading = make_reading(user, "question", "fa")
    response = sealing.reading_response(reading)
    text = exported(user, reading, "txt", "fa").decode()
    answer = {"yes": "بله", "no": "خیر", "maybe": "شاید"}[response["answer"]]
    assert f"پاسخ: {answer}" in text
    numbers = [
        line
        for line in text.splitlines()
        if line.startswith(("عدد نشانه:", "اطمینان:", "مسیر زندگی:"))
    ]
    assert len(numbers) == 3
    assert not any(LATIN_DIGIT.search(line) for line in numbers), numbers
    assert local_number(response["sign_number"], "fa") in numbers[-2] + numbers[0]


@pytest.mark.parametrize("kind", KINDS)
def test_persian_files_keep_no_middle_dot_beside_persian_digits(user, kind):
    """A middle dot beside a Persian digit reads as a Persian zero ("هلال کاهنده · ۱٪" read as
    ۱۰٪, "خوانش شمارهٔ ۲ · ۱۶ آذر" as ۲۰۱۶): Persian files separate with Persian punctuation."""
    reading = make_reading(user, kind, "fa")
    text = exported(user, reading, "txt", "fa").decode()
    beside_a_digit = re.findall(r".{0,12}(?:[۰-۹٪]\s*·|·\s*[۰-۹]).{0,12}", text)
    assert beside_a_digit == []


# --------------------------------------------------------------------------------------------
# The account's CSVs: a BOM for spreadsheets, names and labels instead of ids


def test_my_data_csvs_start_with_a_bom_and_name_the_profile_and_the_kind(client, owner):
    persian_reading(owner)
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("oracle:my-data")).content))
    for name in ("profiles.csv", "readings.csv"):
        assert archive.read(name).startswith("\ufeff".encode()), name
    table = list(csv.DictReader(io.StringIO(archive.read("readings.csv").decode("utf-8-sig"))))
    assert table[0]["kind"] == "Question reading" and table[0]["profile"] == "Hamzeh"
    assert "profile_id" not in table[0] and "sign_type" not in table[0]
    assert "Fatemeh" not in archive.read("readings.csv").decode("utf-8-sig")


def test_persian_pdf_moment_with_as_many_latin_as_persian_letters_runs_right_to_left(user):
    """ "۱۶ آذر ۱۴۰۵، ۲۱:۲۲ UTC" has three letters each way: read left to right, the space
    between the month and the year moved and the two were drawn glued ("آذر۱۴۰۵")."""
    reading = make_reading(user, "question", "fa")
    words = [
        word[0] for _w, _h, page in pdf_pages(exported(user, reading, "pdf", "fa")) for word in page
    ]
    glued = [
        word
        for word in words
        if re.search(r"[\u0621-\u064a\u067e-\u06cc][۰-۹]|[۰-۹][\u0621-\u064a\u067e-\u06cc]", word)
    ]
    assert not glued


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("۱۷ آذر ۱۴۰۵، ۰۱:۰۱ UTC+۰۳:۳۰", "rtl"),  # "UTC" labels a number: no words
        ("۳ دی ۱۴۰۵، ۰۴:۵۸ UTC+۰۳:۳۰", "rtl"),
        ("۳ دی ۱۴۰۵، ۰۴:۵۸ UTC", "rtl"),
        ("2026-12-24 04:58 UTC+03:30", None),  # digits only: the page's
        ("Sara — سارا", None),  # as many letters each way: the page's
        ("What does today hold for me?", "ltr"),
        ("هلال کاهنده، ۴٪ — آسودن", "rtl"),
    ],
)
def test_a_pdf_value_runs_the_way_its_words_do(text, direction):
    """A Persian moment ("۳ دی ۱۴۰۵، ۰۴:۵۸ UTC+۰۳:۳۰": "UTC" outnumbering "دی") was laid out
    left to right in the Persian PDF, its spaces moved ("۱۴۰۵دی  ۳"); a tie is the page's."""
    from oracle.services.reading_pdf import _own_direction

    assert _own_direction(text) == direction


def test_persian_files_write_a_zone_offset_in_persian_digits_throughout(user):
    """The method's zone line came out "تهران — ایران (UTC+03:۳۰ در آن لحظه)": half Latin digits."""
    principal = principal_for_account(user, auth_type="session")
    with translation.override("fa"):
        reading_id = readings.create_time_reading(
            principal=principal,
            datetime_text="2024-03-20 14:30",
            timezone_name="Asia/Tehran",
            use_ai=False,
            language="fa",
        )["reading_id"]
    text = exported(user, Reading.objects.get(pk=reading_id), "txt", "fa").decode()
    assert "UTC+۰۳:۳۰" in text
    assert not re.search(r"UTC[+\-−][0-9]", text), re.findall(r".{20}UTC.{12}", text)
