"""Sealed values and keyed digests (`nps.core.sealed_values`): the cached private texts."""

import hashlib

from nps.core import sealed_values


def test_sealed_value_hides_the_text_and_opens_after_a_key_rotation(settings):
    sealed = sealed_values.seal({"text": "Zorabella مریم"})
    assert "Zorabella" not in sealed and "مریم" not in sealed
    old_key = settings.NPS_ENCRYPTION_KEY
    settings.NPS_ENCRYPTION_KEY = f"a-new-encryption-key-0123456789abcdef,{old_key}"
    assert sealed_values.unseal(sealed) == {"text": "Zorabella مریم"}
    settings.NPS_ENCRYPTION_KEY = "an-unrelated-encryption-key-0123456789abcdef"
    assert sealed_values.unseal(sealed) is None  # no configured key opens it: a cache miss


def test_unsealing_anything_else_gives_none():
    assert sealed_values.unseal({"text": "a clear value cached before"}) is None
    assert sealed_values.unseal("not a sealed value") is None
    assert sealed_values.unseal(sealed_values.seal("x")[:-4] + "AAAA") is None


def test_keyed_digest_depends_on_the_key_the_purpose_and_the_parts(settings):
    digest = sealed_values.keyed_digest("journal-tag", "travel")
    assert digest != hashlib.sha256(b"travel").hexdigest()
    assert digest != sealed_values.keyed_digest("ai-answer-cache", "travel")
    assert sealed_values.keyed_digest("p", "ab", "c") != sealed_values.keyed_digest("p", "a", "bc")
    settings.NPS_ENCRYPTION_KEY = "another-encryption-key-0123456789abcdef"
    assert sealed_values.keyed_digest("journal-tag", "travel") != digest
