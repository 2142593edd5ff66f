package engine

import (
	"net"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgproto3"
)

func rawFrontend(t *testing.T, addr string) (*pgproto3.Frontend, net.Conn) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(20 * time.Second))
	fe := pgproto3.NewFrontend(c, c)
	cc := viaRelay(t, addr)
	fe.Send(&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersion30, Parameters: map[string]string{"user": cc.User, "database": cc.Database}})
	if err := fe.Flush(); err != nil {
		t.Fatal(err)
	}
	for {
		m, err := fe.Receive()
		if err != nil {
			t.Fatalf("startup: %v", err)
		}
		switch m := m.(type) {
		case *pgproto3.ErrorResponse:
			t.Fatalf("startup: %s", m.Message)
		case *pgproto3.ReadyForQuery:
			return fe, c
		}
	}
}

// receiveUntilReady collects message type names up to ReadyForQuery.
func receiveUntilReady(t *testing.T, fe *pgproto3.Frontend) []pgproto3.BackendMessage {
	t.Helper()
	var got []pgproto3.BackendMessage
	for {
		m, err := fe.Receive()
		if err != nil {
			t.Fatalf("receive: %v", err)
		}
		switch m := m.(type) {
		case *pgproto3.DataRow:
			v := make([][]byte, len(m.Values))
			for i := range m.Values {
				v[i] = append([]byte(nil), m.Values[i]...)
			}
			got = append(got, &pgproto3.DataRow{Values: v})
		default:
			got = append(got, m)
		}
		if _, ok := m.(*pgproto3.ReadyForQuery); ok {
			return got
		}
	}
}

// TestPreparedStatementWithoutRowDescription: a named statement parsed once
// and executed later without any Describe (pgjdbc after prepareThreshold,
// node-postgres named statements). The engine must learn the columns itself,
// with the formats the Bind asked for, and the client must not see the
// Describe the engine injected.
func TestPreparedStatementWithoutRowDescription(t *testing.T) {
	rec := &recorder{}
	cfg := &Config{Cancels: NewCancelRegistry(), NewMasker: func(SessionInfo) Masker { return rec }}
	fe, _ := rawFrontend(t, relay(t, cfg))

	fe.Send(&pgproto3.Parse{Name: "s1", Query: "select g::int4 as n, 'v'||g as t from generate_series(1,$1::int) g"})
	fe.Send(&pgproto3.Sync{})
	fe.Flush()
	receiveUntilReady(t, fe)

	for i := range 3 {
		fe.Send(&pgproto3.Bind{PreparedStatement: "s1", Parameters: [][]byte{[]byte("3")}, ResultFormatCodes: []int16{1, 0}})
		fe.Send(&pgproto3.Execute{})
		fe.Send(&pgproto3.Sync{})
		fe.Flush()
		got := receiveUntilReady(t, fe)
		var rows int
		for _, m := range got {
			switch m := m.(type) {
			case *pgproto3.RowDescription, *pgproto3.NoData:
				t.Fatalf("round %d: client saw the engine's injected Describe answer %T", i, m)
			case *pgproto3.DataRow:
				rows++
				if len(m.Values[0]) != 4 {
					t.Fatalf("round %d: int4 column not in binary format: %q", i, m.Values[0])
				}
			case *pgproto3.ErrorResponse:
				t.Fatalf("round %d: %s", i, m.Message)
			}
		}
		if rows != 3 {
			t.Fatalf("round %d: %d rows, want 3", i, rows)
		}
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.results) != 3 {
		t.Fatalf("planned %d results, want 3", len(rec.results))
	}
	for _, cols := range rec.results {
		if len(cols) != 2 || cols[0].Name != "n" || cols[0].TypeOID != 23 || cols[0].Format != 1 || cols[1].Format != 0 {
			t.Fatalf("columns seen by the masker: %+v", cols)
		}
	}
}

// TestPipelineErrorDiscardsUntilSync: an error inside a pipeline makes the
// server skip to Sync; the engine's request queue must follow so the next
// round's rows are tied to the right portal.
func TestPipelineErrorDiscardsUntilSync(t *testing.T) {
	rec := &recorder{}
	cfg := &Config{Cancels: NewCancelRegistry(), NewMasker: func(SessionInfo) Masker { return rec }}
	fe, _ := rawFrontend(t, relay(t, cfg))
	fe.Send(&pgproto3.Parse{Query: "select 1/0"})
	fe.Send(&pgproto3.Bind{})
	fe.Send(&pgproto3.Execute{})
	fe.Send(&pgproto3.Parse{Name: "late", Query: "select 42::int8 as x"})
	fe.Send(&pgproto3.Bind{PreparedStatement: "late"})
	fe.Send(&pgproto3.Execute{})
	fe.Send(&pgproto3.Sync{})
	fe.Send(&pgproto3.Parse{Query: "select 'ok'::text as y, 7 as z"})
	fe.Send(&pgproto3.Bind{})
	fe.Send(&pgproto3.Describe{ObjectType: 'P'})
	fe.Send(&pgproto3.Execute{MaxRows: 0})
	fe.Send(&pgproto3.Sync{})
	fe.Flush()
	first := receiveUntilReady(t, fe)
	if _, ok := first[len(first)-2].(*pgproto3.ErrorResponse); !ok {
		t.Fatalf("first round: want an error before ReadyForQuery, got %#v", first)
	}
	second := receiveUntilReady(t, fe)
	var row *pgproto3.DataRow
	for _, m := range second {
		if d, ok := m.(*pgproto3.DataRow); ok {
			row = d
		}
	}
	if row == nil || string(row.Values[0]) != "ok" {
		t.Fatalf("second round: %#v", second)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	last := rec.results[len(rec.results)-1]
	if len(last) != 2 || last[0].Name != "y" {
		t.Fatalf("masker saw %+v for the second round", last)
	}
}

// TestPortalSuspended: Execute with a row limit, then the rest.
func TestPortalSuspended(t *testing.T) {
	rec := &recorder{}
	cfg := &Config{Cancels: NewCancelRegistry(), NewMasker: func(SessionInfo) Masker { return rec }}
	fe, _ := rawFrontend(t, relay(t, cfg))
	fe.Send(&pgproto3.Query{String: "begin"})
	fe.Flush()
	receiveUntilReady(t, fe)
	fe.Send(&pgproto3.Parse{Query: "select g from generate_series(1,5) g"})
	fe.Send(&pgproto3.Bind{DestinationPortal: "p"})
	fe.Send(&pgproto3.Execute{Portal: "p", MaxRows: 2})
	fe.Send(&pgproto3.Execute{Portal: "p", MaxRows: 2})
	fe.Send(&pgproto3.Execute{Portal: "p"})
	fe.Send(&pgproto3.Sync{})
	fe.Flush()
	got := receiveUntilReady(t, fe)
	var rows, suspended int
	for _, m := range got {
		switch m.(type) {
		case *pgproto3.DataRow:
			rows++
		case *pgproto3.PortalSuspended:
			suspended++
		case *pgproto3.ErrorResponse:
			t.Fatalf("%#v", m)
		}
	}
	if rows != 5 || suspended != 2 {
		t.Fatalf("rows %d suspended %d, want 5 and 2", rows, suspended)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.results) != 3 {
		t.Fatalf("planned %d results, want one per Execute (3)", len(rec.results))
	}
}
