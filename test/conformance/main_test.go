// Package conformance runs real PostgreSQL clients (psql, pgbench, pgx, raw
// pgproto3, psycopg2, pgjdbc) against a real PostgreSQL twice — directly and
// through an in-process maskwire — and requires the same answers. A recording
// Masker checks that the engine knows the columns of every DataRow it relays.
package conformance

import (
	"context"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/maskwire/maskwire/engine"
	"github.com/maskwire/maskwire/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// env is one test's view of the world: a direct DSN to the real server and
// an in-process maskwire in front of it, whose masker records every result.
type env struct {
	t      *testing.T
	direct string // DSN straight to PostgreSQL
	cfg    *pgconn.Config
	proxy  string // host:port of maskwire
	rec    *recorder
}

// newEnv starts a maskwire (stopped when the test ends) in front of the test
// server, with a recording masker.
func newEnv(t *testing.T) *env {
	t.Helper()
	dsn := pgtest.DSN(t)
	cfg, err := pgconn.ParseConfig(dsn)
	if err != nil {
		t.Fatalf("parse DSN: %v", err)
	}
	rec := newRecorder()
	ecfg := &engine.Config{Cancels: engine.NewCancelRegistry(), NewMasker: rec.NewMasker}
	addr := startProxy(t, dsn, ecfg)
	return &env{t: t, direct: dsn, cfg: cfg, proxy: addr, rec: rec}
}

var appSeq atomic.Int64

// appName returns an application_name unique to this test binary, so that
// pg_stat_activity rows and recorded sessions can be told apart.
func appName(prefix string) string {
	return fmt.Sprintf("mwc_%s_%d_%d", prefix, os.Getpid(), appSeq.Add(1))
}

// proxyDSN is the test DSN rewritten to reach the server through maskwire.
func (e *env) proxyDSN(app string) string {
	return withHostPort(e.direct, e.proxy, app)
}

func (e *env) directDSN(app string) string {
	return withHostPort(e.direct, e.directAddr(), app)
}

// withHostPort builds a key=value DSN with the user, password and database of
// dsn, the given address, sslmode=disable and application_name app.
func withHostPort(dsn, addr, app string) string {
	cfg, err := pgconn.ParseConfig(dsn)
	if err != nil {
		panic(err)
	}
	host, port, _ := net.SplitHostPort(addr)
	parts := []string{
		"host=" + host, "port=" + port, "user=" + quoteKV(cfg.User),
		"dbname=" + quoteKV(cfg.Database), "sslmode=disable",
	}
	if cfg.Password != "" {
		parts = append(parts, "password="+quoteKV(cfg.Password))
	}
	if app != "" {
		parts = append(parts, "application_name="+quoteKV(app))
	}
	return strings.Join(parts, " ")
}

func quoteKV(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func ctxT(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

func connectPgx(t *testing.T, dsn string, mode pgx.QueryExecMode) *pgx.Conn {
	t.Helper()
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatalf("parse %s: %v", dsn, err)
	}
	cfg.DefaultQueryExecMode = mode
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatalf("connect %s: %v", pgtest.Redact(dsn), err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// both connects to the server directly and through maskwire with the same
// exec mode; the proxied connection's application_name is returned.
func (e *env) both(t *testing.T, mode pgx.QueryExecMode) (direct, proxied *pgx.Conn, app string) {
	app = appName(strings.ReplaceAll(t.Name(), "/", "_"))
	return connectPgx(t, e.directDSN(""), mode), connectPgx(t, e.proxyDSN(app), mode), app
}

// admin is a direct connection for setup and inspection.
func (e *env) admin(t *testing.T) *pgx.Conn {
	return connectPgx(t, e.directDSN("mwc_admin"), pgx.QueryExecModeSimpleProtocol)
}

func mustExec(t *testing.T, c *pgx.Conn, sql string, args ...any) {
	t.Helper()
	if _, err := c.Exec(ctxT(t, 60*time.Second), sql, args...); err != nil {
		t.Fatalf("exec %q: %v", sql, err)
	}
}

// uniqueTable returns a table name unique to this run and drops it (directly)
// when the test ends.
func (e *env) uniqueTable(t *testing.T, prefix string) string {
	name := fmt.Sprintf("mwc_%s_%d_%d", prefix, os.Getpid(), appSeq.Add(1))
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), e.directDSN("mwc_cleanup"))
		if err == nil {
			c.Exec(context.Background(), "drop table if exists "+name)
			c.Close(context.Background())
		}
	})
	return name
}

// activeBackends counts backends of application_name app (other than the
// asking one) that are running something.
func activeBackends(t *testing.T, admin *pgx.Conn, app string) int {
	t.Helper()
	var n int
	err := admin.QueryRow(ctxT(t, 10*time.Second),
		"select count(*) from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()", app).Scan(&n)
	if err != nil {
		t.Fatalf("pg_stat_activity: %v", err)
	}
	return n
}

// waitNoBackends waits up to d for every backend of app to be gone.
func waitNoBackends(t *testing.T, admin *pgx.Conn, app string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		n := activeBackends(t, admin, app)
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			rows, _ := admin.Query(context.Background(),
				"select pid, state, query from pg_stat_activity where application_name = $1", app)
			vals, _ := pgx.CollectRows(rows, func(r pgx.CollectableRow) ([]any, error) { return r.Values() })
			t.Fatalf("after %v, %d backend(s) of %s are still there: %v", d, n, app, vals)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitBackendRunning waits until a backend of app runs a query containing substr.
func waitBackendRunning(t *testing.T, admin *pgx.Conn, app, substr string, d time.Duration) int32 {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		var pid int32
		err := admin.QueryRow(ctxT(t, 10*time.Second),
			`select pid from pg_stat_activity where application_name = $1 and state = 'active'
			   and position($2 in query) > 0 limit 1`, app, substr).Scan(&pid)
		if err == nil {
			return pid
		}
		if err != pgx.ErrNoRows {
			t.Fatalf("pg_stat_activity: %v", err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("no backend of %s runs %q after %v", app, substr, d)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func itoaPort(p uint16) string { return strconv.Itoa(int(p)) }
