-- One wrk request: method, body and bearer token from the environment (see bench/http.sh).
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
if body and #body > 0 then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
local token = os.getenv("BENCH_TOKEN")
if token and #token > 0 then
  wrk.headers["Authorization"] = "Bearer " .. token
end

local cookie = os.getenv("BENCH_COOKIE")
if cookie and #cookie > 0 then
  wrk.headers["Cookie"] = cookie
end
