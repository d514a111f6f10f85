dofile(os.getenv("BENCH_LUA") .. "/common.lua")

-- Signed-in people on the pages (#13): each request is one of the sessions made beforehand
-- (BENCH_SESSIONS: a file of "cookie<TAB>csrf" lines), in turn; one request in four posts a
-- journal note with the session's form token (HTML, CSRF), the others read the dashboard,
-- the register and an incident. Incidents are taken at random among the register's
-- (BENCH_INCIDENT is the newest, INC-YYYY-NNNN: the others are numbered below it), so that
-- notes spread as they would, instead of piling up in one journal that every view renders.
local sessions = {}
for line in io.lines(os.getenv("BENCH_SESSIONS")) do
    local cookie, csrf = line:match("^(.-)\t(.*)$")
    table.insert(sessions, { cookie = cookie, csrf = csrf })
end
local newest = os.getenv("BENCH_INCIDENT")
local prefix, count = newest:match("^(INC%-%d+%-)(%d+)$")
count = tonumber(count)
local counter = 0

local function incident()
    return string.format("%s%04d", prefix, math.random(count))
end

function init(args)
    math.randomseed(os.time() + math.random(100000))
    counter = math.random(#sessions)
end

function request()
    counter = counter + 1
    local session = sessions[(counter % #sessions) + 1]
    local headers = { ["Cookie"] = session.cookie }
    local kind = counter % 4
    if kind == 0 then
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        local body = "_csrf=" .. session.csrf .. "&kind=note&text=bench+note+" .. counter
        return wrk.format("POST", "/incidents/" .. incident() .. "/journal", headers, body)
    elseif kind == 1 then
        return wrk.format("GET", "/", headers)
    elseif kind == 2 then
        return wrk.format("GET", "/incidents", headers)
    end
    return wrk.format("GET", "/incidents/" .. incident(), headers)
end

-- A refused post (403) or a page that is not one (a sign-in page's 200 is not told apart) counts
-- among wrk's errors when it is not 2xx or 3xx.
done = report
