-- GET one incident, or its journal (RIPOSTE_PATH_SUFFIX=/journal), by number, at random.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local count = tonumber(os.getenv("RIPOSTE_COUNT"))
local year = os.getenv("RIPOSTE_YEAR")
local suffix = os.getenv("RIPOSTE_PATH_SUFFIX") or ""

function init(args)
    math.randomseed(os.time() + math.random(100000))
end

function request()
    return wrk.format("GET", string.format("/api/v1/incidents/INC-%s-%04d%s", year, math.random(count), suffix))
end

done = report
