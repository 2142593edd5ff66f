package engine

import (
	"testing"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/maskwire/maskwire/codec"
)

// BenchmarkServerPath: the engine relaying a result set (8 columns, about 80
// bytes a row) in 256 KiB reads, against a memcpy of the same bytes.
func BenchmarkServerPath(b *testing.B) {
	var rows []byte
	for i := range 20000 {
		var start int
		rows, start = codec.BeginDataRow(rows, 8)
		for c := range 8 {
			rows = codec.AppendField(rows, []byte("value-"+string(rune('a'+c))+string(rune('0'+i%10))))
		}
		rows = codec.FinishMessage(rows, start)
	}
	rd, _ := (&pgproto3.RowDescription{Fields: make([]pgproto3.FieldDescription, 8)}).Encode(nil)
	tail, _ := (&pgproto3.CommandComplete{CommandTag: []byte("SELECT 20000")}).Encode(nil)
	tail, _ = (&pgproto3.ReadyForQuery{TxStatus: 'I'}).Encode(tail)
	q, _ := (&pgproto3.Query{String: "select"}).Encode(nil)
	const chunk = 256 << 10

	b.Run("Memcpy", func(b *testing.B) {
		dst := make([]byte, chunk)
		b.SetBytes(int64(len(rows)))
		b.ReportAllocs()
		for range b.N {
			for off := 0; off < len(rows); off += chunk {
				copy(dst, rows[off:min(off+chunk, len(rows))])
			}
		}
	})
	run := func(b *testing.B, cfg *Config) {
		s, _ := handshake(b, cfg, pgproto3.ProtocolVersion30, &pgproto3.AuthenticationOk{}, &pgproto3.ReadyForQuery{TxStatus: 'I'})
		b.SetBytes(int64(len(rows)))
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			s.FromClient(q)
			s.FromServer(rd)
			for off := 0; off < len(rows); off += chunk {
				s.FromServer(rows[off:min(off+chunk, len(rows))])
			}
			s.FromServer(tail)
		}
	}
	b.Run("Relay", func(b *testing.B) { run(b, &Config{Cancels: NewCancelRegistry()}) })
	b.Run("RelayWalkReencode", func(b *testing.B) {
		run(b, &Config{Cancels: NewCancelRegistry(), NewMasker: func(SessionInfo) Masker { return walker{} }})
	})
}

// walker re-encodes every row field by field: the cost floor of a masker.
type walker struct{}

func (walker) PlanResult(*Result) RowFilter { return walker{} }
func (walker) AppendRow(dst, raw, body []byte) ([]byte, error) {
	var r codec.DataRowReader
	r.Reset(body)
	dst, start := codec.BeginDataRow(dst, r.NumFields())
	for r.Next() {
		if r.IsNull() {
			dst = codec.AppendNull(dst)
		} else {
			dst = codec.AppendField(dst, r.Value())
		}
	}
	return codec.FinishMessage(dst, start), r.Err()
}
