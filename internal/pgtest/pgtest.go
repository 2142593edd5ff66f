// Package pgtest gives integration tests a real PostgreSQL:
//
//  1. MASKWIRE_TEST_DSN, when set (used as is; a server that does not answer
//     is a failure, not a fallback);
//
//  2. else postgres@127.0.0.1:5432 (database test, else postgres) when it
//     accepts a connection;
//
//  3. else a disposable cluster started once per test binary with
//     initdb/pg_ctl (as an unprivileged user when run as root) and stopped
//     when the binary exits. That needs a TestMain:
//
//     func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }
//
// A missing server is never a silent skip: DSN fails the test and says what
// is missing.
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/maskwire/maskwire/internal/pgcluster"
)

// EnvDSN names the environment variable that points the tests at a server.
const EnvDSN = "MASKWIRE_TEST_DSN"

var (
	mu        sync.Mutex
	resolved  bool
	dsn       string
	dsnErr    error
	cluster   *pgcluster.Cluster
	inTestRun bool // Run is in charge of stopping a disposable cluster
)

// Run runs the tests and stops the disposable cluster, if one was started.
// Use it from TestMain.
func Run(m *testing.M) int {
	mu.Lock()
	inTestRun = true
	mu.Unlock()
	code := m.Run()
	if err := Teardown(); err != nil {
		fmt.Fprintln(os.Stderr, "pgtest: stopping the disposable cluster:", err)
	}
	return code
}

// Teardown stops the disposable cluster, if this process started one.
func Teardown() error {
	mu.Lock()
	defer mu.Unlock()
	if cluster == nil {
		return nil
	}
	err := cluster.Stop()
	cluster = nil
	resolved = false
	return err
}

// DSN returns a connection string (URL form, sslmode=disable unless
// MASKWIRE_TEST_DSN says otherwise) for a real PostgreSQL where the user may
// create tables. It fails the test if no server can be had.
func DSN(t testing.TB) string {
	t.Helper()
	d, err := resolve()
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return d
}

// Addr returns the host:port of DSN's server.
func Addr(t testing.TB) string {
	t.Helper()
	cfg, err := pgconn.ParseConfig(DSN(t))
	if err != nil {
		t.Fatalf("pgtest: parse DSN: %v", err)
	}
	return net.JoinHostPort(cfg.Host, fmt.Sprint(cfg.Port))
}

// Connect opens a connection to DSN's server, closed when the test ends.
func Connect(t testing.TB) *pgconn.PgConn {
	t.Helper()
	return ConnectDSN(t, DSN(t))
}

// ConnectDSN opens a connection to dsn, closed when the test ends.
func ConnectDSN(t testing.TB, dsn string) *pgconn.PgConn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := pgconn.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("pgtest: connect %s: %v", Redact(dsn), err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// Exec runs sql (simple protocol, several statements allowed) on a new
// direct connection and fails the test on error.
func Exec(t testing.TB, sql string) {
	t.Helper()
	c := Connect(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if _, err := c.Exec(ctx, sql).ReadAll(); err != nil {
		t.Fatalf("pgtest: exec %q: %v", sql, err)
	}
}

func resolve() (string, error) {
	mu.Lock()
	defer mu.Unlock()
	if resolved {
		return dsn, dsnErr
	}
	dsn, dsnErr = find()
	// A failure to start a cluster is remembered too: retrying in every test
	// would only repeat it slowly.
	resolved = true
	return dsn, dsnErr
}

func find() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if d := os.Getenv(EnvDSN); d != "" {
		if err := pgcluster.Ping(ctx, d); err != nil {
			return "", fmt.Errorf("%s=%s does not answer: %v", EnvDSN, Redact(d), err)
		}
		return d, nil
	}
	var localErr error
	for _, db := range []string{"test", "postgres"} {
		d := "postgres://postgres@" + pgcluster.DefaultAddr + "/" + db + "?sslmode=disable"
		if localErr = pgcluster.Ping(ctx, d); localErr == nil {
			return d, nil
		}
		var pgErr *pgconn.PgError
		if !errors.As(localErr, &pgErr) {
			break // nothing listening (or not PostgreSQL): no point trying another database
		}
	}
	binDir, err := pgcluster.FindBinDir()
	if err != nil {
		return "", fmt.Errorf("no PostgreSQL: set %s, or start one on %s (tried: %v), or install postgresql (%v)",
			EnvDSN, pgcluster.DefaultAddr, localErr, err)
	}
	if !inTestRun {
		return "", fmt.Errorf("no PostgreSQL on %s (%v) and a disposable cluster needs a TestMain "+
			"that stops it: func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }", pgcluster.DefaultAddr, localErr)
	}
	startCtx, cancel2 := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel2()
	c, err := pgcluster.Start(startCtx, pgcluster.Options{BinDir: binDir, Databases: []string{"test"}})
	if err != nil {
		return "", fmt.Errorf("no PostgreSQL on %s (%v), and starting a disposable cluster from %s failed: %v",
			pgcluster.DefaultAddr, localErr, binDir, err)
	}
	cluster = c
	return c.DSN("test"), nil
}

// Redact hides a password in a DSN (URL or key=value form) for messages.
func Redact(dsn string) string {
	if cfg, err := pgconn.ParseConfig(dsn); err == nil && cfg.Password != "" {
		return strings.ReplaceAll(dsn, cfg.Password, "xxxxx")
	}
	return dsn
}

// LockedBuffer is a bytes.Buffer that a writer (a child process's stderr, a
// logger) and the test reading it may use at once.
type LockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *LockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *LockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
