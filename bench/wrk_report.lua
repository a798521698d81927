-- wrk script for bench.load: optional cookies (one per line, used in turn), paths (one per
-- line, each thread its own share, in turn) or form bodies ("cookie<TAB>body" per line,
-- each posted once), and a JSON report on the last line.
local cookies, bodies, paths = {}, {}, {}
local next_line, threads = 0, {}
-- Globals, so that done() can read each thread's count.
acknowledged, exhausted, issued = 0, 0, 0

local function lines(path)
  local found = {}
  if path ~= nil and path ~= "" then
    for line in io.lines(path) do found[#found + 1] = line end
  end
  return found
end

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  cookies = lines(os.getenv("WRK_COOKIES"))
  -- Each thread posts its own share of the forms and asks for its own share of the
  -- paths: no form is posted twice, and no path is asked for twice before all have been.
  local all = lines(os.getenv("WRK_BODIES"))
  for i = 1, #all do
    if (i - 1) % 2 == id then bodies[#bodies + 1] = all[i] end
  end
  all = lines(os.getenv("WRK_PATHS"))
  for i = 1, #all do
    if (i - 1) % 2 == id then paths[#paths + 1] = all[i] end
  end
end

function request()
  next_line = next_line + 1
  issued = next_line
  if #bodies > 0 then
    local index = next_line
    if index > #bodies then exhausted = exhausted + 1; index = #bodies end
    local cookie, body = bodies[index]:match("^(.-)\t(.*)$")
    return wrk.format("POST", nil, {
      ["Cookie"] = cookie,
      ["Content-Type"] = "application/x-www-form-urlencoded",
    }, body)
  end
  if #paths > 0 then
    return wrk.format("GET", paths[((next_line - 1) % #paths) + 1])
  end
  if #cookies > 0 then
    return wrk.format("GET", nil, {["Cookie"] = cookies[(next_line % #cookies) + 1]})
  end
  return wrk.format("GET")
end

-- Only form posts need each response looked at; pages keep wrk's fast path.
if (os.getenv("WRK_BODIES") or "") ~= "" then
  function response(status, headers, body)
    if status == 303 then acknowledged = acknowledged + 1 end
  end
end

function done(summary, latency, requests)
  local ack, out, sent = 0, 0, 0
  for _, thread in ipairs(threads) do
    ack = ack + thread:get("acknowledged")
    out = out + thread:get("exhausted")
    sent = sent + thread:get("issued")
  end
  -- Sent but not answered when wrk stopped: the server may still have written them.
  local unanswered = math.max(sent - summary.requests, 0)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "bytes": %d, "p50_ms": %.2f, "p95_ms": %.2f, ' ..
    '"p99_ms": %.2f, ' ..
    '"errors": %d, "acknowledged": %d, "exhausted": %d, "unanswered": %d}\n',
    summary.requests, summary.duration / 1e6, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout,
    ack, out, unanswered))
end
