//go:build linux

package transport_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"

	"github.com/maskwire/maskwire/internal/pgtest"
	"github.com/maskwire/maskwire/internal/proxytest"
	"github.com/maskwire/maskwire/transport"
)

// relays are the relay modes every transport test runs under (Linux has both).
var relays = []transport.Relay{transport.RelayGoroutines, transport.RelayEventLoop}

func relayName(r transport.Relay) string {
	if r == transport.RelayEventLoop {
		return "epoll"
	}
	return "goroutines"
}

// startRelay starts a proxy relaying with r, and checks when the test ends
// that ready sessions went where r says.
func startRelay(t *testing.T, r transport.Relay, configure ...func(*transport.Config)) *proxytest.Proxy {
	t.Helper()
	p := proxytest.Start(t, append([]func(*transport.Config){func(c *transport.Config) { c.Relay = r }}, configure...)...)
	t.Cleanup(func() {
		n := transport.Handoffs(p.Server)
		if r == transport.RelayEventLoop && n == 0 && !t.Failed() {
			t.Error("no session was handed to the event loop")
		}
		if r == transport.RelayGoroutines && n != 0 {
			t.Errorf("%d sessions were handed to an event loop with RelayGoroutines", n)
		}
	})
	return p
}

// TestRelayModes: the protocol features a relay must carry, through both
// relays: simple and extended queries, a pipeline with an error in the
// middle, COPY both ways, LISTEN/NOTIFY across sessions, and cancel.
func TestRelayModes(t *testing.T) {
	for _, r := range relays {
		t.Run(relayName(r), func(t *testing.T) {
			p := startRelay(t, r)
			conn, err := pgconn.Connect(ctxT(t, 10*time.Second), p.DSN())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(context.Background())

			rows := query(t, conn, "select g, md5(g::text) from generate_series(1,20000) g")
			if len(rows) != 20000 || rows[19999][0] != "20000" {
				t.Fatalf("simple query: %d rows", len(rows))
			}

			res := conn.ExecParams(ctxT(t, 10*time.Second), "select $1::int + 1", [][]byte{[]byte("41")}, nil, nil, nil).Read()
			if res.Err != nil || len(res.Rows) != 1 || string(res.Rows[0][0]) != "42" {
				t.Fatalf("extended query: %v %v", res.Rows, res.Err)
			}

			b := &pgconn.Batch{}
			b.ExecParams("select 1", nil, nil, nil, nil)
			b.ExecParams("select 1/0", nil, nil, nil, nil)
			b.ExecParams("select 3", nil, nil, nil, nil)
			if _, err := conn.ExecBatch(ctxT(t, 10*time.Second), b).ReadAll(); err == nil || !strings.Contains(err.Error(), "22012") {
				t.Fatalf("pipeline with an error: %v, want 22012", err)
			}
			if rows := query(t, conn, "select 'after the pipeline'"); rows[0][0] != "after the pipeline" {
				t.Fatalf("session after the pipeline error: %v", rows)
			}

			query(t, conn, "create temp table relay_copy(a int, b text)")
			var in strings.Builder
			for i := range 50000 {
				fmt.Fprintf(&in, "%d\trow %d\n", i, i)
			}
			tag, err := conn.CopyFrom(ctxT(t, 20*time.Second), strings.NewReader(in.String()), "copy relay_copy from stdin")
			if err != nil || tag.RowsAffected() != 50000 {
				t.Fatalf("copy in: %v %v", tag, err)
			}
			var out strings.Builder
			if _, err := conn.CopyTo(ctxT(t, 20*time.Second), &out, "copy relay_copy to stdout"); err != nil || out.String() != in.String() {
				t.Fatalf("copy out: %d bytes back of %d, err %v", out.Len(), in.Len(), err)
			}

			listener, err := pgconn.Connect(ctxT(t, 10*time.Second), p.DSN())
			if err != nil {
				t.Fatal(err)
			}
			defer listener.Close(context.Background())
			query(t, listener, "listen relay_channel")
			query(t, conn, "notify relay_channel, 'hello'")
			ctx := ctxT(t, 5*time.Second)
			if err := listener.WaitForNotification(ctx); err != nil {
				t.Fatalf("no notification: %v", err)
			}

			go func() {
				time.Sleep(300 * time.Millisecond)
				conn.CancelRequest(ctxT(t, 5*time.Second))
			}()
			_, err = conn.Exec(ctxT(t, 15*time.Second), "select pg_sleep(20)").ReadAll()
			if err == nil || !strings.Contains(err.Error(), "57014") {
				t.Fatalf("pg_sleep(20) with a CancelRequest: %v, want 57014", err)
			}
			if rows := query(t, conn, "select 'after cancel'"); rows[0][0] != "after cancel" {
				t.Fatalf("session after cancel: %v", rows)
			}
		})
	}
}

// stallOnClientWrite sends a query for rows rows of about 150 bytes (its
// column named marker) over conn and reads nothing, until the backend waits
// in ClientWrite. It returns conn's frontend and a direct connection.
func stallOnClientWrite(t *testing.T, conn *pgconn.PgConn, marker string, rows int) (*pgproto3.Frontend, *pgconn.PgConn) {
	t.Helper()
	fe := conn.Frontend()
	fe.Send(&pgproto3.Query{String: fmt.Sprintf("select g, repeat('x', 120) as %s from generate_series(1,%d) g", marker, rows)})
	if err := fe.Flush(); err != nil {
		t.Fatal(err)
	}
	direct := pgtest.Connect(t)
	var wait string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		res := query(t, direct, fmt.Sprintf("select coalesce(wait_event, state) from pg_stat_activity where query like '%%%s%%' and pid <> pg_backend_pid()", marker))
		if len(res) == 1 {
			if wait = res[0][0]; wait == "ClientWrite" {
				return fe, direct
			}
		}
	}
	direct.Close(context.Background())
	t.Fatalf("backend of a client that does not read: wait event %q, want ClientWrite", wait)
	return nil, nil
}

// TestRelayBackpressure: a client that stops reading a large result stops
// maskwire reading the upstream (the backend waits in ClientWrite) and the
// proxy holds a bounded amount of memory; when it reads again, every row
// arrives.
func TestRelayBackpressure(t *testing.T) {
	const rowsWanted = 400000 // about 60 MB of DataRows
	for _, r := range relays {
		t.Run(relayName(r), func(t *testing.T) {
			p := startRelay(t, r)
			conn, err := pgconn.Connect(ctxT(t, 10*time.Second), p.DSN())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(context.Background())
			marker := fmt.Sprintf("backpressure_%s_%d", relayName(r), time.Now().UnixNano())
			runtime.GC()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)

			fe, direct := stallOnClientWrite(t, conn, marker, rowsWanted)
			defer direct.Close(context.Background())
			runtime.GC()
			var during runtime.MemStats
			runtime.ReadMemStats(&during)
			if grew := int64(during.HeapAlloc) - int64(before.HeapAlloc); grew > 16<<20 {
				t.Fatalf("heap grew by %d MiB while the client did not read", grew>>20)
			}

			n := 0
			for {
				msg, err := fe.Receive()
				if err != nil {
					t.Fatalf("after %d rows: %v", n, err)
				}
				switch m := msg.(type) {
				case *pgproto3.DataRow:
					n++
				case *pgproto3.ErrorResponse:
					t.Fatalf("error after %d rows: %s", n, m.Message)
				}
				if _, ok := msg.(*pgproto3.ReadyForQuery); ok {
					break
				}
			}
			if n != rowsWanted {
				t.Fatalf("got %d rows, want %d", n, rowsWanted)
			}
			if rows := query(t, conn, "select 'still relaying'"); rows[0][0] != "still relaying" {
				t.Fatalf("after the result: %v", rows)
			}
		})
	}
}

// TestRelayClientGoneCancels: a client that disconnects while its query
// runs frees the upstream backend at once, through either relay.
func TestRelayClientGoneCancels(t *testing.T) {
	for _, r := range relays {
		t.Run(relayName(r), func(t *testing.T) {
			p := startRelay(t, r)
			conn, err := pgconn.Connect(ctxT(t, 10*time.Second), p.DSN())
			if err != nil {
				t.Fatal(err)
			}
			marker := fmt.Sprintf("gone_%s_%d", relayName(r), time.Now().UnixNano())
			fe := conn.Frontend()
			fe.Send(&pgproto3.Query{String: fmt.Sprintf("select pg_sleep(30) as %s", marker)})
			if err := fe.Flush(); err != nil {
				t.Fatal(err)
			}
			direct := pgtest.Connect(t)
			defer direct.Close(context.Background())
			count := func() string {
				return query(t, direct, fmt.Sprintf("select count(*) from pg_stat_activity where query like '%%%s%%' and state = 'active' and pid <> pg_backend_pid()", marker))[0][0]
			}
			deadline := time.Now().Add(5 * time.Second)
			for count() != "1" && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
			}
			if c := count(); c != "1" {
				t.Fatalf("query not running upstream (%s)", c)
			}
			conn.Conn().Close()
			deadline = time.Now().Add(3 * time.Second)
			for count() != "0" && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
			}
			if c := count(); c != "0" {
				t.Fatalf("%s upstream queries still running 3 s after the client left", c)
			}
		})
	}
}

// TestRelayUpstreamGoneWhileClientSlow: the backend is terminated while the
// client is not reading (maskwire has stopped reading the upstream); when the
// client reads again it gets what was sent, then an error, not a hang, and
// the session ends.
func TestRelayUpstreamGoneWhileClientSlow(t *testing.T) {
	for _, r := range relays {
		t.Run(relayName(r), func(t *testing.T) {
			p := startRelay(t, r)
			conn, err := pgconn.Connect(ctxT(t, 10*time.Second), p.DSN())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(context.Background())
			marker := fmt.Sprintf("terminated_%s_%d", relayName(r), time.Now().UnixNano())
			fe, direct := stallOnClientWrite(t, conn, marker, 400000)
			defer direct.Close(context.Background())
			where := fmt.Sprintf("from pg_stat_activity where query like '%%%s%%' and pid <> pg_backend_pid()", marker)
			if rows := query(t, direct, "select pg_terminate_backend(pid) "+where); len(rows) != 1 || rows[0][0] != "t" {
				t.Fatalf("terminate: %v", rows)
			}
			time.Sleep(300 * time.Millisecond)
			conn.Conn().SetReadDeadline(time.Now().Add(20 * time.Second))
			n := 0
			for {
				msg, err := fe.Receive()
				if err != nil {
					if strings.Contains(err.Error(), "timeout") {
						t.Fatalf("client hung after %d rows: %v", n, err)
					}
					break
				}
				if _, ok := msg.(*pgproto3.DataRow); ok {
					n++
				}
				if e, ok := msg.(*pgproto3.ErrorResponse); ok {
					t.Logf("client got %s %s after %d rows", e.Code, e.Message, n)
					break
				}
				if _, ok := msg.(*pgproto3.ReadyForQuery); ok {
					t.Fatalf("the result completed (%d rows) although its backend was terminated", n)
				}
			}
			conn.Conn().Close()
			deadline := time.Now().Add(5 * time.Second)
			for p.Server.Sessions() > 0 && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			if s := p.Server.Sessions(); s != 0 {
				t.Fatalf("%d sessions left", s)
			}
		})
	}
}

// TestLoopsLeaveAProc: with as many loops as Ps, the loops' start raises
// GOMAXPROCS by one. A loop in epoll_wait holds its P, so without the extra
// P an accept, a startup or a catalog lookup would wait for the runtime to
// take a P back from a loop (up to 10 ms) while the loops are busy.
func TestLoopsLeaveAProc(t *testing.T) {
	procs := runtime.GOMAXPROCS(0)
	t.Cleanup(func() { runtime.GOMAXPROCS(procs) })
	p := startRelay(t, transport.RelayEventLoop, func(c *transport.Config) { c.Loops = procs })
	conn, err := pgconn.Connect(ctxT(t, 10*time.Second), p.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctxT(t, 10*time.Second), "select 1").ReadAll(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); transport.Handoffs(p.Server) == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the session was not handed to a loop in 5 s")
		}
		time.Sleep(time.Millisecond)
	}
	if got := runtime.GOMAXPROCS(0); got != procs+1 {
		t.Errorf("GOMAXPROCS with %d loops = %d, want %d (one P beside the loops)", procs, got, procs+1)
	}
}
