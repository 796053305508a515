"""Faults on real services: PostgreSQL restarting while readings are written, a worker killed.

The app runs under gunicorn (two sync workers) against a PRIVATE PostgreSQL cluster this module
creates (initdb + pg_ctl in a temporary directory, on a free port, as the `postgres` OS user when
the tests run as root) — the shared server, which other tests use, is never touched.

- The cluster is crashed (`pg_ctl stop -m immediate`) while four threads write readings (and one
  reads a page with a session), and started again: requests during the outage answer 503 with
  `Retry-After` (no 500, no hang), the app answers 2xx again within 5 s of the database's return,
  and every reading whose request got a 2xx is in the database (counted).
- A worker is SIGKILLed while its request waits inside its transaction: the request is not
  acknowledged, nothing of it is stored, every acknowledged reading is, and gunicorn's new worker
  serves the next requests.
"""

import contextlib
import glob
import http.client
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import psycopg
import pytest

from nps.core.tests.figures import record as record_figure

PROJECT = Path(__file__).resolve().parents[3]
PASSWORD = "fault-test-admin-password-0123"
REQUEST_TIMEOUT = 15  # a request hanging this long fails the test


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    assert found, f"{name} not found under /usr/lib/postgresql/*/bin (install postgresql)"
    return found[-1]


class Cluster:
    """A throw-away PostgreSQL cluster: initdb, start, crash, start again."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="nps-fault-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            entry = pwd.getpwnam("postgres")
            os.chown(self.root, entry.pw_uid, entry.pw_gid)

    def run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=60)

    def init(self) -> None:
        self.run(pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                 "--no-sync", "-E", "UTF8")  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(pg_bin("pg_ctl"), "-D", str(self.data), "-o", options,
                 "-l", str(self.root / "log"), "-w", "-t", "30", "start")  # fmt: skip

    def crash(self) -> None:
        self.run(pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def url(self, database: str = "nps") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.crash()
        shutil.rmtree(self.root, ignore_errors=True)


def request(
    port: int, method: str, path: str, body=None, token=None, headers=None
) -> tuple[int, dict, dict]:
    """One HTTP request: (status, headers, JSON body). A dropped connection is status 0."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    headers = {"Content-Type": "application/json", **(headers or {})}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if body is not None and not isinstance(body, str):
        body = json.dumps(body)
    try:
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        raw = response.read()
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = {"raw": raw[:200].decode(errors="replace")}
        return response.status, dict(response.getheaders()), parsed
    except (ConnectionError, http.client.RemoteDisconnected, http.client.IncompleteRead):
        return 0, {}, {}
    finally:
        connection.close()


@pytest.fixture(scope="module")
def server():
    """gunicorn (2 workers) on a private PostgreSQL cluster, with an admin account's token."""
    cluster = Cluster()
    process = None
    try:
        cluster.init()
        cluster.start()
        with psycopg.connect(cluster.url("postgres"), autocommit=True) as admin:
            admin.execute("CREATE DATABASE nps")
        port = free_port()
        env = {
            **os.environ,
            "DEBUG": "1",
            "DATABASE_URL": cluster.url(),
            "REDIS_URL": "",
            "RATE_LIMIT_DEFAULT": "100000/minute",
            "NPS_ADMIN_PASSWORD": PASSWORD,
            "DATABASE_CONNECT_TIMEOUT": "2",
        }
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=PROJECT, env=env,
                       check=True, timeout=180)  # fmt: skip
        subprocess.run([sys.executable, "manage.py", "bootstrap", "--no-demo"], cwd=PROJECT,
                       env=env, check=True, timeout=60, capture_output=True)  # fmt: skip
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "nps.wsgi:application", "--workers", "2",
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "60"],
            cwd=PROJECT, env=env,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        token = None
        while time.monotonic() < deadline and token is None:
            status, _, body = request(
                port, "POST", "/api/auth/login", {"username": "admin", "password": PASSWORD}
            )
            if status == 200:
                token = body["access_token"]
            else:
                time.sleep(0.2)
        assert token, "gunicorn did not answer a login within 60 s"
        session = page_session(port)
        yield {
            "port": port,
            "token": token,
            "session": session,
            "cluster": cluster,
            "process": process,
        }
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=20)
        cluster.remove()


def page_session(port: int) -> str:
    """Log in through the login page (CSRF and all): the `Cookie` header of the session."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    connection.request("GET", "/login")
    response = connection.getresponse()
    html = response.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
    form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form = urllib.parse.urlencode(
        {"username": "admin", "password": PASSWORD, "csrfmiddlewaretoken": form_token}
    )
    connection.request(
        "POST",
        "/login",
        form,
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf_cookie}"},
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.status == 302, f"the page login answered {response.status}"
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie")).group(1)
    return f"sessionid={session}"


def stored_readings(cluster: Cluster) -> set[int]:
    with psycopg.connect(cluster.url(), connect_timeout=5) as connection:
        return {row[0] for row in connection.execute("SELECT id FROM oracle_readings")}


def write_reading(server, number: int) -> tuple[int, dict, dict]:
    return request(
        server["port"], "POST", "/api/oracle/name", {"name": f"Ali {number}"}, server["token"]
    )


def test_postgresql_restart_while_writing_readings(server):
    cluster = server["cluster"]
    results = []  # readings written: (started, finished, status, headers, body)
    pages = []  # the dashboard read with a session (its lookup is a middleware's), likewise
    stop = threading.Event()
    lock = threading.Lock()

    def writer(offset: int):
        number = offset
        while not stop.is_set():
            started = time.monotonic()
            status, headers, body = write_reading(server, number)
            with lock:
                results.append((started, time.monotonic(), status, headers, body))
            number += 4

    def page_reader():
        while not stop.is_set():
            started = time.monotonic()
            status, headers, body = request(
                server["port"], "GET", "/", headers={"Cookie": server["session"]}
            )
            with lock:
                pages.append((started, time.monotonic(), status, headers, body))

    def count_ok() -> int:
        with lock:
            return sum(1 for result in results if 200 <= result[2] < 300)

    before = stored_readings(cluster)
    threads = [threading.Thread(target=writer, args=(offset,)) for offset in range(4)]
    threads.append(threading.Thread(target=page_reader))
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 30
        while count_ok() < 8 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert count_ok() >= 8, "no traffic got through before the restart"

        crashed_at = time.monotonic()
        cluster.crash()
        # Down until the writers and the page have seen the outage (503s), at most 10 s.
        while time.monotonic() - crashed_at < 10:
            with lock:
                refused = sum(1 for r in results if r[2] == 503 and r[0] > crashed_at)
                refused_pages = sum(1 for r in pages if r[2] == 503)
            if refused >= 4 and refused_pages >= 1:
                break
            time.sleep(0.05)
        cluster.start()
        back_at = time.monotonic()

        recovered_at = None
        while time.monotonic() - back_at < 10:
            with lock:
                answered = [r for r in results if r[0] >= back_at and 200 <= r[2] < 300]
            if len(answered) >= 8:
                recovered_at = min(r[1] for r in answered)
                break
            time.sleep(0.05)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)

    statuses = [result[2] for result in results]
    refusals = [result for result in results if result[2] == 503]
    acknowledged = {result[4]["reading_id"] for result in results if 200 <= result[2] < 300}
    after = stored_readings(cluster)
    figures = (
        f"PostgreSQL restart: {len(results)} writes, {len(acknowledged)} acknowledged and all "
        f"stored, {len(refusals)} answered 503, recovered "
        f"{(recovered_at or 0) - back_at:.2f} s after the database returned; "
        f"{len(pages)} page reads, {sum(1 for page in pages if page[2] == 503)} answered 503"
    )
    record_figure(figures)

    assert set(statuses) <= {200, 503}, f"unexpected statuses: {sorted(set(statuses))}"
    assert refusals, "the outage was never seen (no 503)"
    for _, _, _, headers, body in refusals:
        assert int(headers["Retry-After"]) > 0
        assert "detail" in body
    slowest = max(finished - started for started, finished, *_ in results)
    assert slowest < 10, f"a request took {slowest:.1f} s (it should fail fast, not hang)"
    assert recovered_at is not None and recovered_at - back_at < 5, figures
    assert acknowledged <= after - before, "an acknowledged reading is missing from the database"

    page_statuses = [page[2] for page in pages]
    assert set(page_statuses) <= {200, 503}, f"page statuses: {sorted(set(page_statuses))}"
    assert 503 in page_statuses, "the page never saw the outage"
    assert all(int(page[3]["Retry-After"]) > 0 for page in pages if page[2] == 503)
    assert pages[-1][2] == 200, "the page did not recover"


def worker_pids(master: int) -> set[int]:
    pids = set()
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            fields = Path(stat).read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.add(int(stat.split("/")[2]))
    return pids


def test_a_worker_killed_mid_request_loses_nothing_acknowledged(server):
    cluster = server["cluster"]
    before = stored_readings(cluster)
    results = {}

    def send(number: int):
        results[number] = write_reading(server, number)

    # Both workers' requests wait for the table inside their transaction: then one is killed.
    with psycopg.connect(cluster.url()) as blocker:
        blocker.execute("LOCK TABLE oracle_readings IN EXCLUSIVE MODE")
        threads = [threading.Thread(target=send, args=(number,)) for number in (1, 2)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 15
        with psycopg.connect(cluster.url(), autocommit=True) as watcher:
            while time.monotonic() < deadline:
                waiting = watcher.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                ).fetchone()[0]
                if waiting == 2:
                    break
                time.sleep(0.05)
        assert waiting == 2, "the two requests never reached the database"
        victim = min(worker_pids(server["process"].pid))
        os.kill(victim, signal.SIGKILL)
        time.sleep(0.2)  # the kernel closes the victim's sockets; its backend sees EOF
        blocker.rollback()
    for thread in threads:
        thread.join(timeout=REQUEST_TIMEOUT + 5)

    statuses = sorted(result[0] for result in results.values())
    assert statuses == [0, 200], f"expected one dropped and one answered request: {statuses}"
    after_kill = stored_readings(cluster)
    acknowledged = {r[2]["reading_id"] for r in results.values() if r[0] == 200}
    assert after_kill - before == acknowledged, "the killed request left a reading behind"

    # gunicorn replaces the worker: the next requests are served and stored.
    answered = [write_reading(server, number) for number in range(3, 9)]
    assert [status for status, *_ in answered] == [200] * 6
    assert {body["reading_id"] for _, _, body in answered} <= stored_readings(cluster)
