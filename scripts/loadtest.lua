-- wrk script: replays the requests of a file (one per line: METHOD<TAB>PATH<TAB>AUTHORIZATION<TAB>BODY),
-- each thread taking every n-th line from its own offset so that one-off requests (applications)
-- are sent once; counts answers by status class and prints one JSON line of figures at the end.

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local path, thread_count = args[1], tonumber(args[2])
  requests = {}
  local line_number = 0
  for line in io.lines(path) do
    if line_number % thread_count == index then
      local method, target, authorization, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local headers = { ["Accept"] = "application/json" }
      if authorization ~= "" then headers["Authorization"] = authorization end
      if body ~= "" then headers["Content-Type"] = "application/json" else body = nil end
      table.insert(requests, wrk.format(method, target, headers, body))
    end
    line_number = line_number + 1
  end
  position = 0
  ok, client_errors, server_errors, other = 0, 0, 0, 0
end

function request()
  position = position % #requests + 1
  return requests[position]
end

function response(status, headers, body)
  if status < 400 then ok = ok + 1
  elseif status < 500 then client_errors = client_errors + 1
  else server_errors = server_errors + 1 end
end

function done(summary, latency, requests)
  local totals = { ok = 0, client_errors = 0, server_errors = 0 }
  for _, thread in ipairs(threads) do
    totals.ok = totals.ok + thread:get("ok")
    totals.client_errors = totals.client_errors + thread:get("client_errors")
    totals.server_errors = totals.server_errors + thread:get("server_errors")
  end
  local socket_errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, ' ..
    '"ok": %d, "client_errors": %d, "server_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3, totals.ok, totals.client_errors, totals.server_errors,
    socket_errors))
end
