-- Shared by the scenarios: a bearer token from the environment (the API's; the pages sign
-- in with cookies instead), and a done() that prints one machine-readable line for bench/run
-- and bench/pages to collect.
token = os.getenv("RIPOSTE_TOKEN")
if token then wrk.headers["Authorization"] = "Bearer " .. token end

function report(summary, latency)
    local seconds = summary.duration / 1e6
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write
        + summary.errors.status + summary.errors.timeout
    io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
        summary.requests, seconds, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
