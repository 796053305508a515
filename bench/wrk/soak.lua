-- Soak mix (bench/soak.sh): per 10 requests, 3 time readings stored, 1 question reading stored,
-- 3 history pages, 2 profile lists, 1 profile created (a unique name per request).
local token = os.getenv("BENCH_TOKEN")
local counter = 0
thread_id = 0  -- set per thread by setup() (a global of the thread's Lua state)
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("thread_id", next_id)
end

local function headers()
  return {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
end

function request()
  counter = counter + 1
  local slot = counter % 10
  if slot < 3 then
    return wrk.format("POST", "/api/oracle/reading", headers(),
      '{"datetime": "2024-02-29T13:45:30+03:30"}')
  elseif slot == 3 then
    return wrk.format("POST", "/api/oracle/question", headers(),
      '{"question": "Will the soak test pass?"}')
  elseif slot < 7 then
    return wrk.format("GET", "/api/oracle/readings?limit=20", headers())
  elseif slot < 9 then
    return wrk.format("GET", "/api/oracle/users", headers())
  else
    local name = string.format("Soak person t%d n%d", thread_id, counter)
    return wrk.format("POST", "/api/oracle/users", headers(), string.format(
      '{"name": "%s", "birthday": "1990-03-21", "mother_name": "Maryam"}', name))
  end
end

-- Non-2xx answers are counted by wrk itself ("Non-2xx or 3xx responses").
