"""V4's and V3's formats against V4's documented test vectors."""

import pytest

from imports import legacy_crypto as crypto
from imports.tests.legacy import V4Crypto, tamper, v3_encrypt

V4_PASSWORD = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
V4_SALT = "00112233445566778899aabbccddeeff"
V4_VALUE = "ENC4:AAECAwQFBgcICQoLlsThMyPdV9/In6lURXIFi5Md2b1vYZ4/E00S3MWrxQ=="
V3_VALUE = (
    "ENC:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa8a9600d7f561881ec183764703e11f8fd6d46c9b65a6c96a12950562d7"
    "9b9dd7a2172f878f06ccd764cde4ac631908181224e325600cf840de3687"
)


def test_v4_key_derivation_and_vector():
    key = crypto.v4_key(V4_PASSWORD, V4_SALT)
    assert key.hex() == "50a305b3701e1e13697dc8d134d471d69b898de2deca98cf387b596522586d30"
    assert crypto.decrypt_enc4(V4_VALUE, key) == "Maryam مریم"


def test_v4_default_salt_is_padded_with_nul():
    key = crypto.v4_key(V4_PASSWORD, "")
    assert key.hex() == "32bccc8c3b2c92fc12ad6a1d394a1a7a46d5d29746ae3ad939c52e27b256c90e"


def test_v4_helper_matches_the_vector():
    nonce = bytes(range(12))
    assert V4Crypto(V4_PASSWORD, V4_SALT).encrypt("Maryam مریم", nonce) == V4_VALUE


def test_v3_vector_and_helper():
    key = crypto.v3_key("hunter2", bytes(range(32)))
    assert key.hex() == "fda517d2af081aa843dbd57bc1e23bcaef7f303dc1cea027091ba902546dd950"
    text = "The quick brown fox jumps over the lazy dog"
    assert crypto.decrypt_enc(V3_VALUE, [key]) == text
    assert v3_encrypt(text, "hunter2", bytes(range(32)), nonce=b"\xaa" * 16) == V3_VALUE


def test_tampered_and_wrong_keys_are_refused():
    key = crypto.v4_key(V4_PASSWORD, V4_SALT)
    with pytest.raises(crypto.UndecryptableValue, match="tampered"):
        crypto.decrypt_enc4(tamper(V4_VALUE), key)
    wrong = crypto.v3_key("hunter3", bytes(range(32)))
    with pytest.raises(crypto.UndecryptableValue, match="wrong"):
        crypto.decrypt_enc(V3_VALUE, [wrong])
    with pytest.raises(crypto.UndecryptableValue, match="too short"):
        crypto.decrypt_enc4("ENC4:AAAA", key)


def test_decoder_tries_every_key_and_passes_clear_values():
    right = crypto.v3_key("hunter2", bytes(range(32)))
    wrong = crypto.v3_key("nope", bytes(range(32)))
    decoder = crypto.LegacyDecoder(v3_keys=[wrong, right])
    assert decoder.decode(V3_VALUE).startswith("The quick")
    assert decoder.decode("PLAIN:clear") == "clear"
    assert decoder.decode("no prefix") == "no prefix"
    assert decoder.decode(None) is None
    with pytest.raises(crypto.UndecryptableValue, match="needs the V4 encryption key"):
        decoder.decode(V4_VALUE)
