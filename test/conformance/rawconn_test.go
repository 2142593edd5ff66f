package conformance

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgproto3"
)

// rawConn is a protocol-level client (pgproto3.Frontend over a socket) for
// the message sequences no driver exposes: row-limited Execute,
// FunctionCall, statements executed without Describe.
type rawConn struct {
	t   *testing.T
	nc  net.Conn
	fe  *pgproto3.Frontend
	app string
}

// dialRaw connects to addr and completes startup (trust, password or md5).
func (e *env) dialRaw(t *testing.T, addr, app string) *rawConn {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { nc.Close() })
	c := &rawConn{t: t, nc: nc, fe: pgproto3.NewFrontend(nc, nc), app: app}
	c.deadline()
	c.fe.Send(&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersionNumber, Parameters: map[string]string{
		"user": e.cfg.User, "database": e.cfg.Database, "application_name": app}})
	c.flush()
	for {
		msg, err := c.fe.Receive()
		if err != nil {
			t.Fatalf("startup via %s: %v", addr, err)
		}
		switch m := msg.(type) {
		case *pgproto3.AuthenticationOk, *pgproto3.ParameterStatus, *pgproto3.BackendKeyData:
		case *pgproto3.AuthenticationCleartextPassword:
			c.fe.Send(&pgproto3.PasswordMessage{Password: e.cfg.Password})
			c.flush()
		case *pgproto3.AuthenticationMD5Password:
			inner := md5.Sum([]byte(e.cfg.Password + e.cfg.User))
			outer := md5.Sum(append([]byte(hex.EncodeToString(inner[:])), m.Salt[:]...))
			c.fe.Send(&pgproto3.PasswordMessage{Password: "md5" + hex.EncodeToString(outer[:])})
			c.flush()
		case *pgproto3.ReadyForQuery:
			return c
		case *pgproto3.ErrorResponse:
			t.Fatalf("startup via %s: %s %s", addr, m.Code, m.Message)
		default:
			t.Fatalf("startup via %s: unexpected %T (the raw test client speaks trust, password and md5 only)", addr, msg)
		}
	}
}

func (c *rawConn) deadline() { c.nc.SetDeadline(time.Now().Add(20 * time.Second)) }

func (c *rawConn) flush() {
	c.t.Helper()
	if err := c.fe.Flush(); err != nil {
		c.t.Fatalf("send: %v", err)
	}
}

// send queues msgs and flushes them in one write.
func (c *rawConn) send(msgs ...pgproto3.FrontendMessage) {
	c.t.Helper()
	c.deadline()
	for _, m := range msgs {
		c.fe.Send(m)
	}
	c.flush()
}

// exchange sends msgs and reads until ReadyForQuery, returning each message
// as JSON (type and content) and the number of DataRows.
func (c *rawConn) exchange(msgs ...pgproto3.FrontendMessage) (trace []string, dataRows int) {
	c.t.Helper()
	c.send(msgs...)
	return c.readUntilReady()
}

func (c *rawConn) readUntilReady() (trace []string, dataRows int) {
	c.t.Helper()
	for {
		msg, err := c.fe.Receive()
		if err != nil {
			c.t.Fatalf("receive (after %d messages: %s): %v", len(trace), strings.Join(tail(trace, 3), " "), err)
		}
		trace = append(trace, describeMsg(msg))
		switch msg.(type) {
		case *pgproto3.DataRow:
			dataRows++
		case *pgproto3.ReadyForQuery:
			return trace, dataRows
		}
	}
}

func tail(s []string, n int) []string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// describeMsg renders a backend message as its type and JSON content; error
// positions in PostgreSQL's own source (file, line, routine) are kept, as the
// server is the same.
func describeMsg(msg pgproto3.BackendMessage) string {
	b, err := json.Marshal(msg)
	if err != nil {
		return fmt.Sprintf("%T(unmarshalable: %v)", msg, err)
	}
	return fmt.Sprintf("%T%s", msg, b)
}

// script is a sequence of round trips (each ends with a Sync or a Query).
type script [][]pgproto3.FrontendMessage

// compareRaw runs s directly and through maskwire on fresh raw connections
// and requires the same messages; it returns the proxied app name and the
// DataRows the proxied client got.
func (e *env) compareRaw(t *testing.T, name string, s script) (app string, rows int, trace []string) {
	t.Helper()
	app = appName(name)
	direct := e.dialRaw(t, e.directAddr(), appName(name+"_direct"))
	proxied := e.dialRaw(t, e.proxy, app)
	for i, step := range s {
		want, _ := direct.exchange(step...)
		got, n := proxied.exchange(step...)
		rows += n
		trace = append(trace, got...)
		if !reflect.DeepEqual(want, got) {
			t.Errorf("round trip %d differs\ndirect:\n  %s\nthrough maskwire:\n  %s", i,
				strings.Join(want, "\n  "), strings.Join(got, "\n  "))
		}
	}
	return app, rows, trace
}

// msgTypes is the trace reduced to message type names.
func msgTypes(trace []string) string {
	var out []string
	for _, m := range trace {
		out = append(out, strings.TrimPrefix(m[:strings.IndexByte(m, '{')], "*pgproto3."))
	}
	return strings.Join(out, " ")
}
