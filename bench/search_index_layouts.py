"""Layouts of the readings' search index, measured side by side (issue 22).

Run from the project root:  .venv/bin/python bench/search_index_layouts.py [READINGS]
It creates a throw-away PostgreSQL database `nps_bench_search_layouts` on 127.0.0.1:5432 (user
postgres), loads READINGS (10,000) readings of 350 terms each into every layout, then times the
write of one more reading (the reading row, then its index, one transaction and commit each) in
alternating rounds, and a search of one account's readings for a common word, a rare one, two
words and a missing one. The terms are random 64-bit numbers standing for the keyed hashes
(`nps.core.blind_index`); the former layout stores them as 32 hex characters, as it did.

* A — one row per term, `(term, reading_id)` primary key + an index on `reading_id` (former);
* B — one row per reading, `bigint[]` with a GIN index (`fastupdate` on, PostgreSQL's default);
* C — the same with `fastupdate = off` (each write merged into the index at once).
"""

import hashlib
import random
import statistics
import sys
import time

import psycopg

SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "nps_bench_search_layouts"
TERMS = 350
ROUNDS, PER_ROUND = 3, 200
LAYOUTS = ("none", "A", "B", "C")
LABELS = {
    "none": "the reading row only (no index)",
    "A": "A: one row per term + 2 B-trees (former)",
    "B": "B: one row, `bigint[]` + GIN (fastupdate on)",
    "C": "C: one row, `bigint[]` + GIN (fastupdate off)",
}
SCHEMA = """
CREATE TABLE readings (id bigserial PRIMARY KEY, owner int, question bytea);
CREATE INDEX ON readings (owner);
CREATE TABLE a_terms (term varchar(32), reading_id bigint REFERENCES readings ON DELETE CASCADE,
                      PRIMARY KEY (term, reading_id));
CREATE INDEX ON a_terms (reading_id);
CREATE TABLE b_index (reading_id bigint PRIMARY KEY REFERENCES readings ON DELETE CASCADE,
                      terms bigint[] NOT NULL);
ALTER TABLE b_index ALTER COLUMN terms SET STORAGE MAIN;
CREATE INDEX ON b_index USING gin (terms);
CREATE TABLE c_index (reading_id bigint PRIMARY KEY REFERENCES readings ON DELETE CASCADE,
                      terms bigint[] NOT NULL);
ALTER TABLE c_index ALTER COLUMN terms SET STORAGE MAIN;
CREATE INDEX ON c_index USING gin (terms) WITH (fastupdate = off);
"""

rng = random.Random(1)
# 3,000 common terms (words of the interpretations) and 3,000 rarer ones (the questions').
VOCABULARY = [rng.getrandbits(64) - 2**63 for _ in range(6000)]


def reading_terms() -> list[int]:
    return sorted(
        set(rng.sample(VOCABULARY[:3000], TERMS - 20) + rng.sample(VOCABULARY[3000:], 20))
    )


def hexes(terms: list[int]) -> list[str]:
    return [hashlib.md5(str(term).encode()).hexdigest() for term in terms]  # noqa: S324


def array(terms: list[int]) -> str:
    return "{" + ",".join(map(str, terms)) + "}"


def store(cursor, layout: str, owner: int) -> None:
    cursor.execute(
        "INSERT INTO readings (owner, question) VALUES (%s, %s) RETURNING id", (owner, b"x" * 200)
    )
    reading = cursor.fetchone()[0]
    terms = reading_terms()
    if layout in ("A", "all"):
        cursor.execute(
            "INSERT INTO a_terms SELECT unnest(%s::varchar[]), %s", (hexes(terms), reading)
        )
    if layout in ("B", "all"):
        cursor.execute("INSERT INTO b_index VALUES (%s, %s::bigint[])", (reading, array(terms)))
    if layout in ("C", "all"):
        cursor.execute("INSERT INTO c_index VALUES (%s, %s::bigint[])", (reading, array(terms)))


def median_ms(cursor, sql: str, params) -> tuple[float, int]:
    samples = []
    for _ in range(15):
        start = time.perf_counter()
        cursor.execute(sql, params)
        count = cursor.fetchone()[0]
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), count


def main() -> None:
    readings = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    with psycopg.connect(f"{SERVER}/{DATABASE}") as connection:
        cursor = connection.cursor()
        cursor.execute(SCHEMA)
        for n in range(readings):
            store(cursor, "all", 1 if n % 6 else 2)
            if n % 500 == 0:
                connection.commit()
        connection.commit()
        connection.autocommit = True
        cursor.execute("VACUUM ANALYZE")
        connection.autocommit = False

        writes: dict[str, list[float]] = {layout: [] for layout in LAYOUTS}
        for _ in range(ROUNDS):
            for layout in LAYOUTS:
                for _ in range(PER_ROUND):
                    start = time.perf_counter()
                    store(cursor, layout, 1)
                    connection.commit()
                    writes[layout].append((time.perf_counter() - start) * 1000)
        print(f"{readings} readings loaded, {TERMS} terms each")
        print("| layout | write median | p95 | mean | size |")
        print("|---|---|---|---|---|")
        tables = {"none": "readings", "A": "a_terms", "B": "b_index", "C": "c_index"}
        for layout in LAYOUTS:
            samples = sorted(writes[layout])
            cursor.execute("SELECT pg_size_pretty(pg_total_relation_size(%s))", (tables[layout],))
            print(
                f"| {LABELS[layout]} | {statistics.median(samples):.2f} ms | "
                f"{samples[int(len(samples) * 0.95)]:.2f} ms | {statistics.mean(samples):.2f} ms | "
                f"{cursor.fetchone()[0]} |"
            )
        connection.commit()
        connection.autocommit = True
        cursor.execute("VACUUM ANALYZE")
        searches = {
            "common word": [VOCABULARY[5]],
            "rare word": [VOCABULARY[3500]],
            "two words": [VOCABULARY[5], VOCABULARY[6]],
            "no match": [12345],
        }
        count = "SELECT count(*) FROM readings r WHERE r.owner = 1 AND "
        print("\n| search (count of one account's matches) | A | B | C |")
        print("|---|---|---|---|")
        for label, terms in searches.items():
            probe = "EXISTS (SELECT 1 FROM a_terms t WHERE t.term = %s AND t.reading_id = r.id)"
            a = median_ms(cursor, count + " AND ".join([probe] * len(terms)), hexes(terms))
            figures = [a]
            for table in ("b_index", "c_index"):
                sql = (
                    f"SELECT count(*) FROM readings r JOIN {table} i ON i.reading_id = r.id "  # noqa: S608
                    "WHERE r.owner = 1 AND i.terms @> %s::bigint[]"
                )
                figures.append(median_ms(cursor, sql, (array(terms),)))
            cells = " | ".join(f"{ms:.1f} ms ({found})" for ms, found in figures)
            print(f"| {label} | {cells} |")
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


if __name__ == "__main__":
    main()
