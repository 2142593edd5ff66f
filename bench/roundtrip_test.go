package bench

import (
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgproto3"

	"github.com/maskwire/maskwire/engine"
	"github.com/maskwire/maskwire/masking"
)

// pgbenchSelect is `pgbench -S`'s round trip: a simple Query with a new
// literal each time, answered by one int4 column of one row in one packet.
type pgbenchSelect struct {
	queries  [][]byte
	response []byte
}

func newPgbenchSelect(tb testing.TB) *pgbenchSelect {
	tb.Helper()
	p := &pgbenchSelect{}
	for i := range 1024 {
		q, _ := (&pgproto3.Query{String: fmt.Sprintf("SELECT abalance FROM pgbench_accounts WHERE aid = %d;", 1+i*977)}).Encode(nil)
		p.queries = append(p.queries, q)
	}
	rd := &pgproto3.RowDescription{Fields: []pgproto3.FieldDescription{{Name: []byte("abalance"), TableOID: 16397,
		TableAttributeNumber: 3, DataTypeOID: 23, DataTypeSize: 4, TypeModifier: -1}}}
	p.response, _ = rd.Encode(nil)
	p.response, _ = (&pgproto3.DataRow{Values: [][]byte{[]byte("-2817")}}).Encode(p.response)
	p.response, _ = (&pgproto3.CommandComplete{CommandTag: []byte("SELECT 1")}).Encode(p.response)
	p.response, _ = (&pgproto3.ReadyForQuery{TxStatus: 'I'}).Encode(p.response)
	return p
}

// roundTrip feeds query i and its answer; it returns the bytes out.
func (p *pgbenchSelect) roundTrip(tb testing.TB, s *engine.Session, i int) int {
	in, _ := s.FromClient(p.queries[i%len(p.queries)])
	out, _ := s.FromServer(p.response)
	if out.Close || in.Close {
		tb.Fatalf("session closed: %q %q", in.ToClient, out.ToClient)
	}
	n := len(in.ToServer)
	if out.ToClientVec == nil {
		return n + len(out.ToClient)
	}
	for _, v := range out.ToClientVec {
		n += len(v)
	}
	return n
}

// BenchmarkRoundTrip is the engine's and the masker's share of a pgbench -S
// transaction (no I/O), beside a copy of the same bytes: the CPU per
// transaction a relay adds on top of its system calls (BENCHMARKS.md,
// "end to end": maskwire's proxy CPU per pgbench transaction).
func BenchmarkRoundTrip(b *testing.B) {
	p := newPgbenchSelect(b)
	b.Run("Memcpy", func(b *testing.B) {
		dst := make([]byte, 4096)
		b.SetBytes(int64(len(p.queries[0]) + len(p.response)))
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			copy(dst, p.queries[i%len(p.queries)])
			copy(dst[256:], p.response)
			i++
		}
	})
	for _, m := range []struct {
		name string
		mode masking.Mode
	}{{"Off", masking.ModeOff}, {"Default", masking.ModeEnforce}} {
		b.Run(m.name, func(b *testing.B) {
			s := session(b, newConfig(b, m.mode))
			p.roundTrip(b, s, 0) // warm up: the column's verdict is cached
			b.SetBytes(int64(len(p.queries[0]) + len(p.response)))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				p.roundTrip(b, s, i)
				i++
			}
		})
	}
}

// TestRoundTripRelaysEverything keeps BenchmarkRoundTrip honest: every byte
// of the query reaches the server and every byte of the answer the client.
func TestRoundTripRelaysEverything(t *testing.T) {
	p := newPgbenchSelect(t)
	for _, mode := range []masking.Mode{masking.ModeOff, masking.ModeEnforce} {
		s := session(t, newConfig(t, mode))
		for i := range 3 {
			if n, want := p.roundTrip(t, s, i), len(p.queries[i])+len(p.response); n != want {
				t.Fatalf("mode %v, round trip %d: %d bytes relayed, want %d", mode, i, n, want)
			}
		}
	}
}
