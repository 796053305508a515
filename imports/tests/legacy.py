"""Test helpers: V4's database schema and V4/V3 encryption, built from V4's documented formats.

Used by the import tests and by bench/imports.py. The schema is V4's init.sql with migration 011
(TEXT mother names) — the tables the importer reads, plus scanner tables it must skip.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import uuid
from collections.abc import Iterator

import psycopg
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

from imports.legacy_crypto import v3_key, v4_key

V4_SCHEMA = """
CREATE FUNCTION update_updated_at() RETURNS trigger AS $$
BEGIN NEW.updated_at = NOW(); RETURN NEW; END; $$ LANGUAGE plpgsql;

CREATE TABLE users (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    username VARCHAR(100) UNIQUE NOT NULL,
    password_hash TEXT NOT NULL,
    salt BYTEA,
    role VARCHAR(20) DEFAULT 'user',
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW(),
    last_login TIMESTAMPTZ,
    is_active BOOLEAN DEFAULT TRUE
);
CREATE TRIGGER users_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION update_updated_at();

CREATE TABLE api_keys (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id UUID REFERENCES users(id) ON DELETE CASCADE,
    key_hash TEXT NOT NULL,
    name VARCHAR(100) NOT NULL,
    scopes TEXT[] DEFAULT '{}',
    rate_limit INTEGER DEFAULT 60,
    created_at TIMESTAMPTZ DEFAULT NOW(),
    expires_at TIMESTAMPTZ,
    last_used TIMESTAMPTZ,
    is_active BOOLEAN DEFAULT TRUE
);

CREATE TABLE findings (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    address TEXT NOT NULL,
    chain VARCHAR(20) NOT NULL DEFAULT 'btc',
    private_key_enc TEXT,
    found_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE TABLE oracle_users (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) NOT NULL CONSTRAINT oracle_users_name_check CHECK (LENGTH(name) >= 2),
    name_persian VARCHAR(200),
    birthday DATE NOT NULL CONSTRAINT oracle_users_birthday_check CHECK (birthday <= CURRENT_DATE),
    mother_name TEXT NOT NULL,
    mother_name_persian TEXT,
    country VARCHAR(100),
    city VARCHAR(100),
    coordinates POINT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    deleted_at TIMESTAMPTZ
);
CREATE INDEX idx_oracle_users_active ON oracle_users (deleted_at) WHERE deleted_at IS NULL;
CREATE TRIGGER oracle_users_updated_at BEFORE UPDATE ON oracle_users
    FOR EACH ROW EXECUTE FUNCTION update_updated_at();

CREATE TABLE oracle_readings (
    id BIGSERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES oracle_users(id) ON DELETE CASCADE,
    is_multi_user BOOLEAN NOT NULL DEFAULT FALSE,
    primary_user_id INTEGER REFERENCES oracle_users(id) ON DELETE SET NULL,
    question TEXT NOT NULL,
    question_persian TEXT,
    sign_type VARCHAR(20) NOT NULL CONSTRAINT oracle_readings_sign_type_check
        CHECK (sign_type IN ('time', 'name', 'question', 'reading', 'multi_user', 'daily')),
    sign_value VARCHAR(100) NOT NULL,
    reading_result JSONB,
    ai_interpretation TEXT,
    ai_interpretation_persian TEXT,
    individual_results JSONB,
    compatibility_matrix JSONB,
    combined_energy JSONB,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT oracle_readings_user_check CHECK (
        (is_multi_user = FALSE) OR (is_multi_user = TRUE AND primary_user_id IS NOT NULL))
);

CREATE TABLE oracle_reading_users (
    reading_id BIGINT NOT NULL REFERENCES oracle_readings(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES oracle_users(id) ON DELETE CASCADE,
    is_primary BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    PRIMARY KEY (reading_id, user_id)
);

CREATE TABLE oracle_audit_log (
    id BIGSERIAL PRIMARY KEY,
    timestamp TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    user_id INTEGER REFERENCES oracle_users(id) ON DELETE SET NULL,
    action VARCHAR(100) NOT NULL,
    resource_type VARCHAR(50),
    resource_id BIGINT,
    success BOOLEAN NOT NULL DEFAULT TRUE,
    ip_address VARCHAR(45),
    api_key_hash VARCHAR(64),
    details JSONB
);
"""


class V4Crypto:
    """V4's `ENC4:` encryption under a key and salt."""

    def __init__(self, password: str, salt: str = "") -> None:
        self.key = v4_key(password, salt)

    def encrypt(self, text: str, nonce: bytes | None = None) -> str:
        nonce = nonce or os.urandom(12)
        sealed = AESGCM(self.key).encrypt(nonce, text.encode(), None)
        return "ENC4:" + base64.b64encode(nonce + sealed).decode()


def tamper(value: str) -> str:
    """The same ENC4 value with one ciphertext byte flipped (its tag no longer matches)."""
    raw = bytearray(base64.b64decode(value[5:]))
    raw[14] ^= 0x01
    return "ENC4:" + base64.b64encode(bytes(raw)).decode()


def v3_encrypt(
    text: str,
    password: str = "",
    salt: bytes = b"",
    *,
    key: bytes | None = None,
    nonce: bytes | None = None,
) -> str:
    """V3's `ENC:`: HMAC-SHA256 keystream by block index, tag over nonce‖ct.

    `key` instead of a password and salt: the value as V4 wrote it, under V4's derived key."""
    key = key or v3_key(password, salt)
    nonce = nonce or os.urandom(16)
    data = text.encode()
    stream = b"".join(
        hmac.new(key, nonce + i.to_bytes(4, "big"), hashlib.sha256).digest()
        for i in range((len(data) + 31) // 32)
    )
    ciphertext = bytes(a ^ b for a, b in zip(data, stream, strict=False))
    tag = hmac.new(key, nonce + ciphertext, hashlib.sha256).digest()[:16]
    return "ENC:" + (nonce + ciphertext + tag).hex()


def _server_url(dbname: str) -> str:
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgresql://{user}{password}@{host}:{port}/{dbname}"


@contextlib.contextmanager
def v4_database() -> Iterator[str]:
    """A throw-away PostgreSQL database with V4's schema on the test server; dropped after."""
    name = f"v4_import_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_server_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = _server_url(name)
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(V4_SCHEMA)
        yield url
    finally:
        with psycopg.connect(_server_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
