package transport_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/maskwire/maskwire/engine"
	"github.com/maskwire/maskwire/internal/proxytest"
	"github.com/maskwire/maskwire/transport"
)

// bomb is a masker with a bug: it panics planning a result set whose
// statement mentions "bomb_plan", and its lookup (engine.Fetcher) panics for
// one that mentions "bomb_lookup".
type bomb struct{}

func (bomb) PlanResult(r *engine.Result) engine.RowFilter {
	if strings.Contains(r.SQL, "bomb_plan") {
		panic("test: a masker bug")
	}
	return nil
}

func (bomb) FetchResult(r *engine.Result) func() {
	if strings.Contains(r.SQL, "bomb_lookup") {
		return func() { panic("test: a lookup bug") }
	}
	return nil
}

func (bomb) FetchCopy(string) func() { return nil }

// TestPanicEndsOneSession: a bug that panics while a session's bytes are
// handled (in the engine or the masker, on the event loop, on a session's
// goroutine, or in a lookup run off the loop) ends that session with FATAL
// XX000; the other sessions, on the same loop, go on, and new ones are
// served.
func TestPanicEndsOneSession(t *testing.T) {
	for _, relay := range []string{"epoll", "goroutines"} {
		t.Run(relay, func(t *testing.T) {
			r, err := transport.ParseRelay(relay)
			if err != nil {
				t.Fatal(err)
			}
			p := proxytest.Start(t, func(c *transport.Config) {
				c.Engine.NewMasker = func(engine.SessionInfo) engine.Masker { return bomb{} }
				c.Relay, c.Loops = r, 1
			})
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			bystander, err := pgconn.Connect(ctx, p.DSN())
			if err != nil {
				t.Fatal(err)
			}
			defer bystander.Close(context.Background())
			for _, sql := range []string{"select 'bomb_plan'", "select 'bomb_lookup'"} {
				victim, err := pgconn.Connect(ctx, p.DSN())
				if err != nil {
					t.Fatal(err)
				}
				_, err = victim.Exec(ctx, sql).ReadAll()
				var pe *pgconn.PgError
				if !errors.As(err, &pe) || pe.Code != "XX000" || !strings.Contains(pe.Message, "internal error") {
					t.Errorf("%s: %v, want FATAL XX000 internal error", sql, err)
				}
				victim.Close(context.Background())
				if _, err := bystander.Exec(ctx, "select 1").ReadAll(); err != nil {
					t.Fatalf("after %s panicked in another session: %v", sql, err)
				}
				fresh, err := pgconn.Connect(ctx, p.DSN())
				if err != nil {
					t.Fatalf("a new session after %s panicked: %v", sql, err)
				}
				if _, err := fresh.Exec(ctx, "select 1").ReadAll(); err != nil {
					t.Fatalf("a new session after %s panicked: %v", sql, err)
				}
				fresh.Close(context.Background())
			}
		})
	}
}
