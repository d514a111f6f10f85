# Throwaway PostgreSQL for tests and benchmarks; source this file, then
#   pg_start DIR   -> exports DATABASE_URL (a server on 127.0.0.1, data and socket in DIR)
#   pg_stop DIR
# PostgreSQL refuses to run as root, so the server runs as the `postgres` user.

pg_bindir() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    return 1
}

pg_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pg_start() {
    local dir=$1 bin port
    bin=$(pg_bindir) || { echo "no PostgreSQL binaries found" >&2; return 1; }
    port=$(pg_free_port)
    mkdir -p "$dir"
    chown postgres "$dir" 2>/dev/null || true
    chmod 700 "$dir"
    local as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; return 1; }
    # fsync off: a throwaway server; it only makes CREATE DATABASE per test fast.
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-h 127.0.0.1 -p $port -k $dir -c fsync=${PG_FSYNC:-off} -c max_connections=1000 ${PG_EXTRA_OPTS:-}" >/dev/null \
        || { cat "$dir/server.log" >&2; return 1; }
    export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
    export PG_PORT=$port
}

pg_stop() {
    local dir=$1 bin
    bin=$(pg_bindir) || return 0
    [ -d "$dir/data" ] || return 0
    local as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
}
