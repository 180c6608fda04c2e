-- wrk script for bench/web/run.sh: sends the Cookie (CP_COOKIE) or Authorization (CP_AUTH)
-- header taken from the environment, and counts every response that is not a 200 whose
-- body contains CP_EXPECT; done() prints "checked: N good, M bad" for run.sh to verify.
local cookie = os.getenv("CP_COOKIE") or ""
local authz = os.getenv("CP_AUTH") or ""
local expect = os.getenv("CP_EXPECT") or ""
if cookie ~= "" then wrk.headers["Cookie"] = cookie end
if authz ~= "" then wrk.headers["Authorization"] = authz end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  good = 0
  bad = 0
end

function response(status, headers, body)
  if status == 200 and (expect == "" or string.find(body, expect, 1, true)) then
    good = good + 1
  else
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local g, b = 0, 0
  for _, t in ipairs(threads) do
    g = g + t:get("good")
    b = b + t:get("bad")
  end
  io.write(string.format("checked: %d good, %d bad\n", g, b))
end
