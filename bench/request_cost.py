"""CPU cost of one request through the whole Django stack, in-process (no network, no gunicorn).

Calls the WSGI application directly in a loop and reports the CPU time (`time.process_time`) per
request for each case, so the figures are little affected by other load on the machine. With
`--profile CASE` it prints the functions that take the time (cProfile, sorted by own time).

    bash bench/request_cost.sh                # every case, production settings, PostgreSQL + Redis
    bash bench/request_cost.sh --profile health
    bash bench/request_cost.sh --cases reading,question,name   # the stored readings only

`bench/request_cost.sh` sets up the environment (the same as bench/http.sh) and also measures the
ceiling: `bench/ceiling.py`, a bare Django view returning a fixed JSON body.

Each stored-reading case (time, question, name) is also measured with its search index off (the
`post_save` receiver of `oracle.services.search_index` disconnected), in alternating blocks, and
the ratio "index on / index off" is printed: the cost of the blind index on a write (issue 22's
goal is at most 1.25).
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CEILING = os.environ.get("DJANGO_SETTINGS_MODULE") == "bench.ceiling"


def environ(method: str, path: str, body: bytes = b"", token: str = "") -> dict:
    path, _, query = path.partition("?")
    env = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "CONTENT_LENGTH": str(len(body)),
    }
    if body:
        env["CONTENT_TYPE"] = "application/json"
    if token:
        env["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return env


def call(application, case: dict) -> int:
    status = []
    body = case.get("body", b"")
    result = application(
        environ(case["method"], case["path"], body, case.get("token", "")),
        lambda s, h, exc_info=None: status.append(int(s.split()[0])),
    )
    for _ in result:
        pass
    if hasattr(result, "close"):
        result.close()
    return status[0]


def cases(token: str) -> dict[str, dict]:
    if CEILING:
        return {"health": {"method": "GET", "path": "/api/health"}}

    def stored(path: str, body: dict) -> dict:
        return {
            "method": "POST",
            "path": path,
            "token": token,
            "body": json.dumps(body).encode(),
            "stored": True,
        }

    return {
        "health": {"method": "GET", "path": "/api/health"},
        "profiles": {"method": "GET", "path": "/api/oracle/users", "token": token},
        "reading": stored("/api/oracle/reading", {"datetime": "2024-02-29T13:45:30+03:30"}),
        "question": stored(
            "/api/oracle/question", {"question": "Will the new job bring happiness this year?"}
        ),
        "name": stored("/api/oracle/name", {"name": "Sara Ahmadi"}),
        "page-login": {"method": "GET", "path": "/login"},
    }


def search_index_on(on: bool) -> None:
    """Connect or disconnect the receiver that writes a saved reading's search index."""
    from django.db.models.signals import post_save

    from oracle.models import Reading
    from oracle.services import search_index

    if on:
        post_save.connect(
            search_index.on_reading_saved, sender=Reading, dispatch_uid="oracle-reading-terms"
        )
    else:
        post_save.disconnect(sender=Reading, dispatch_uid="oracle-reading-terms")


def measure(application, case: dict, requests: int, profiler=None) -> tuple[float, float]:
    """CPU and wall milliseconds per request over ``requests`` calls."""
    cpu = time.process_time()
    wall = time.perf_counter()
    if profiler:
        profiler.enable()
    for _ in range(requests):
        call(application, case)
    if profiler:
        profiler.disable()
    return (
        (time.process_time() - cpu) * 1000 / requests,
        (time.perf_counter() - wall) * 1000 / requests,
    )


def measure_index_off(application, case: dict, requests: int) -> tuple[tuple, tuple]:
    """(CPU, wall) per request with the search index on and off, in four alternating blocks each
    so that a change of load on the machine weighs on both alike."""
    totals = {True: [0.0, 0.0], False: [0.0, 0.0]}
    block = max(requests // 4, 1)
    try:
        for _ in range(4):
            for on in (True, False):
                search_index_on(on)
                cpu_ms, wall_ms = measure(application, case, block)
                totals[on][0] += cpu_ms / 4
                totals[on][1] += wall_ms / 4
    finally:
        search_index_on(True)
    return tuple(totals[True]), tuple(totals[False])


def login_token() -> str:
    from nps.accounts.models import User
    from nps.accounts.services import start_session

    account = User.objects.filter(username="bench").first()
    if account is None:
        account = User.objects.create_user("bench", "bench-password-0123", role="user")
        from oracle.models import Profile

        for index in range(20):
            Profile.objects.create(
                owner=account,
                name=f"Bench person {index}",
                birthday=f"1990-01-{index + 1:02d}",
                mother_name="Maryam",
            )
    return start_session(account).access_token


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--profile", metavar="CASE")
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    args = parser.parse_args()

    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    token = "" if CEILING else login_token()
    selected = cases(token)
    if args.profile:
        selected = {args.profile: selected[args.profile]}
    elif args.cases:
        selected = {name: selected[name] for name in args.cases.split(",") if name in selected}
    label = "ceiling (bare Django view)" if CEILING else "NPS"
    for name, case in selected.items():
        first_started = time.perf_counter()
        status = call(application, case)
        first_ms = (time.perf_counter() - first_started) * 1000
        assert 200 <= status < 300, f"{name} answered {status}"
        for _ in range(50):  # warm
            call(application, case)
        profiler = cProfile.Profile() if args.profile else None
        rows = []
        if case.get("stored") and not profiler:
            (cpu_ms, wall_ms), (off_cpu, off_wall) = measure_index_off(
                application, case, args.requests
            )
            rows = [
                f"| {label} | {name} (index off) | {off_cpu:.3f} ms | {off_wall:.3f} ms | — |",
                f"| {label} | {name}: index on / off | {cpu_ms / off_cpu:.2f}× | "
                f"{wall_ms / off_wall:.2f}× | — |",
            ]
        else:
            cpu_ms, wall_ms = measure(application, case, args.requests, profiler)
        rows.insert(
            0, f"| {label} | {name} | {cpu_ms:.3f} ms | {wall_ms:.3f} ms | {first_ms:.1f} ms |"
        )
        print("\n".join(rows), flush=True)
        if profiler:
            stats = pstats.Stats(profiler).strip_dirs().sort_stats("tottime")
            stats.print_stats(30)
            stats.sort_stats("cumulative").print_stats(int(os.environ.get("PROFILE_LINES", "40")))


if __name__ == "__main__":
    main()
