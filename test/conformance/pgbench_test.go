package conformance

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

const pgbenchBin = "/usr/bin/pgbench"

var (
	pgbenchProcessed = regexp.MustCompile(`number of transactions actually processed: (\d+)`)
	pgbenchFailed    = regexp.MustCompile(`number of failed transactions: (\d+)`)
)

func (e *env) pgbench(t *testing.T, addr, db string, args ...string) (string, error) {
	t.Helper()
	if _, err := os.Stat(pgbenchBin); err != nil {
		t.Fatalf("pgbench is missing (%v): install the Debian package postgresql-contrib (or postgresql-client)", err)
	}
	host, port, _ := net.SplitHostPort(addr)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, pgbenchBin, append([]string{"-h", host, "-p", port, "-U", e.cfg.User}, append(args, db)...)...)
	var envv []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PG") {
			envv = append(envv, kv)
		}
	}
	envv = append(envv, "PGAPPNAME="+appName("pgbench"), "PGSSLMODE=disable")
	if e.cfg.Password != "" {
		envv = append(envv, "PGPASSWORD="+e.cfg.Password)
	}
	cmd.Env = envv
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// TestPgbench initializes a scale-1 database through maskwire (COPY FROM
// STDIN of 100,000 accounts, VACUUM, keys) and runs the TPC-B-like script in
// the three query modes; each run must commit transactions and fail none.
func TestPgbench(t *testing.T) {
	e := newEnv(t)
	admin := e.admin(t)
	db := fmt.Sprintf("mwc_pgbench_%d", os.Getpid())
	mustExec(t, admin, "drop database if exists "+db)
	mustExec(t, admin, "create database "+db)
	t.Cleanup(func() { admin.Exec(context.Background(), "drop database if exists "+db+" with (force)") })

	out, err := e.pgbench(t, e.proxy, db, "-i", "-s", "1", "-q")
	if err != nil {
		t.Fatalf("pgbench -i through maskwire: %v\n%s", err, out)
	}
	var accounts int
	c := connectPgx(t, withHostPort(e.direct, e.directAddr(), "mwc_admin")+" dbname="+db, pgx.QueryExecModeSimpleProtocol)
	if err := c.QueryRow(ctxT(t, 10*time.Second), "select count(*) from pgbench_accounts").Scan(&accounts); err != nil || accounts != 100000 {
		t.Fatalf("after pgbench -i through maskwire: %d accounts (%v), want 100000", accounts, err)
	}
	for _, mode := range []string{"simple", "extended", "prepared"} {
		t.Run(mode, func(t *testing.T) {
			out, err := e.pgbench(t, e.proxy, db, "-M", mode, "-T", "3", "-c", "2", "-n")
			if err != nil {
				t.Fatalf("pgbench -M %s through maskwire: %v\n%s", mode, err, out)
			}
			m := pgbenchProcessed.FindStringSubmatch(out)
			f := pgbenchFailed.FindStringSubmatch(out)
			if m == nil || f == nil {
				t.Fatalf("cannot find the transaction counts in pgbench output:\n%s", out)
			}
			processed, _ := strconv.Atoi(m[1])
			failed, _ := strconv.Atoi(f[1])
			t.Logf("-M %s: %d transactions, %d failed", mode, processed, failed)
			if processed == 0 || failed != 0 {
				t.Errorf("pgbench -M %s: %d processed, %d failed; want >0 and 0\n%s", mode, processed, failed, out)
			}
		})
	}
}
