"""CPU cost of one request through the whole Django stack, in-process (no network, no gunicorn).

Calls the WSGI application directly in a loop and reports the CPU time (`time.process_time`) per
request for each case, so the figures are little affected by other load on the machine. With
`--profile CASE` it prints the functions that take the time (cProfile, sorted by own time).

    bash bench/request_cost.sh                # every case, production settings, PostgreSQL + Redis
    bash bench/request_cost.sh --profile health

`bench/request_cost.sh` sets up the environment (the same as bench/http.sh) and also measures the
ceiling: `bench/ceiling.py`, a bare Django view returning a fixed JSON body.
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
    reading = json.dumps({"datetime": "2024-02-29T13:45:30+03:30"}).encode()
    return {
        "health": {"method": "GET", "path": "/api/health"},
        "profiles": {"method": "GET", "path": "/api/oracle/users", "token": token},
        "reading": {
            "method": "POST",
            "path": "/api/oracle/reading",
            "token": token,
            "body": reading,
        },
        "page-login": {"method": "GET", "path": "/login"},
    }


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
    args = parser.parse_args()

    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    token = "" if CEILING else login_token()
    selected = cases(token)
    if args.profile:
        selected = {args.profile: selected[args.profile]}
    label = "ceiling (bare Django view)" if CEILING else "NPS"
    for name, case in selected.items():
        first_started = time.perf_counter()
        status = call(application, case)
        first_ms = (time.perf_counter() - first_started) * 1000
        assert 200 <= status < 300, f"{name} answered {status}"
        for _ in range(50):  # warm
            call(application, case)
        profiler = cProfile.Profile() if args.profile else None
        cpu = time.process_time()
        wall = time.perf_counter()
        if profiler:
            profiler.enable()
        for _ in range(args.requests):
            call(application, case)
        if profiler:
            profiler.disable()
        cpu_ms = (time.process_time() - cpu) * 1000 / args.requests
        wall_ms = (time.perf_counter() - wall) * 1000 / args.requests
        print(
            f"| {label} | {name} | {cpu_ms:.3f} ms | {wall_ms:.3f} ms | {first_ms:.1f} ms |",
            flush=True,
        )
        if profiler:
            stats = pstats.Stats(profiler).strip_dirs().sort_stats("tottime")
            stats.print_stats(30)
            stats.sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
