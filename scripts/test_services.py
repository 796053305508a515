"""Decide which database and cache the test suite runs on, and say so.

Prints shell `export` lines for `scripts/test.sh` to evaluate. PostgreSQL (127.0.0.1:5432) and Redis
(127.0.0.1:6379) are used when they answer (or the URLs in TEST_DATABASE_URL / TEST_REDIS_URL).
When one is missing the run falls back to SQLite / local memory with a loud warning, unless
NPS_REQUIRE_SERVICES=1, which makes a missing service fail the run instead.
"""

import os
import socket
import sys
from urllib.parse import urlparse

# The database name carries the runner's process id: pytest-django creates `test_<name>` and drops
# it afterwards, so two test runs on one machine never share (or destroy) each other's database.
DATABASE_URL = os.environ.get(
    "TEST_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/nps_{os.getppid()}"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def answers(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port), timeout=2):
            return True
    except OSError:
        return False


def main() -> int:
    required = os.environ.get("NPS_REQUIRE_SERVICES", "") == "1"
    exports = []
    missing = []
    for label, variable, url in (
        ("PostgreSQL", "DATABASE_URL", DATABASE_URL),
        ("Redis", "REDIS_URL", REDIS_URL),
    ):
        if answers(url):
            exports.append(f"export {variable}='{url}'")
            print(f"tests: {label} at {url}", file=sys.stderr)
        else:
            missing.append(label)
            exports.append(f"unset {variable}")
    if missing:
        names = " and ".join(missing)
        if required:
            print(
                f"tests: FAIL — {names} not reachable and NPS_REQUIRE_SERVICES=1.", file=sys.stderr
            )
            return 1
        print(
            f"tests: WARNING — {names} not reachable; falling back to SQLite / local-memory cache. "
            "CI (NPS_REQUIRE_SERVICES=1) would fail here.",
            file=sys.stderr,
        )
    print("\n".join(exports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
