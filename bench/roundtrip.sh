#!/usr/bin/env bash
# Round-trip cost: `pgbench -S` (select-only, simple protocol) through maskwire
# with each relay, and through PgBouncer (session mode), on this machine. For
# each target it reports TPS, the proxy's CPU per transaction (utime+stime from
# /proc/PID/stat) and, when `perf` can count syscall tracepoints, its syscalls
# per transaction. Targets are interleaved run by run; medians are printed as
# a markdown table (also written to $RT_OUT), with each target's TPS ratio to
# PgBouncer paired by round (both measured back to back), whose median and
# range say more than a ratio of medians on a machine whose load drifts.
#
# Needs: the maskwire_bench database of bench/e2e.sh (pgbench -i -s 10; run
# `E2E_PARTS=pgbench bench/e2e.sh` once, or this script creates it), pgbench,
# pgbouncer; perf (linux-perf) optional.
#
# Environment (all optional):
#   RT_PG_HOST/RT_PG_PORT  PostgreSQL (127.0.0.1:5432, user postgres, trust)
#   RT_RUNS                runs per target (5); RT_T seconds per run (8)
#   RT_CLIENTS             pgbench -c (4); RT_THREADS pgbench -j (2)
#   RT_OUT                 markdown output (/tmp/maskwire-roundtrip-<UTC time>.md)
#   MASKWIRE_BIN           use this maskwire binary instead of building one
#   RT_TARGETS             the targets to run, space-separated (all four);
#                          LABEL=PATH is the maskwire binary at PATH with
#                          --relay epoll, to compare builds in one run
set -euo pipefail

cd "$(dirname "$0")/.."
PG_HOST=${RT_PG_HOST:-127.0.0.1}
PG_PORT=${RT_PG_PORT:-5432}
RUNS=${RT_RUNS:-5}
T=${RT_T:-8}
C=${RT_CLIENTS:-4}
J=${RT_THREADS:-2}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${RT_OUT:-/tmp/maskwire-roundtrip-$STAMP.md}
DB=maskwire_bench

die() { echo "bench/roundtrip.sh: $*" >&2; exit 1; }
command -v pgbench >/dev/null || die "pgbench not found: apt-get install postgresql-client"
command -v pgbouncer >/dev/null || die "pgbouncer not found: apt-get install pgbouncer"
if [[ $(id -u) == 0 ]]; then
	id postgres >/dev/null 2>&1 || die "running as root and there is no postgres user to run pgbouncer as"
fi
PERF=no
if command -v perf >/dev/null && perf stat -e syscalls:sys_enter_read -- true >/dev/null 2>&1; then PERF=yes; fi

WORK=$(mktemp -d /tmp/maskwire-roundtrip.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	[[ -f $WORK/pgbouncer/pgbouncer.pid ]] && kill "$(cat "$WORK/pgbouncer/pgbouncer.pid")" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT

go build -o "$WORK/e2e" ./bench/e2e
if [[ -n ${MASKWIRE_BIN:-} ]]; then cp "$MASKWIRE_BIN" "$WORK/maskwire"; else go build -o "$WORK/maskwire" ./cmd/maskwire; fi
DIRECT="postgres://postgres@$PG_HOST:$PG_PORT/$DB?sslmode=disable"
"$WORK/e2e" setup -dsn "$DIRECT" >&2

port() { "$WORK/e2e" freeport; }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; die "nothing listens on $1"; }

declare -A PORT PID
start_maskwire() { # name, binary, flags...
	local name=$1 bin=$2; shift 2
	local p; p=$(port)
	# Own session, as PgBouncer's (pgbouncer -d calls setsid): with autogroup
	# scheduling a proxy in this script's session would share pgbench's CPU share.
	setsid "$bin" serve --listen "127.0.0.1:$p" --upstream "$DIRECT" "$@" >"$WORK/$name.log" 2>&1 </dev/null &
	PID[$name]=$!; PIDS+=($!); PORT[$name]=$p
	wait_port "$p"
}
start_pgbouncer() {
	local d=$WORK/pgbouncer p; p=$(port)
	mkdir -p "$d"
	sed -e "s#@DIR@#$d#g; s#@PORT@#$p#; s#@UPSTREAM_HOST@#$PG_HOST#; s#@UPSTREAM_PORT@#$PG_PORT#" bench/pgbouncer/pgbouncer.ini.in >"$d/pgbouncer.ini"
	grep -v '^;' bench/pgbouncer/userlist.txt.in >"$d/userlist.txt"
	if [[ $(id -u) == 0 ]]; then chown -R postgres "$d"; runuser -u postgres -- pgbouncer -d "$d/pgbouncer.ini"; else pgbouncer -d "$d/pgbouncer.ini"; fi
	for _ in $(seq 50); do [[ -s $d/pgbouncer.pid ]] && break; sleep 0.1; done
	PID[pgbouncer]=$(cat "$d/pgbouncer.pid"); PORT[pgbouncer]=$p
	wait_port "$p"
}

read -r -a SPECS <<<"${RT_TARGETS:-maskwire-epoll maskwire-goroutines maskwire-epoll-off pgbouncer}"
TARGETS=()
for t in "${SPECS[@]}"; do
	case $t in
	maskwire-epoll) start_maskwire "$t" "$WORK/maskwire" --relay epoll ;;
	maskwire-goroutines) start_maskwire "$t" "$WORK/maskwire" --relay goroutines ;;
	maskwire-epoll-off) start_maskwire "$t" "$WORK/maskwire" --relay epoll --masking off ;;
	pgbouncer) start_pgbouncer ;;
	?*=?*)
		[[ -x ${t#*=} ]] || die "$t: ${t#*=} is not an executable"
		t0=$t; t=${t0%%=*}
		start_maskwire "$t" "${t0#*=}" --relay epoll
		;;
	*) die "unknown target $t (RT_TARGETS)" ;;
	esac
	TARGETS+=("$t")
done
[[ -n ${PID[pgbouncer]:-} ]] || die "RT_TARGETS must include pgbouncer, the baseline"

cpu() { awk '{print $14+$15}' "/proc/$1/stat"; } # clock ticks
# The whole machine's busy and idle clock ticks (idle counts iowait): if the
# machine sits idle more through one proxy than another, the difference in TPS
# is latency (a wake-up that waits), not CPU.
machine() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $5+$6; exit}' /proc/stat; }
# Context switches of every thread of the process (voluntary + involuntary):
# a wake-up costs more than the syscalls around it in a virtual machine.
cswitches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s+=$2} END {print s+0}'; }
HZ=$(getconf CLK_TCK)
EVENTS=syscalls:sys_enter_read,syscalls:sys_enter_write,syscalls:sys_enter_writev,syscalls:sys_enter_recvfrom,syscalls:sys_enter_sendto,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_epoll_pwait,syscalls:sys_enter_epoll_ctl,syscalls:sys_enter_futex,syscalls:sys_enter_nanosleep,syscalls:sys_enter_sched_yield

one_run() { # target -> "tps cpu_us_per_txn syscalls_per_txn cswitches_per_txn machine_cpu_us_per_txn idle_percent"
	local t=$1 pid=${PID[$1]} c0 c1 s0 s1 m0 m1 out tx tps sc=- perfpid=""
	m0=$(machine)
	c0=$(cpu "$pid")
	s0=$(cswitches "$pid")
	if [[ $PERF == yes ]]; then
		perf stat -x, -e "$EVENTS" -p "$pid" -o "$WORK/perf.$t" &
		perfpid=$!
	fi
	out=$(pgbench -h 127.0.0.1 -p "${PORT[$t]}" -U postgres -S -M simple -c "$C" -j "$J" -T "$T" -n "$DB" 2>&1) || die "pgbench through $t: $out"
	if [[ -n $perfpid ]]; then kill -INT "$perfpid"; wait "$perfpid" 2>/dev/null || true; fi
	c1=$(cpu "$pid")
	m1=$(machine)
	s1=$(cswitches "$pid")
	tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$out")
	tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out")
	if [[ -n $perfpid ]]; then sc=$(awk -F, -v tx="$tx" '/syscalls/{s+=$1} END{printf "%.2f", s/tx}' "$WORK/perf.$t"); fi
	echo "$tps $(awk -v d=$((c1 - c0)) -v hz="$HZ" -v tx="$tx" 'BEGIN{printf "%.1f", d/hz*1e6/tx}') $sc $(awk -v d=$((s1 - s0)) -v tx="$tx" 'BEGIN{printf "%.2f", d/tx}') $(awk -v a="$m0" -v b="$m1" -v hz="$HZ" -v tx="$tx" 'BEGIN{split(a, x, " "); split(b, y, " "); busy = y[1] - x[1]; idle = y[2] - x[2]; printf "%.1f %.1f", busy/hz*1e6/tx, 100*idle/(busy+idle)}')"
}

declare -A RES PAIRED
for r in $(seq "$RUNS"); do
	n=${#TARGETS[@]}
	declare -A ROUND=()
	for i in $(seq 0 $((n - 1))); do
		t=${TARGETS[$(((i + r) % n))]}
		res=$(one_run "$t")
		echo "run $r $t: tps cpu_us/txn syscalls/txn cswitches/txn machine_cpu_us/txn idle% = $res" >&2
		RES[$t]+="$res"$'\n'
		ROUND[$t]=${res%% *}
	done
	# Paired ratios: each target against PgBouncer in the same round (the
	# machine's load drifts between rounds more than within one).
	for t in "${TARGETS[@]}"; do
		PAIRED[$t]+="$(awk -v a="${ROUND[$t]}" -v b="${ROUND[pgbouncer]}" 'BEGIN{printf "%.4f", a/b}')"$'\n'
	done
done

# (An even count's median keeps its digits: "%.1f" once turned a paired
# median of 0.959 into "1.0".)
median() { sort -g | awk '{a[NR]=$1} END{if (NR%2) print a[(NR+1)/2]; else printf "%.6g\n", (a[NR/2]+a[NR/2+1])/2}'; }
{
	echo "#### pgbench -S -M simple -c $C -j $J -T $T, $RUNS runs per target, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "Machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1); load average at end $(cut -d' ' -f1-3 /proc/loadavg); $(pgbouncer --version | head -1); $(git rev-parse --short HEAD 2>/dev/null)."
	echo
	echo "| target | median TPS | TPS vs PgBouncer | paired ratio: median (min-max) | proxy CPU µs/txn | syscalls/txn | context switches/txn | machine CPU µs/txn | machine idle | runs (TPS) |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
	pgb_tps=$(awk '{print $1}' <<<"${RES[pgbouncer]}" | grep . | median)
	for t in "${TARGETS[@]}"; do
		tps=$(awk '{print $1}' <<<"${RES[$t]}" | grep . | median)
		cpu=$(awk '{print $2}' <<<"${RES[$t]}" | grep . | median)
		sc=$(awk '{print $3}' <<<"${RES[$t]}" | grep . | grep -v -- - | median || true)
		cs=$(awk '{print $4}' <<<"${RES[$t]}" | grep . | median)
		mc=$(awk '{print $5}' <<<"${RES[$t]}" | grep . | median)
		idle=$(awk '{print $6}' <<<"${RES[$t]}" | grep . | median)
		runs=$(grep . <<<"${RES[$t]}" | awk '{printf "%.0f ", $1}')
		pr=$(grep . <<<"${PAIRED[$t]}" | sort -g)
		pmed=$(median <<<"$pr")
		echo "| $t | $(printf %.0f "$tps") | $(awk -v a="$tps" -v b="$pgb_tps" 'BEGIN{printf "%.2fx", a/b}') | $(printf %.2f "$pmed")x ($(head -1 <<<"$pr" | xargs printf %.2f)-$(tail -1 <<<"$pr" | xargs printf %.2f)) | $cpu | ${sc:--} | $cs | $mc | $idle% | $runs|"
	done
} | tee "$OUT"
echo "== written to $OUT" >&2
