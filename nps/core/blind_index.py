"""Keyed blind index: search encrypted texts without decrypting them.

A text (a question, a name, a journal note) is stored encrypted; beside it the app stores the
*terms* of the text: for every normalised word and every prefix of it of at least `MIN_PREFIX`
characters,
an HMAC-SHA256 under a key derived from `NPS_ENCRYPTION_KEY`, truncated to 128 bits. A search turns
the words typed into the same terms and asks the database for rows holding all of them (an indexed
equality lookup, no decryption).

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


def _key() -> bytes:
    # The current key of NPS_ENCRYPTION_KEY (the first of `new,old`): terms are rebuilt under it
    # by `manage.py rotate_encryption_key`.
    return hmac.new(current_key().encode(), b"nps:blind-index:v1", hashlib.sha256).digest()


def normalise(text: str) -> str:
    """The text as the index sees it: folded case, Persian letter forms, no diacritics."""
    text = unicodedata.normalize("NFKC", text or "").translate(_LETTER_VARIANTS).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def words(text: str) -> list[str]:
    """The distinct normalised words of a text, in order of first appearance."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(normalise(text)):
        seen.setdefault(word, None)
    return list(seen)


def _term(fragment: str, key: bytes) -> str:
    return hmac.new(key, fragment.encode(), hashlib.sha256).hexdigest()[:TERM_LENGTH]


def index_terms(*texts: str | None) -> set[str]:
    """Every term to store for these texts (words and their prefixes)."""
    key = _key()
    fragments: set[str] = set()
    for text in texts:
        for word in words(text or ""):
            fragments.add(word)
            for length in range(MIN_PREFIX, min(len(word), MAX_PREFIX) + 1):
                fragments.add(word[:length])
    return {_term(fragment, key) for fragment in fragments}


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


# Apps that store terms register a function here that recomputes all of them (from the decrypted
# texts, under the current key). Encryption-key rotation calls each one after re-encrypting.
REBUILDERS: list = []


def register_rebuilder(rebuild) -> None:
    """Add `rebuild()` (no arguments; returns the number of rows re-indexed) to `REBUILDERS`."""
    if rebuild not in REBUILDERS:
        REBUILDERS.append(rebuild)
