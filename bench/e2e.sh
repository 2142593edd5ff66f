#!/usr/bin/env bash
# End-to-end benchmark: PostgreSQL directly vs maskwire vs PgBouncer (session
# mode) on this machine. `make bench-e2e` runs it. It
#   1. builds maskwire and the load program (bench/e2e),
#   2. prepares the maskwire_bench database once (plain8: 1M rows x 8 columns,
#      no PII; pii12: 1M rows x 12 columns, 6 PII; pgbench -i -s 10),
#   3. starts PgBouncer and maskwire on free ports (stopped on exit),
#   4. streams each table through every target, interleaved run by run,
#      runs pgbench -S through every target, and reads a 1M-row result at
#      2 MB/s through a fresh maskwire while sampling its RSS,
#   5. prints markdown tables (also written to $E2E_OUT).
#
# Environment (all optional):
#   E2E_PG_HOST/E2E_PG_PORT  PostgreSQL to measure against (127.0.0.1:5432, user postgres, trust)
#   E2E_RUNS                 streaming runs per target and mode (5)
#   E2E_PGBENCH_RUNS         pgbench runs per target (3); E2E_PGBENCH_T seconds per run (10)
#   E2E_SLOW_FOR             how long the 2 MB/s client reads (30s)
#   E2E_PARTS                any of: plain pgbench pii slow (the default: all four), profile
#                            (perf record on maskwire while it streams each table once)
#   E2E_OUT                  where the markdown goes (/tmp/maskwire-e2e-<UTC time>.md)
#   MASKWIRE_BIN             use this maskwire binary instead of building one
#   E2E_BASELINE_BIN         also stream through this maskwire binary (default policy) as
#                            target "maskwire-base", interleaved with the others: a before/after
#                            comparison (time and proxy CPU) within one run
# Takes about 6-8 minutes with the defaults.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
PG_HOST=${E2E_PG_HOST:-127.0.0.1}
PG_PORT=${E2E_PG_PORT:-5432}
RUNS=${E2E_RUNS:-5}
PGBENCH_RUNS=${E2E_PGBENCH_RUNS:-3}
PGBENCH_T=${E2E_PGBENCH_T:-10}
SLOW_FOR=${E2E_SLOW_FOR:-30s}
PARTS=${E2E_PARTS:-plain pgbench pii slow}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${E2E_OUT:-/tmp/maskwire-e2e-$STAMP.md}
DB=maskwire_bench

die() { echo "bench/e2e.sh: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }
has_part() { [[ " $PARTS " == *" $1 "* ]]; }

# --- prerequisites: say exactly what is missing --------------------------------
command -v go >/dev/null || die "go not found: install Go 1.26 (see go.mod)"
command -v pgbench >/dev/null || die "pgbench not found: apt-get install postgresql-client"
command -v pgbouncer >/dev/null || die "pgbouncer not found: apt-get install pgbouncer"
if [[ $(id -u) == 0 ]]; then
	id postgres >/dev/null 2>&1 || die "running as root and there is no postgres user to run pgbouncer as (it refuses root): useradd postgres"
	command -v runuser >/dev/null || die "runuser not found (util-linux)"
fi
if command -v pg_isready >/dev/null; then
	pg_isready -q -h "$PG_HOST" -p "$PG_PORT" ||
		die "no PostgreSQL at $PG_HOST:$PG_PORT (set E2E_PG_HOST/E2E_PG_PORT, or start one: pg_ctlcluster 15 main start)"
fi

WORK=$(mktemp -d /tmp/maskwire-e2e.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
	local rc=$?
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	if [[ -f $WORK/pgbouncer/pgbouncer.pid ]]; then kill "$(cat "$WORK/pgbouncer/pgbouncer.pid")" 2>/dev/null || true; fi
	wait 2>/dev/null || true
	if [[ $rc == 0 ]]; then rm -rf "$WORK"; else echo "bench/e2e.sh: failed (exit $rc); logs kept in $WORK" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build ---------------------------------------------------------------------
log "building"
go build -o "$WORK/e2e" ./bench/e2e
if [[ -n ${MASKWIRE_BIN:-} ]]; then
	cp "$MASKWIRE_BIN" "$WORK/maskwire"
else
	go build -o "$WORK/maskwire" ./cmd/maskwire || die "cannot build ./cmd/maskwire"
fi
MW=$WORK/maskwire
"$MW" serve --help >"$WORK/serve-help.txt" 2>&1 || true
grep -Eq -- "(^| )--?listen" "$WORK/serve-help.txt" ||
	die "this maskwire has no 'serve --listen' yet ($("$MW" serve --help 2>&1 | head -1))"
MASKING_FLAG=no
grep -Eq -- "(^| )--?masking" "$WORK/serve-help.txt" && MASKING_FLAG=yes

dsn() { echo "postgres://postgres@127.0.0.1:$1/$DB?sslmode=disable"; }
DIRECT="postgres://postgres@$PG_HOST:$PG_PORT/$DB?sslmode=disable"
UPSTREAM="postgres://postgres@$PG_HOST:$PG_PORT/$DB?sslmode=disable"

wait_port() { # port pid name
	for _ in $(seq 100); do
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		kill -0 "$2" 2>/dev/null || { tail -20 "$WORK/$3.log" >&2; die "$3 exited at start (log above)"; }
		sleep 0.1
	done
	die "$3 is not listening on 127.0.0.1:$1 after 10 s"
}

start_maskwire() { # name [extra flags...]; sets MW_PORT and MW_PID
	local name=$1; shift
	MW_PORT=$("$WORK/e2e" freeport)
	# In a session of its own, as PgBouncer is (pgbouncer -d calls setsid):
	# with the kernel's autogroup scheduling, a proxy left in this script's
	# session shares one CPU share with the pgbench that loads it.
	setsid "$MW" serve --listen "127.0.0.1:$MW_PORT" --upstream "$UPSTREAM" "$@" >"$WORK/$name.log" 2>&1 </dev/null &
	MW_PID=$!
	PIDS+=("$MW_PID")
	wait_port "$MW_PORT" "$MW_PID" "$name"
	log "$name (maskwire serve $*) pid $MW_PID on 127.0.0.1:$MW_PORT"
}

start_pgbouncer() { # sets PGB_PORT and PGB_PID
	local d=$WORK/pgbouncer
	mkdir -p "$d"
	PGB_PORT=$("$WORK/e2e" freeport)
	sed -e "s#@DIR@#$d#g; s#@PORT@#$PGB_PORT#; s#@UPSTREAM_HOST@#$PG_HOST#; s#@UPSTREAM_PORT@#$PG_PORT#" \
		bench/pgbouncer/pgbouncer.ini.in >"$d/pgbouncer.ini"
	grep -v '^;' bench/pgbouncer/userlist.txt.in >"$d/userlist.txt"
	if [[ $(id -u) == 0 ]]; then
		chown -R postgres "$d"
		runuser -u postgres -- pgbouncer -d "$d/pgbouncer.ini"
	else
		pgbouncer -d "$d/pgbouncer.ini"
	fi
	for _ in $(seq 50); do [[ -s $d/pgbouncer.pid ]] && break; sleep 0.1; done
	[[ -s $d/pgbouncer.pid ]] || { cat "$d/pgbouncer.log" >&2 || true; die "pgbouncer did not start"; }
	PGB_PID=$(cat "$d/pgbouncer.pid")
	ln -sf "$d/pgbouncer.log" "$WORK/pgbouncer.log"
	wait_port "$PGB_PORT" "$PGB_PID" pgbouncer
	log "pgbouncer $(pgbouncer --version | head -1) pid $PGB_PID on 127.0.0.1:$PGB_PORT"
}

# --- database --------------------------------------------------------------------
log "preparing $DB (built once; later runs reuse it)"
"$WORK/e2e" setup -dsn "$DIRECT"

start_pgbouncer
start_maskwire maskwire
MW_DEFAULT_PORT=$MW_PORT MW_DEFAULT_PID=$MW_PID
if [[ $MASKING_FLAG == yes ]] && { has_part pii || has_part plain; }; then
	start_maskwire maskwire-off --masking off
	MW_OFF_PORT=$MW_PORT MW_OFF_PID=$MW_PID
fi
PROCS=(-pid "maskwire=$MW_DEFAULT_PID" -pid "pgbouncer=$PGB_PID")
[[ -n ${MW_OFF_PID:-} ]] && PROCS+=(-pid "maskwire-off=$MW_OFF_PID")
if [[ -n ${E2E_BASELINE_BIN:-} ]] && { has_part pii || has_part plain; }; then
	cp "$E2E_BASELINE_BIN" "$WORK/maskwire-base-bin"
	MW_SAVED=$MW
	MW=$WORK/maskwire-base-bin
	start_maskwire maskwire-base
	MW=$MW_SAVED
	MW_BASE_PORT=$MW_PORT
	PROCS+=(-pid "maskwire-base=$MW_PID")
fi

{
	echo "### End to end, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "Command: \`bench/e2e.sh\` (\`make bench-e2e\`) at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet -- cmd transport engine masking mask policy classify codec 2>/dev/null || echo ' + uncommitted changes')." \
		"Runs: $RUNS per target and mode (interleaved, starting target rotated), pgbench $PGBENCH_RUNS x ${PGBENCH_T}s per target."
	echo
	echo "Machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/{print $2}') GB RAM;" \
		"$(postgres --version 2>/dev/null || psql --version), $(pgbouncer --version | head -1), $(go version | cut -d' ' -f3)." \
		"Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)."
	echo
} >"$OUT"

# --- 1M rows x 8 columns, no PII -------------------------------------------------
if has_part plain; then
	targets=(-target "direct=$DIRECT" -target "maskwire=$(dsn "$MW_DEFAULT_PORT")")
	[[ $MASKING_FLAG == yes ]] && targets+=(-target "maskwire-off=$(dsn "$MW_OFF_PORT")")
	[[ -n ${MW_BASE_PORT:-} ]] && targets+=(-target "maskwire-base=$(dsn "$MW_BASE_PORT")")
	targets+=(-target "pgbouncer=$(dsn "$PGB_PORT")")
	log "streaming plain8 (1M rows x 8 columns): ${targets[*]}"
	{
		echo "#### Streaming 1M rows x 8 columns (no PII); time ratios, lower is better"
		echo
		echo "maskwire = default policy (every column classified, nothing to mask here); maskwire-off = \`--masking off\`."
		echo
		"$WORK/e2e" stream -table plain8 -modes text,binary,copy -runs "$RUNS" "${PROCS[@]}" "${targets[@]}"
		echo
	} >>"$OUT"
fi

# --- pgbench -S --------------------------------------------------------------------
if has_part pgbench; then
	log "pgbench -S -c 4 -j 2 -T $PGBENCH_T x $PGBENCH_RUNS: direct, maskwire, pgbouncer"
	{
		echo "#### pgbench select-only (scale 10); TPS ratios, higher is better"
		echo
		"$WORK/e2e" pgbench -runs "$PGBENCH_RUNS" -T "$PGBENCH_T" -c 4 -j 2 -M simple \
			-target "direct=$DIRECT" -target "maskwire=$(dsn "$MW_DEFAULT_PORT")" -target "pgbouncer=$(dsn "$PGB_PORT")"
		echo
	} >>"$OUT"
fi

# --- 1M rows x 12 columns, 6 PII -------------------------------------------------
if has_part pii; then
	targets=(-target "direct=$DIRECT" -target "maskwire=$(dsn "$MW_DEFAULT_PORT")")
	[[ $MASKING_FLAG == yes ]] && targets+=(-target "maskwire-off=$(dsn "$MW_OFF_PORT")")
	[[ -n ${MW_BASE_PORT:-} ]] && targets+=(-target "maskwire-base=$(dsn "$MW_BASE_PORT")")
	targets+=(-target "pgbouncer=$(dsn "$PGB_PORT")")
	log "streaming pii12 (1M rows x 12 columns, 6 PII): ${targets[*]}"
	{
		echo "#### Streaming 1M rows x 12 columns, 6 PII (default policy); time ratios, lower is better"
		echo
		if [[ $MASKING_FLAG == no ]]; then
			echo "(this maskwire has no \`--masking\` flag yet, so there is no \`--masking off\` row)"
			echo
		fi
		"$WORK/e2e" stream -table pii12 -modes text,binary -runs "$RUNS" "${PROCS[@]}" "${targets[@]}"
		echo
	} >>"$OUT"
fi

# --- slow client -------------------------------------------------------------------
if has_part slow; then
	# A fresh maskwire, so its VmHWM covers this test only.
	start_maskwire maskwire-slow
	log "slow client: 2 MB/s for $SLOW_FOR through maskwire (pid $MW_PID), then 10s through pgbouncer"
	{
		echo "#### A client reading 1M rows (plain8, text) at 2 MB/s; proxy RSS sampled from /proc/PID/status"
		echo
		"$WORK/e2e" slow -name maskwire -dsn "$(dsn "$MW_PORT")" -pid "$MW_PID" -direct "$DIRECT" -rate 2 -for "$SLOW_FOR"
		"$WORK/e2e" slow -name pgbouncer -dsn "$(dsn "$PGB_PORT")" -pid "$PGB_PID" -direct "$DIRECT" -rate 2 -for 10s | tail -1
		echo
	} >>"$OUT"
fi

# --- optional: where maskwire's CPU goes (E2E_PARTS=profile) ---------------------
if has_part profile; then
	command -v perf >/dev/null || die "perf not found: apt-get install linux-perf"
	for tbl in plain8 pii12; do
		log "perf record on maskwire (pid $MW_DEFAULT_PID) while streaming $tbl (text) once"
		perf record -q -F 999 -o "$WORK/perf-$tbl.data" -p "$MW_DEFAULT_PID" 2>/dev/null &
		perf_pid=$!
		sleep 0.5
		"$WORK/e2e" stream -table "$tbl" -modes text -runs 1 -warmup 0 -target "maskwire=$(dsn "$MW_DEFAULT_PORT")" >/dev/null
		kill -INT "$perf_pid"; wait "$perf_pid" || true
		{
			echo "#### perf: maskwire streaming $tbl (text) once"
			echo
			echo "Kernel vs user time (in this VM kernel samples pile up on pvm_irq_enable; they are syscall and network-stack time):"
			echo
			echo '```'
			perf report -i "$WORK/perf-$tbl.data" --sort dso --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -5
			echo '```'
			echo
			echo "maskwire's own code, share of all samples:"
			echo
			echo '```'
			perf report -i "$WORK/perf-$tbl.data" --dsos maskwire --sort sym --percent-limit 0.5 --stdio 2>/dev/null |
				grep -v '^#' | grep -v '^$' | head -30
			echo '```'
			echo
		} >>"$OUT"
	done
fi

echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)." >>"$OUT"
cat "$OUT"
log "results written to $OUT"
