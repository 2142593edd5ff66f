package engine

import (
	"testing"

	"github.com/jackc/pgx/v5/pgproto3"
)

// FuzzSession feeds arbitrary bytes to both directions of a session that is
// past startup, split at an arbitrary point, with and without a masker. The
// engine must never panic, and a session that reports Close stays closed to
// further input being relayed as rows.
func FuzzSession(f *testing.F) {
	enc := func(msgs ...pgproto3.Message) []byte {
		var b []byte
		for _, m := range msgs {
			b, _ = m.Encode(b)
		}
		return b
	}
	rd := enc(&pgproto3.RowDescription{Fields: []pgproto3.FieldDescription{{Name: []byte("a"), DataTypeOID: 25}}})
	f.Add(enc(&pgproto3.Query{String: "select 1"}), append(rd, 'D', 0, 0, 0, 11, 0, 1, 0, 0, 0, 1, '1'), 3, true)
	f.Add(enc(&pgproto3.Parse{Name: "s"}, &pgproto3.Bind{PreparedStatement: "s"}, &pgproto3.Execute{}, &pgproto3.Sync{}),
		enc(&pgproto3.ParseComplete{}, &pgproto3.BindComplete{}, &pgproto3.RowDescription{}, &pgproto3.DataRow{Values: [][]byte{nil}}, &pgproto3.ReadyForQuery{TxStatus: 'I'}), 7, true)
	f.Add([]byte{'Q', 0, 0, 0, 2}, []byte{'D', 0xff, 0xff, 0xff, 0xfe}, 1, false)
	f.Add([]byte{'B', 0, 0, 0, 6, 0, 0}, []byte{'T', 0, 0, 0, 6, 0, 9}, 2, true)
	f.Add([]byte{}, []byte{'D', 0, 0, 0, 6, 0, 1, 'H', 0, 0, 0, 7, 1, 0, 5}, 0, true)
	f.Fuzz(func(t *testing.T, client, server []byte, split int, withMasker bool) {
		cfg := &Config{Cancels: NewCancelRegistry(), MaxMessageSize: 1 << 16}
		if withMasker {
			rec := &recorder{}
			cfg.NewMasker = func(SessionInfo) Masker { return rec }
		}
		s, _ := handshake(t, cfg, pgproto3.ProtocolVersion30, &pgproto3.AuthenticationOk{}, &pgproto3.ReadyForQuery{TxStatus: 'I'})
		if split < 0 {
			split = -split
		}
		cs, ss := split%(len(client)+1), split%(len(server)+1)
		s.FromClient(client[:cs])
		s.FromServer(server[:ss])
		s.FromClient(client[cs:])
		s.FromServer(server[ss:])
		s.Busy()
		s.Close()
	})
}
