-- One page as a signed-in person reads it (#16): BENCH_PAGE "register" (the register's first
-- page), "indicators" (the metrics of the last twelve months, #20) or "incident" (an incident
-- at random, by number), with the session cookie of the first
-- line of BENCH_SESSIONS (bench/run checks beforehand that it opens the register: wrk would
-- count a redirect to the sign-in form as an answer).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local count = tonumber(os.getenv("RIPOSTE_COUNT"))
local year = os.getenv("RIPOSTE_YEAR")
local page = os.getenv("BENCH_PAGE")
local cookie = io.lines(os.getenv("BENCH_SESSIONS"))():match("^(.-)\t")
wrk.headers["Authorization"] = nil
wrk.headers["Cookie"] = cookie

function init(args)
    math.randomseed(os.time() + math.random(100000))
end

function request()
    if page == "register" then return wrk.format("GET", "/incidents") end
    if page == "indicators" then return wrk.format("GET", "/indicators") end
    return wrk.format("GET", string.format("/incidents/INC-%s-%04d", year, math.random(count)))
end

done = report
