-- POST /api/v1/intake/alertmanager/{id}: one alert per delivery, as Alertmanager sends a group
-- of one. RIPOSTE_INTAKE_FRESH=1 gives every delivery a new fingerprint (each files an event);
-- otherwise the deliveries repeat 100 alerts (the first of each files it; then a count and a
-- last-seen time).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("RIPOSTE_INTAKE_SECRET")
local fresh = os.getenv("RIPOSTE_INTAKE_FRESH") == "1"
local threads = {}

function setup(thread)
    thread:set("id", #threads + 1)
    table.insert(threads, thread)
end

function init(args)
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    sent = 0
end

function request()
    sent = sent + 1
    -- Repeats go round 100 open alerts, as Alertmanager re-sends every open alert of its groups.
    local fingerprint = fresh and string.format("bench-%d-%d", id, sent)
        or string.format("bench-repeat-%d-%d", id, sent % 50)
    local body = string.format(
        '{"version":"4","groupKey":"{}:{alertname=\\"Bench\\"}","status":"firing","alerts":[{"status":"firing",'
            .. '"labels":{"alertname":"Bench","instance":"%s","severity":"warning"},'
            .. '"annotations":{"summary":"Alerte de banc d\'essai"},"startsAt":"2026-12-05T08:00:00Z",'
            .. '"endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus.test/graph","fingerprint":"%s"}]}',
        fingerprint, fingerprint)
    return wrk.format(nil, nil, nil, body)
end

done = report
