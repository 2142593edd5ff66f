package bench

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/maskwire/maskwire/codec"
	"github.com/maskwire/maskwire/engine"
)

// stream is one recorded server answer to a simple query: RowDescription,
// rows, CommandComplete, ReadyForQuery; fed to a session in chunks of the
// transport's read size.
type stream struct {
	head  []byte // RowDescription
	rows  []byte // DataRows
	tail  []byte // CommandComplete + ReadyForQuery
	nrows int
}

const chunk = 256 << 10

type column struct {
	name    string
	typeOID uint32
	table   uint32
	attnum  int16
}

func buildStream(tb testing.TB, cols []column, nrows int, value func(row, col int) string) *stream {
	tb.Helper()
	rd := &pgproto3.RowDescription{}
	for _, c := range cols {
		rd.Fields = append(rd.Fields, pgproto3.FieldDescription{Name: []byte(c.name), TableOID: c.table,
			TableAttributeNumber: uint16(c.attnum), DataTypeOID: c.typeOID, DataTypeSize: -1, TypeModifier: -1})
	}
	s := &stream{nrows: nrows}
	s.head, _ = rd.Encode(nil)
	for r := range nrows {
		var start int
		s.rows, start = codec.BeginDataRow(s.rows, len(cols))
		for c := range cols {
			s.rows = codec.AppendField(s.rows, []byte(value(r, c)))
		}
		s.rows = codec.FinishMessage(s.rows, start)
	}
	s.tail, _ = (&pgproto3.CommandComplete{CommandTag: []byte("SELECT " + strconv.Itoa(nrows))}).Encode(nil)
	s.tail, _ = (&pgproto3.ReadyForQuery{TxStatus: 'I'}).Encode(s.tail)
	return s
}

// session returns a session past startup, ready for queries.
func session(tb testing.TB, cfg *engine.Config) *engine.Session {
	tb.Helper()
	s := engine.NewSession(cfg)
	startup, _ := (&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersion30,
		Parameters: map[string]string{"user": "bench", "database": "bench"}}).Encode(nil)
	if out, _ := s.FromClient(startup); out.Connect == nil {
		tb.Fatal("startup did not connect")
	}
	auth, _ := (&pgproto3.AuthenticationOk{}).Encode(nil)
	auth, _ = (&pgproto3.ReadyForQuery{TxStatus: 'I'}).Encode(auth)
	s.FromServer(auth)
	return s
}

var query, _ = (&pgproto3.Query{String: "select * from customers"}).Encode(nil)

// run feeds one whole result through the session and returns the bytes the
// client would receive.
func (st *stream) run(tb testing.TB, s *engine.Session) int {
	s.FromClient(query)
	out, _ := s.FromServer(st.head)
	n := len(out.ToClient)
	for off := 0; off < len(st.rows); off += chunk {
		end := min(off+chunk, len(st.rows))
		out, _ = s.FromServer(st.rows[off:end])
		if out.Close {
			tb.Fatalf("session closed: %q", out.ToClient)
		}
		if out.ToClientVec != nil {
			for _, p := range out.ToClientVec {
				n += len(p)
			}
		} else {
			n += len(out.ToClient)
		}
	}
	out, _ = s.FromServer(st.tail)
	return n + len(out.ToClient)
}

func (st *stream) bytes() int64 { return int64(len(st.head) + len(st.rows) + len(st.tail)) }

func reportRows(b *testing.B, rows int) {
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

var _ = fmt.Sprint
