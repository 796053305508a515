"""A V3 folder uploaded as a ZIP: checked before anything is unpacked, then unpacked safely.

Refused: a file that is not a ZIP, one larger than `NPS_IMPORT_MAX_UPLOAD_MB`, contents larger
than `NPS_IMPORT_MAX_UNPACKED_MB` once unpacked (a ZIP bomb; sizes are checked as they are
written, not only as declared), too many members, absolute paths, `..` components, drive letters
and symbolic links (nothing can be written outside the folder it is unpacked into).
"""

from __future__ import annotations

import io
import shutil
import stat
import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

from nps.core.errors import InvalidField

MAX_MEMBERS = 20_000
MB = 1024 * 1024


class ArchiveRefused(InvalidField):
    def __init__(self, message: str) -> None:
        super().__init__("archive", message)


def _safe_parts(name: str) -> tuple[str, ...]:
    if "\\" in name or "\0" in name:
        raise ArchiveRefused(
            _("The ZIP holds a file name that is not allowed: %(name)s.") % {"name": name[:80]}
        )
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise ArchiveRefused(
            _("The ZIP holds a path outside its folder: %(name)s.") % {"name": name[:80]}
        )
    return tuple(part for part in path.parts if part not in ("", "."))


def check(data: bytes) -> zipfile.ZipFile:
    """The opened archive, or `ArchiveRefused` saying what is wrong with it."""
    if len(data) > settings.NPS_IMPORT_MAX_UPLOAD_MB * MB:
        raise ArchiveRefused(
            _(
                "The ZIP is larger than %(size)s MB (NPS_IMPORT_MAX_UPLOAD_MB); leave out the "
                "Bitcoin scanner files or use the import_v3 command."
            )
            % {"size": settings.NPS_IMPORT_MAX_UPLOAD_MB}
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ArchiveRefused(_("This file is not a ZIP archive.")) from None
    if len(members) > MAX_MEMBERS:
        raise ArchiveRefused(_("The ZIP holds more than %(count)s files.") % {"count": MAX_MEMBERS})
    total = 0
    for member in members:
        _safe_parts(member.filename)
        if stat.S_ISLNK(member.external_attr >> 16):
            raise ArchiveRefused(
                _("The ZIP holds a symbolic link: %(name)s.") % {"name": member.filename[:80]}
            )
        if member.flag_bits & 0x1:
            raise ArchiveRefused(_("The ZIP is password-protected; upload it without a password."))
        total += member.file_size
    if total > settings.NPS_IMPORT_MAX_UNPACKED_MB * MB:
        raise ArchiveRefused(
            _("The ZIP unpacks to more than %(size)s MB.")
            % {"size": settings.NPS_IMPORT_MAX_UNPACKED_MB}
        )
    return archive


def unpack(data: bytes, destination: Path) -> Path:
    """Unpack into `destination` (an empty folder) and return the V3 ``nps`` folder in it."""
    archive = check(data)
    budget = settings.NPS_IMPORT_MAX_UNPACKED_MB * MB
    for member in archive.infolist():
        parts = _safe_parts(member.filename)
        if not parts:
            continue
        target = destination.joinpath(*parts)
        if member.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(member) as source, target.open("wb") as sink:
            while chunk := source.read(MB):
                budget -= len(chunk)
                if budget < 0:
                    raise ArchiveRefused(_("The ZIP unpacks to more than its declared size."))
                sink.write(chunk)
    return find_root(destination)


def find_root(folder: Path) -> Path:
    """The shallowest folder holding ``data/`` (or V3's data files themselves)."""
    candidates = [folder, *sorted(p for p in folder.rglob("*") if p.is_dir())]
    for candidate in sorted(candidates, key=lambda p: len(p.parts)):
        if (candidate / "data").is_dir() or (candidate / "oracle_readings.json").is_file():
            return candidate
    raise ArchiveRefused(_("The ZIP holds no V3 data folder (nps/data with oracle_readings.json)."))


def discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
