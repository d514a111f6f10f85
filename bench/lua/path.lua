-- GET the path given on the command line (health, lists, searches).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
done = report
