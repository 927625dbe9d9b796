-- Prints one machine-readable line after a wrk run: requests/s, p50, p95, p99 (ms), errors
-- (non-2xx answers and socket errors), requests.
-- Optional: WRK_METHOD, WRK_BODY, WRK_HEADERS ("Name: value|Name: value") for POST scenarios.
local method = os.getenv("WRK_METHOD")
local body = os.getenv("WRK_BODY")
local headers = os.getenv("WRK_HEADERS")
if method then wrk.method = method end
if body then wrk.body = body end
if headers then
  for pair in string.gmatch(headers, "[^|]+") do
    local name, value = string.match(pair, "^([^:]+):%s*(.*)$")
    wrk.headers[name] = value
  end
end

function done(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
