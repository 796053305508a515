#!/usr/bin/env bash
# Cold workers: start gunicorn (production settings, PostgreSQL + Redis) and, as soon as the port
# accepts connections, time the very first requests (each on a new connection, so they spread
# over the fresh workers): GET /api/health and POST /api/oracle/users (create a profile).
# Usage: bash bench/cold_start.sh [after|before]
#   after  (default): with gunicorn.conf.py (app preloaded and warmed in the master)
#   before: gunicorn without the config file (each worker imports and warms on its own requests)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
MODE="${1:-after}"
PORT="${BENCH_PORT:-8766}"
DB=nps_bench_cold
WORKERS="${WEB_CONCURRENCY:-$(( $(nproc) * 2 + 1 ))}"
source bench/production_env.sh
production_env "${DB}" cold
TOKEN=$($PY manage.py shell -c "
from nps.accounts.models import User
from nps.accounts.services import start_session
print(start_session(User.objects.create_user('bench', 'bench-password-0123', role='user')).access_token)" | tail -n 1)

if [[ "$MODE" == before ]]; then
  CONFIG=(-c /dev/null)
else
  CONFIG=()
fi
$PY -m gunicorn "${CONFIG[@]}" nps.wsgi:application --workers "$WORKERS" \
  --bind "127.0.0.1:${PORT}" > /tmp/nps-bench-cold.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT

BENCH_TOKEN="$TOKEN" BENCH_PORT="$PORT" BENCH_MODE="$MODE" BENCH_WORKERS="$WORKERS" $PY - <<'PYEOF'
import http.client, json, os, socket, statistics, time
port = int(os.environ["BENCH_PORT"])
started = time.perf_counter()
while True:  # as soon as the port accepts connections
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        break
    except OSError:
        time.sleep(0.01)
print(f"port open after {time.perf_counter() - started:.1f} s")

def timed(method, path, body=None, token=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"} if body else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    begin = time.perf_counter()
    conn.request(method, path, body=json.dumps(body) if body else None, headers=headers)
    response = conn.getresponse()
    response.read()
    elapsed = (time.perf_counter() - begin) * 1000
    conn.close()
    assert 200 <= response.status < 300, (path, response.status)
    return elapsed

token = os.environ["BENCH_TOKEN"]
rows = []
health = [timed("GET", "/api/health") for _ in range(20)]
create = [
    timed("POST", "/api/oracle/users", {"name": f"Cold person {n}", "birthday": "1990-03-21",
          "mother_name": "Maryam"}, token)
    for n in range(20)
]
for label, series in (("GET /api/health", health), ("POST /api/oracle/users", create)):
    ordered = sorted(series)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    print(f"| {os.environ['BENCH_MODE']} | {label} | {series[0]:.1f} ms | "
          f"{statistics.median(series):.1f} ms | {p95:.1f} ms | {max(series):.1f} ms |")
PYEOF
kill $SERVER; wait $SERVER 2>/dev/null || true
trap - EXIT
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${DB}" >/dev/null 2>&1 || true
