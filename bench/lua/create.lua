-- POST /api/v1/incidents with varied texts; each thread stops after its share of
-- RIPOSTE_COUNT, so the run files exactly that many incidents.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local words = { "messagerie", "serveur", "réseau", "imprimante", "badge", "onduleur", "pare-feu", "VPN",
    "facturation", "paie", "stockage", "sauvegarde", "téléphonie", "site web", "base de données", "DNS",
    "certificat", "climatisation", "accès", "fournisseur" }
local channels = { "web", "api", "phone", "email", "client", "supplier", "monitoring" }
local threads = {}
local share = 0

function setup(thread)
    thread:set("id", #threads + 1)
    table.insert(threads, thread)
end

function init(args)
    share = math.floor(tonumber(os.getenv("RIPOSTE_COUNT")) / tonumber(os.getenv("BENCH_THREADS")))
    made = 0
    math.randomseed(id * 7919)
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
end

function request()
    local a = words[math.random(#words)]
    local b = words[math.random(#words)]
    -- One incident in a hundred mentions "ransomware": the search scenario looks for it.
    local rare = (math.random(100) == 1) and " ransomware" or ""
    local body = string.format(
        '{"title":"Panne %s %s%s","description":"Incident %d-%d sur %s, impact à évaluer.","channel":"%s"}',
        a, b, rare, id, math.random(1000000), b, channels[math.random(#channels)])
    return wrk.format(nil, "/api/v1/incidents", nil, body)
end

function response(status, headers, body)
    made = made + 1
    if made >= share then wrk.thread:stop() end
end

done = report
