-- wrk script: sends the session cookie given in the COOKIE environment variable, counts
-- every response that is not a 200 and prints "non-200: N" at the end (run.sh fails on N > 0).
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  bad = 0
  wrk.headers["Cookie"] = os.getenv("COOKIE")
end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("bad") end
  io.write(string.format("non-200: %d\n", total))
end
