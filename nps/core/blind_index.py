"""Keyed blind index: search encrypted texts without decrypting them.

A text (a question, a name, a journal note) is stored encrypted; beside it the app stores the
*terms* of the text: a keyed hash, under a key derived from `NPS_ENCRYPTION_KEY`, of every
normalised word and every prefix of it of `MIN_PREFIX` to `MAX_PREFIX` characters. A search turns
the words typed into the same terms and asks the database for rows holding all of them (an indexed
lookup, no decryption). Two forms:

* `index_hashes` / `query_hashes` — 64-bit integers (keyed BLAKE2b, 8 bytes, as a signed
  `bigint`): all of a row's terms in one column (`TermHashesField`), the readings' index
  (`oracle.services.search_index`). 64 bits make a false match negligible: a search word matches
  a text that lacks it only if one of that text's few hundred terms has the same 64-bit hash,
  about 1 in 10^16 per text and word; and a search only ever returns rows its caller may see.
* `index_terms` / `query_terms` — 128-bit HMAC-SHA256 as 32 hex characters, one row per term: the
  journal notes' index (`vault.models.NoteTerm`).

Privacy trade-off (also in docs/ARCHITECTURE.md): someone with the database but not the key cannot
read the words, but can see that two rows share a word (or a prefix), and how often a term occurs.
That is what makes the lookup cheap. Terms are per key, so rotating the encryption key means
rebuilding the terms (`rebuild` functions of the apps that store them).

Normalisation makes Persian and English searchable alike: Unicode NFKC, case folding, Arabic
letter variants to their Persian forms (ي → ی, ك → ک, ة → ه, أ/إ/آ → ا), diacritics and tatweel
removed, zero-width non-joiners treated as word breaks.
"""

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable

from django.db import models

from nps.core.fields import current_key

MIN_PREFIX = 3
# A longer word contributes its prefixes up to this length and itself.
MAX_PREFIX = 12
TERM_LENGTH = 32  # hex characters (128 bits)

_LETTER_VARIANTS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ـ": None,  # tatweel
        "\u200c": " ",  # zero-width non-joiner separates the parts of a word: index both
        "\u200d": None,
    }
)
_WORD = re.compile(r"\w+", re.UNICODE)


def _key(purpose: bytes = b"nps:blind-index:v1") -> bytes:
    # The current key of NPS_ENCRYPTION_KEY (the first of `new,old`): terms are rebuilt under it
    # by `manage.py rotate_encryption_key`.
    return hmac.new(current_key().encode(), purpose, hashlib.sha256).digest()


def _hash_key() -> bytes:
    return _key(b"nps:blind-index:v2:blake2b-64")


class _WithoutMarks(dict):
    """A `str.translate` table that deletes non-spacing marks (category Mn), filled as characters
    are met: the translation then runs in C, not one Python test per character. Only the Basic
    Multilingual Plane is kept (at most 65,536 entries, whatever the texts)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) == "Mn" else code
        if code < 0x10000:
            self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def normalise(text: str) -> str:
    """The text as the index sees it: folded case, Persian letter forms, no diacritics."""
    text = unicodedata.normalize("NFKC", text or "").translate(_LETTER_VARIANTS).casefold()
    stripped = unicodedata.normalize("NFD", text).translate(_WITHOUT_MARKS)
    return unicodedata.normalize("NFC", stripped)


def words(text: str) -> list[str]:
    """The distinct normalised words of a text, in order of first appearance."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(normalise(text)):
        seen.setdefault(word, None)
    return list(seen)


def _term(fragment: str, key: bytes) -> str:
    return hmac.new(key, fragment.encode(), hashlib.sha256).hexdigest()[:TERM_LENGTH]


def _hashes(fragments: Iterable[str]) -> set[int]:
    # Keyed BLAKE2b is a MAC like HMAC-SHA256, at a fraction of its cost (a reading has hundreds
    # of fragments); the keyed state is made once and copied for each.
    keyed = hashlib.blake2b(key=_hash_key(), digest_size=8)
    hashes = set()
    for fragment in fragments:
        state = keyed.copy()
        state.update(fragment.encode())
        hashes.add(int.from_bytes(state.digest(), signed=True))
    return hashes


def _fragments(texts: Iterable[str | None]) -> set[str]:
    """Every normalised word of the texts and every prefix of it of `MIN_PREFIX`–`MAX_PREFIX`."""
    fragments: set[str] = set()
    for text in texts:
        for word in words(text or ""):
            fragments.add(word)
            fragments.update(
                word[:length] for length in range(MIN_PREFIX, min(len(word), MAX_PREFIX) + 1)
            )
    return fragments


def index_terms(*texts: str | None) -> set[str]:
    """Every term to store for these texts (words and their prefixes), as 128-bit hex HMACs."""
    key = _key()
    return {_term(fragment, key) for fragment in _fragments(texts)}


def index_hashes(*texts: str | None) -> set[int]:
    """Every term to store for these texts (words and their prefixes), as 64-bit integers."""
    return _hashes(_fragments(texts))


# A search looks up at most this many words: its longest distinct ones of at least
# `MIN_QUERY_WORD` characters. Each word is one indexed probe; a search of 66 short words cost
# PostgreSQL seconds of planning (one EXISTS each), enough to slow everyone else's pages.
MAX_QUERY_WORDS = 8
MIN_QUERY_WORD = 2


def query_words(query: str) -> list[str]:
    """The words of `query` a search looks up: the `MAX_QUERY_WORDS` longest distinct ones of
    `MIN_QUERY_WORD`+ characters (a one-letter search still looks up its letter), cut to
    `MAX_PREFIX`."""
    typed = list(dict.fromkeys(word[:MAX_PREFIX] for word in words(query)))
    usable = [word for word in typed if len(word) >= MIN_QUERY_WORD] or typed
    return sorted(usable, key=len, reverse=True)[:MAX_QUERY_WORDS]


def query_terms(query: str) -> set[str]:
    """The terms a stored text must all hold to match `query` (each word looked up, as a prefix).

    A word shorter than `MIN_PREFIX` cannot be looked up by prefix; it is looked up as a whole
    word. Words longer than `MAX_PREFIX` are cut to it, which still narrows to the texts whose word
    starts that way. At most `MAX_QUERY_WORDS` words are used (`query_words`).
    """
    key = _key()
    return {_term(word, key) for word in query_words(query)}


def query_hashes(query: str) -> set[int]:
    """`query_terms` as the 64-bit integers of `index_hashes`."""
    return _hashes(query_words(query))


# Apps that store terms register a function here that recomputes all of them (from the decrypted
# texts, under the current key). Encryption-key rotation calls each one after re-encrypting.
REBUILDERS: list = []


def register_rebuilder(rebuild) -> None:
    """Add `rebuild()` (no arguments; returns the number of rows re-indexed) to `REBUILDERS`."""
    if rebuild not in REBUILDERS:
        REBUILDERS.append(rebuild)


class TermHashesField(models.Field):
    """All the `index_hashes` of one row, in one column.

    PostgreSQL stores a `bigint[]` (give it a GIN index: `holds_all` is `@>`, an indexed lookup);
    other databases (SQLite, the embedded default) a text of the numbers between spaces, which
    `holds_all` scans with `instr`. In Python the value is a list of integers.
    """

    description = "Keyed hashes of a text's words (blind index)"

    def db_type(self, connection):
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or isinstance(value, list):
            return value
        return [int(number) for number in str(value).split()]

    def get_db_prep_value(self, value, connection, prepared=False):
        # PostgreSQL gets the array's text form, cast by the placeholder: adapting a list of a few
        # hundred integers cost twice the CPU of the whole write.
        return None if value is None else _column_text(value, connection)

    def get_placeholder(self, value, compiler, connection):
        return "%s::bigint[]" if connection.vendor == "postgresql" else "%s"


@TermHashesField.register_lookup
class HoldsAll(models.Lookup):
    """``terms__holds_all=hashes``: the row holds every one of ``hashes``."""

    lookup_name = "holds_all"

    def as_sql(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        hashes = sorted(self.rhs)
        condition = " AND ".join([f"instr({column}, %s) > 0"] * len(hashes))
        return f"({condition})", [*params, *(f" {number} " for number in hashes)]

    def as_postgresql(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        return f"{column} @> %s::bigint[]", [*params, _column_text(self.rhs, connection)]


def _column_text(hashes: Iterable[int], connection) -> str:
    numbers = " ".join(map(str, sorted(hashes)))
    if connection.vendor == "postgresql":
        return f"{{{numbers.replace(' ', ',')}}}"
    return f" {numbers} "
