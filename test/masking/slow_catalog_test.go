package masking_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/maskwire/maskwire/engine"
	"github.com/maskwire/maskwire/internal/pgtest"
	"github.com/maskwire/maskwire/internal/proxytest"
	"github.com/maskwire/maskwire/masking"
	"github.com/maskwire/maskwire/policy"
	"github.com/maskwire/maskwire/transport"
)

// slowCatalog is the real PGCatalog with a slow first lookup of each table
// (an upstream under load, a new database's catalog connection): the one
// part of this test PostgreSQL will not do on demand.
type slowCatalog struct {
	*masking.PGCatalog
	delay time.Duration
}

func (c *slowCatalog) Column(db string, oid uint32, attnum int16) (masking.ColumnRef, bool) {
	if !c.Cached(db, oid) {
		time.Sleep(c.delay)
	}
	return c.PGCatalog.Column(db, oid, attnum)
}

func (c *slowCatalog) Describe(db, query string) ([]engine.Column, bool) {
	return c.PGCatalog.Describe(db, query)
}

// TestSlowCatalogDoesNotStallOtherSessions: while one session's first
// query on a table waits for the catalog to name its columns, the other
// sessions relayed by the same event loop go on at full speed; the waiting
// session's rows are then masked by the named-column rule (so the plan did
// wait for the names). Under both relays, for a simple query (the wait is
// at its RowDescription), a prepared statement (at its first DataRow: pgx
// described it before) and COPY TO STDOUT (at CopyOutResponse).
func TestSlowCatalogDoesNotStallOtherSessions(t *testing.T) {
	const delay = 1500 * time.Millisecond
	reads := map[string]func(ctx context.Context, a *pgx.Conn, table string) (string, error){
		"simple": func(ctx context.Context, a *pgx.Conn, table string) (string, error) {
			var notes string
			err := a.QueryRow(ctx, fmt.Sprintf("select notes from %s where id = 1", table), pgx.QueryExecModeSimpleProtocol).Scan(&notes)
			return notes, err
		},
		"prepared": func(ctx context.Context, a *pgx.Conn, table string) (string, error) {
			var notes string
			err := a.QueryRow(ctx, fmt.Sprintf("select notes from %s where id = $1", table), pgx.QueryExecModeCacheStatement, 1).Scan(&notes)
			return notes, err
		},
		"copy": func(ctx context.Context, a *pgx.Conn, table string) (string, error) {
			var out strings.Builder
			_, err := a.PgConn().CopyTo(ctx, &out, fmt.Sprintf("copy (select notes from %s where id = 1) to stdout", table))
			return strings.TrimSpace(out.String()), err
		},
	}
	for name, relay := range map[string]transport.Relay{"epoll": transport.RelayEventLoop, "goroutines": transport.RelayGoroutines} {
		for how, read := range reads {
			t.Run(name+"/"+how, func(t *testing.T) {
				t.Parallel()
				slowCatalogCase(t, relay, delay, read)
			})
		}
	}
}

func slowCatalogCase(t *testing.T, relay transport.Relay, delay time.Duration, read func(context.Context, *pgx.Conn, string) (string, error)) {
	table := fmt.Sprintf("slow_catalog_%d", time.Now().UnixNano())
	pgtest.Exec(t, fmt.Sprintf("create table %s (id int, notes text); insert into %[1]s values (1, 'nothing to see')", table))
	t.Cleanup(func() { pgtest.Exec(t, "drop table if exists "+table) })
	plan, err := policy.ParseWith([]byte(fmt.Sprintf("rules:\n  - match: {column: \"*.public.%s.notes\"}\n    action: redact\n", table)), "slow.yaml",
		policy.Options{Getenv: func(k string) string {
			if k == "MASKWIRE_TOKEN_KEY" {
				return testKey
			}
			return ""
		}})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := pgx.ParseConfig(pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	inner := &masking.PGCatalog{Config: cfg}
	t.Cleanup(inner.Close)
	opts, err := masking.FromPlan(func() *policy.Plan { return plan }, &slowCatalog{inner, delay})
	if err != nil {
		t.Fatal(err)
	}
	p := proxytest.Start(t, func(c *transport.Config) {
		c.Engine.NewMasker = masking.NewFactory(opts)
		c.Relay, c.Loops = relay, 1 // one loop: both sessions share it
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	a, err := pgx.Connect(ctx, p.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close(context.Background())
	b, err := pgx.Connect(ctx, p.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close(context.Background())

	type answer struct {
		notes string
		took  time.Duration
		err   error
	}
	done := make(chan answer, 1)
	start := time.Now()
	go func() {
		notes, err := read(ctx, a, table)
		done <- answer{notes, time.Since(start), err}
	}()
	time.Sleep(100 * time.Millisecond) // a is waiting on the catalog now
	var slowest time.Duration
	for time.Since(start) < delay-200*time.Millisecond {
		t0 := time.Now()
		var one int
		if err := b.QueryRow(ctx, "select 1", pgx.QueryExecModeSimpleProtocol).Scan(&one); err != nil {
			t.Fatalf("b: %v", err)
		}
		slowest = max(slowest, time.Since(t0))
	}
	// A stall would last about the whole delay; half of it leaves room for a
	// loaded machine under the race detector.
	if slowest > delay/2 {
		t.Errorf("b's slowest query took %v while a waited on the catalog: the relay stalled", slowest)
	}
	got := <-done
	if got.err != nil {
		t.Fatalf("a: %v", got.err)
	}
	if got.took < delay {
		t.Errorf("a's first query took %v, less than the catalog's %v: it did not wait for the names", got.took, delay)
	}
	if strings.Contains(got.notes, "nothing to see") || got.notes == "" {
		t.Errorf("a: notes = %q, want it redacted by the named-column rule", got.notes)
	}
	t.Logf("b's slowest query %v while a waited %v; a got %q", slowest, got.took, got.notes)
}
