// Command e2e is maskwire's end-to-end load harness: it prepares a benchmark
// database, streams large results through several targets (PostgreSQL
// directly, maskwire, PgBouncer) interleaved run by run, runs pgbench against
// each, and measures a proxy's memory while a slow client reads. Every
// subcommand prints a markdown table on stdout; progress goes to stderr.
//
// bench/e2e.sh starts the servers and calls these subcommands; see it for the
// full procedure. e2e measures; it never starts or stops the servers itself.
//
//	e2e setup    -dsn DSN [-rows N]                      create maskwire_bench tables, pgbench -i -s 10
//	e2e stream   -target name=DSN ... -table T -modes M   interleaved streaming runs, medians, ratios
//	e2e pgbench  -target name=DSN ... -runs N -T SEC      interleaved pgbench -S runs, median TPS
//	e2e slow     -dsn DSN -pid PID -rate 2MB -for 30s     paced reader; sample the proxy's VmRSS
//	e2e connect  -target name=DSN ... -n N               new-connection and first-query latency
//	e2e freeport                                          print a free TCP port on 127.0.0.1
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	var err error
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "setup":
		err = runSetup(args)
	case "stream":
		err = runStream(args)
	case "pgbench":
		err = runPgbench(args)
	case "slow":
		err = runSlow(args)
	case "connect":
		err = runConnect(args)
	case "freeport":
		err = runFreeport(args)
	case "-h", "-help", "--help", "help":
		usage()
		return
	default:
		fmt.Fprintf(os.Stderr, "e2e: unknown command %q\n", cmd)
		usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprint(os.Stderr, `usage: e2e <command> [flags]   (e2e <command> -h for flags)

commands:
  setup     create the maskwire_bench database, its tables and pgbench tables (idempotent)
  stream    stream a table through each target, interleaved; medians and ratios
  pgbench   pgbench -S TPS through each target, interleaved; medians and ratios
  slow      read a large result at a fixed rate; sample a process's VmRSS
  connect   time new connections and their first query through each target
  freeport  print a free TCP port on 127.0.0.1
`)
}
