-- POST /api/v1/incidents with varied texts. bench/run stops wrk (SIGINT) once the
-- register holds RIPOSTE_COUNT incidents.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local words = { "messagerie", "serveur", "réseau", "imprimante", "badge", "onduleur", "pare-feu", "VPN",
    "facturation", "paie", "stockage", "sauvegarde", "téléphonie", "site web", "base de données", "DNS",
    "certificat", "climatisation", "accès", "fournisseur" }
local channels = { "web", "api", "phone", "email", "client", "supplier", "monitoring" }
local threads = {}

function setup(thread)
    thread:set("id", #threads + 1)
    table.insert(threads, thread)
end

function init(args)
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

done = report
