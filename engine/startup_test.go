package engine

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/maskwire/maskwire/codec"
)

func untyped(code uint32, rest []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(rest)))
	b = binary.BigEndian.AppendUint32(b, code)
	return append(b, rest...)
}

func startupBytes(t testing.TB, version uint32, params map[string]string) []byte {
	t.Helper()
	b, err := (&pgproto3.StartupMessage{ProtocolVersion: version, Parameters: params}).Encode(nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decodeErrors(t *testing.T, b []byte) []*pgproto3.ErrorResponse {
	t.Helper()
	var out []*pgproto3.ErrorResponse
	d := codec.NewDecoder(0)
	d.Feed(b)
	for {
		f, err := d.Next()
		if err != nil {
			break
		}
		if f.Type == codec.ErrorResponse {
			e := &pgproto3.ErrorResponse{}
			if err := e.Decode(f.Body); err != nil {
				t.Fatal(err)
			}
			out = append(out, e)
		}
	}
	return out
}

func TestSSLAndGSSRequests(t *testing.T) {
	s := NewSession(&Config{Cancels: NewCancelRegistry()})
	out, _ := s.FromClient(untyped(codec.GSSENCRequestCode, nil))
	if string(out.ToClient) != "N" || out.Close {
		t.Fatalf("GSSENCRequest: %q", out.ToClient)
	}
	out, _ = s.FromClient(untyped(codec.SSLRequestCode, nil))
	if string(out.ToClient) != "N" || out.StartTLS {
		t.Fatalf("SSLRequest without TLS: %q %v", out.ToClient, out.StartTLS)
	}
	// The startup message may arrive split anywhere.
	msg := startupBytes(t, pgproto3.ProtocolVersion30, map[string]string{"user": "alice", "database": "db1"})
	out, _ = s.FromClient(msg[:3])
	if out.Connect != nil {
		t.Fatal("connected on a partial startup message")
	}
	out, _ = s.FromClient(msg[3:])
	if out.Connect == nil || out.Connect.User != "alice" || out.Connect.Database != "db1" || !bytes.Equal(out.ToServer, msg) {
		t.Fatalf("startup: %+v", out)
	}

	tlsS := NewSession(&Config{Cancels: NewCancelRegistry(), ClientTLS: true})
	out, _ = tlsS.FromClient(untyped(codec.SSLRequestCode, nil))
	if string(out.ToClient) != "S" || !out.StartTLS {
		t.Fatalf("SSLRequest with TLS: %q %v", out.ToClient, out.StartTLS)
	}
	// Bytes sent in the clear after SSLRequest, before the handshake: refused.
	clear := NewSession(&Config{Cancels: NewCancelRegistry(), ClientTLS: true})
	out, _ = clear.FromClient(append(untyped(codec.SSLRequestCode, nil), msg...))
	if out.StartTLS || !out.Close {
		t.Fatalf("plaintext after SSLRequest: %+v", out)
	}
}

func TestRequireClientTLS(t *testing.T) {
	// After the upgrade the startup message is accepted.
	up := NewSession(&Config{Cancels: NewCancelRegistry(), ClientTLS: true, RequireClientTLS: true})
	if out, _ := up.FromClient(untyped(codec.SSLRequestCode, nil)); !out.StartTLS {
		t.Fatal("no StartTLS")
	}
	if out, _ := up.FromClient(startupBytes(t, pgproto3.ProtocolVersion30, map[string]string{"user": "u"})); out.Connect == nil {
		t.Fatalf("startup over TLS refused: %q", out.ToClient)
	}

	s := NewSession(&Config{Cancels: NewCancelRegistry(), ClientTLS: true, RequireClientTLS: true})
	out, _ := s.FromClient(startupBytes(t, pgproto3.ProtocolVersion30, map[string]string{"user": "u"}))
	errs := decodeErrors(t, out.ToClient)
	if !out.Close || out.Connect != nil || len(errs) != 1 || errs[0].Code != "28000" {
		t.Fatalf("%+v %+v", out, errs)
	}
}

func TestReplicationRefusedWhileMasking(t *testing.T) {
	rec := &recorder{}
	s := NewSession(&Config{Cancels: NewCancelRegistry(), NewMasker: func(SessionInfo) Masker { return rec }})
	out, _ := s.FromClient(startupBytes(t, pgproto3.ProtocolVersion30, map[string]string{"user": "u", "replication": "database"}))
	if errs := decodeErrors(t, out.ToClient); !out.Close || out.Connect != nil || len(errs) != 1 || errs[0].Code != "0A000" {
		t.Fatalf("%+v", out)
	}
	// replication=false is an ordinary session; without a masker, replication is relayed.
	if out, _ := NewSession(&Config{Cancels: NewCancelRegistry(), NewMasker: func(SessionInfo) Masker { return rec }}).FromClient(
		startupBytes(t, pgproto3.ProtocolVersion30, map[string]string{"user": "u", "replication": "false"})); out.Connect == nil {
		t.Fatal("replication=false refused")
	}
	if out, _ := NewSession(&Config{Cancels: NewCancelRegistry()}).FromClient(
		startupBytes(t, pgproto3.ProtocolVersion30, map[string]string{"user": "u", "replication": "true"})); out.Connect == nil {
		t.Fatal("replication refused without a masker")
	}
}

func TestBadStartups(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		code string
	}{
		{"protocol 2", untyped(2<<16, []byte("user\x00u\x00\x00")), "0A000"},
		{"no user", startupBytes(t, pgproto3.ProtocolVersion30, map[string]string{"database": "x"}), "08P01"},
		{"unterminated", untyped(codec.ProtocolVersion30, []byte("user\x00u")), "08P01"},
		{"length below 8", []byte{0, 0, 0, 4, 0, 0, 0, 0}, "08P01"},
		{"length above 10000", binary.BigEndian.AppendUint32(nil, 1<<20), "08P01"},
	}
	for _, c := range cases {
		s := NewSession(&Config{Cancels: NewCancelRegistry()})
		out, _ := s.FromClient(c.in)
		errs := decodeErrors(t, out.ToClient)
		if !out.Close || out.Connect != nil || len(errs) != 1 || errs[0].Code != c.code {
			t.Errorf("%s: close=%v connect=%v errors=%+v", c.name, out.Close, out.Connect, errs)
		}
	}
}

// handshake runs a session through startup and a scripted server answer.
func handshake(t testing.TB, cfg *Config, version uint32, server ...pgproto3.BackendMessage) (*Session, []byte) {
	t.Helper()
	s := NewSession(cfg)
	if out, _ := s.FromClient(startupBytes(t, version, map[string]string{"user": "u"})); out.Connect == nil {
		t.Fatal("no connect")
	}
	var b []byte
	for _, m := range server {
		var err error
		if b, err = m.Encode(b); err != nil {
			t.Fatal(err)
		}
	}
	out, _ := s.FromServer(b)
	return s, append([]byte(nil), out.ToClient...)
}

func TestCancelKeysAreMapped(t *testing.T) {
	reg := NewCancelRegistry()
	upstream := &pgproto3.BackendKeyData{ProcessID: 4242, SecretKey: []byte{1, 2, 3, 4}}
	s, toClient := handshake(t, &Config{Cancels: reg}, pgproto3.ProtocolVersion30,
		&pgproto3.AuthenticationOk{}, upstream, &pgproto3.ReadyForQuery{TxStatus: 'I'})
	d := codec.NewDecoder(0)
	d.Feed(toClient)
	var given pgproto3.BackendKeyData
	for {
		f, err := d.Next()
		if err != nil {
			break
		}
		if f.Type == codec.BackendKeyDataMsg {
			if err := given.Decode(f.Body); err != nil {
				t.Fatal(err)
			}
		}
	}
	if given.ProcessID == 0 || given.ProcessID == 4242 || bytes.Equal(given.SecretKey, upstream.SecretKey) || len(given.SecretKey) != 4 {
		t.Fatalf("client was given %+v; it must not see the upstream key", given)
	}
	cancel := func(pid uint32, secret []byte) Output {
		c := NewSession(&Config{Cancels: reg})
		out, _ := c.FromClient(untyped(codec.CancelRequestCode, append(binary.BigEndian.AppendUint32(nil, pid), secret...)))
		return out
	}
	out := cancel(given.ProcessID, given.SecretKey)
	if out.Cancel == nil || out.Cancel.ProcessID != 4242 || !bytes.Equal(out.Cancel.Secret, upstream.SecretKey) || !out.Close || len(out.ToClient) != 0 {
		t.Fatalf("cancel with the right key: %+v", out)
	}
	wrong := append([]byte(nil), given.SecretKey...)
	wrong[0] ^= 1
	if out := cancel(given.ProcessID, wrong); out.Cancel != nil {
		t.Fatal("cancel with a wrong secret was forwarded")
	}
	s.Close()
	if out := cancel(given.ProcessID, given.SecretKey); out.Cancel != nil || reg.Len() != 0 {
		t.Fatal("key still valid after the session closed")
	}
}

// TestProtocol32Startup: a 3.2 client against a 3.0 upstream gets the
// upstream's NegotiateProtocolVersion and a 4-byte key; against a 3.2
// upstream, a 32-byte key.
func TestProtocol32Startup(t *testing.T) {
	reg := NewCancelRegistry()
	key := &pgproto3.BackendKeyData{ProcessID: 7, SecretKey: bytes.Repeat([]byte{9}, 32)}
	_, toClient := handshake(t, &Config{Cancels: reg}, codec.ProtocolVersion32,
		&pgproto3.NegotiateProtocolVersion{NewestMinorProtocol: 0}, &pgproto3.AuthenticationOk{},
		&pgproto3.BackendKeyData{ProcessID: 7, SecretKey: []byte{1, 2, 3, 4}}, &pgproto3.ReadyForQuery{TxStatus: 'I'})
	if n := keyLen(t, toClient); n != 4 {
		t.Fatalf("3.2 client, 3.0 upstream: key of %d bytes, want 4", n)
	}
	_, toClient = handshake(t, &Config{Cancels: reg}, codec.ProtocolVersion32,
		&pgproto3.AuthenticationOk{}, key, &pgproto3.ReadyForQuery{TxStatus: 'I'})
	if n := keyLen(t, toClient); n != 32 {
		t.Fatalf("3.2 client, 3.2 upstream: key of %d bytes, want 32", n)
	}
}

func keyLen(t *testing.T, b []byte) int {
	d := codec.NewDecoder(0)
	d.Feed(b)
	sawNegotiate := false
	for {
		f, err := d.Next()
		if err != nil {
			t.Fatal("no BackendKeyData")
		}
		if f.Type == codec.NegotiateProtocolVersion {
			sawNegotiate = true
		}
		if f.Type == codec.BackendKeyDataMsg {
			_ = sawNegotiate
			return len(f.Body) - 4
		}
	}
}

func TestMalformedFrames(t *testing.T) {
	// From the client, after startup: a message declaring length 2.
	s, _ := handshake(t, &Config{Cancels: NewCancelRegistry()}, pgproto3.ProtocolVersion30,
		&pgproto3.AuthenticationOk{}, &pgproto3.ReadyForQuery{TxStatus: 'I'})
	out, _ := s.FromClient([]byte{'Q', 0, 0, 0, 2})
	if errs := decodeErrors(t, out.ToClient); !out.Close || len(errs) != 1 || errs[0].Code != "08P01" || len(out.ToServer) != 0 {
		t.Fatalf("client frame of length 2: %+v", out)
	}
	// Over the configured maximum.
	s, _ = handshake(t, &Config{Cancels: NewCancelRegistry(), MaxMessageSize: 1024}, pgproto3.ProtocolVersion30,
		&pgproto3.AuthenticationOk{}, &pgproto3.ReadyForQuery{TxStatus: 'I'})
	out, _ = s.FromClient([]byte{'Q', 0, 0, 8, 0})
	if errs := decodeErrors(t, out.ToClient); !out.Close || len(errs) != 1 || errs[0].Code != "08P01" {
		t.Fatalf("client frame above max: %+v", out)
	}
	// From the server: a DataRow whose field overruns the row, with a masker.
	rec := &recorder{}
	s, _ = handshake(t, &Config{Cancels: NewCancelRegistry(), NewMasker: func(SessionInfo) Masker { return rec }}, pgproto3.ProtocolVersion30,
		&pgproto3.AuthenticationOk{}, &pgproto3.ReadyForQuery{TxStatus: 'I'})
	s.FromClient([]byte{'Q', 0, 0, 0, 13, 's', 'e', 'l', 'e', 'c', 't', ' ', '1', 0})
	rd, _ := (&pgproto3.RowDescription{Fields: []pgproto3.FieldDescription{{Name: []byte("a"), DataTypeOID: 25}}}).Encode(nil)
	bad := []byte{'D', 0, 0, 0, 10, 0, 1, 0, 0, 0, 99}
	out, _ = s.FromServer(append(rd, bad...))
	if errs := decodeErrors(t, out.ToClient); !out.Close || len(errs) != 1 || bytes.Contains(out.ToClient, bad) {
		t.Fatalf("malformed DataRow from server: %+v", out)
	}
	// Server frame length below 4.
	s, _ = handshake(t, &Config{Cancels: NewCancelRegistry()}, pgproto3.ProtocolVersion30, &pgproto3.AuthenticationOk{}, &pgproto3.ReadyForQuery{TxStatus: 'I'})
	out, _ = s.FromServer([]byte{'D', 0, 0, 0, 1})
	if errs := decodeErrors(t, out.ToClient); !out.Close || len(errs) != 1 || errs[0].Code != "08P01" {
		t.Fatalf("server frame of length 1: %+v", out)
	}
}

// TestQueryTextWhileQueued: the text of each queued Query reaches the masker
// intact, in order, when several are pipelined in one read, when a long one
// outgrows the buffer the texts share, and after the queue emptied and the
// buffer was reused.
func TestQueryTextWhileQueued(t *testing.T) {
	rec := &recorder{}
	cfg := &Config{Cancels: NewCancelRegistry(), NewMasker: func(SessionInfo) Masker { return rec }}
	s, _ := handshake(t, cfg, 3<<16, &pgproto3.AuthenticationOk{}, &pgproto3.ReadyForQuery{TxStatus: 'I'})
	answer := func() []byte {
		var b []byte
		b, _ = (&pgproto3.RowDescription{Fields: []pgproto3.FieldDescription{{Name: []byte("x"), DataTypeOID: 25}}}).Encode(b)
		b, _ = (&pgproto3.DataRow{Values: [][]byte{[]byte("v")}}).Encode(b)
		b, _ = (&pgproto3.CommandComplete{CommandTag: []byte("SELECT 1")}).Encode(b)
		b, _ = (&pgproto3.ReadyForQuery{TxStatus: 'I'}).Encode(b)
		return b
	}
	var want []string
	send := func(round, from, n int) {
		var in []byte
		for i := from; i < from+n; i++ {
			sql := fmt.Sprintf("select 'round %d query %d' -- %s", round, i, strings.Repeat("x", (i+1)*3000))
			want = append(want, sql)
			in, _ = (&pgproto3.Query{String: sql}).Encode(in)
		}
		if _, err := s.FromClient(in); err != nil {
			t.Fatal(err)
		}
	}
	for round, n := range []int{3, 1, 4} {
		send(round, 0, n)
		// One answer, then one more query while the rest are queued: it
		// must not take the bytes of a text still waiting for its answer.
		if _, err := s.FromServer(answer()); err != nil {
			t.Fatal(err)
		}
		send(round, n, 1)
		for range n {
			if _, err := s.FromServer(answer()); err != nil {
				t.Fatal(err)
			}
		}
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.sqls) != len(want) {
		t.Fatalf("masker saw %d result sets, want %d", len(rec.sqls), len(want))
	}
	for i := range want {
		if rec.sqls[i] != want[i] {
			t.Fatalf("result %d planned with SQL %.40q..., want %.40q...", i, rec.sqls[i], want[i])
		}
	}
}
