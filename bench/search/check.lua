-- wrk script for bench/search/run.sh: counts every response that is not a 200 whose body
-- contains CP_EXPECT; with CP_UNIQUE=1 each request adds "&n=COUNTER" to the path so that
-- the page cache never answers (the search itself is measured). done() prints
-- "checked: N good, M bad".
local expect = os.getenv("CP_EXPECT") or ""
local unique = os.getenv("CP_UNIQUE") == "1"
local threads = {}
local counter = 0
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  good = 0
  bad = 0
end
function request()
  if not unique then return wrk.format(nil, wrk.path) end
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "&n=" .. id .. "-" .. counter)
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
