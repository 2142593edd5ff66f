package conformance

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	P "github.com/jackc/pgx/v5/pgproto3"

	"github.com/maskwire/maskwire/codec"
	"github.com/maskwire/maskwire/engine"
)

// TestUpstreamKilledMidStream: the proxied backend is terminated from a
// direct connection while a big SELECT streams; the client gets an error
// (PostgreSQL's FATAL, or maskwire's), not a hang, and maskwire goes on.
func TestUpstreamKilledMidStream(t *testing.T) {
	e := newEnv(t)
	admin := e.admin(t)
	app := appName("killed")
	c := connectPgx(t, e.proxyDSN(app), pgx.QueryExecModeCacheStatement)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	rows, err := c.Query(ctx, "select g, repeat('x', 200) from generate_series(1, 5000000) g")
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Fatalf("no first row: %v", rows.Err())
	}
	pid := waitBackendRunning(t, admin, app, "generate_series", 5*time.Second)
	var ok bool
	if err := admin.QueryRow(ctxT(t, 5*time.Second), "select pg_terminate_backend($1)", pid).Scan(&ok); err != nil || !ok {
		t.Fatalf("pg_terminate_backend(%d): %v %v", pid, ok, err)
	}
	start := time.Now()
	n := 1
	for rows.Next() {
		n++
	}
	err = rows.Err()
	t.Logf("client read %d rows, then after %v: %v", n, time.Since(start), err)
	switch {
	case err == nil:
		t.Errorf("the stream ended without an error after %d rows: a killed upstream looked like a complete result", n)
	case errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 10*time.Second:
		t.Errorf("the client hung until its own deadline: %v", err)
	case n >= 5000000:
		t.Errorf("all rows arrived: the backend was not killed mid-stream")
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code != "57P01" && pgErr.Code != "08006" {
		t.Errorf("error %s %s, want 57P01 (from PostgreSQL) or 08006 (from maskwire)", pgErr.Code, pgErr.Message)
	}
	// maskwire still serves new sessions.
	c2 := connectPgx(t, e.proxyDSN(appName("afterkill")), pgx.QueryExecModeCacheStatement)
	if _, _, err := queryAll(t, c2, "select 1"); err != nil {
		t.Errorf("a new session after the kill: %v", err)
	}
}

// TestClientGoneMidStream: the client closes its socket while a 1M-row
// result streams; the upstream backend must be gone within ~2s.
func TestClientGoneMidStream(t *testing.T) {
	e := newEnv(t)
	admin := e.admin(t)
	app := appName("gone")
	c := e.dialRaw(t, e.proxy, app)
	c.send(&P.Query{String: "select g, repeat(md5(g::text), 30) from generate_series(1, 1000000) g"})
	for got := 0; got < 100; {
		msg, err := c.fe.Receive()
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := msg.(*P.DataRow); ok {
			got++
		}
	}
	if activeBackends(t, admin, app) != 1 {
		t.Fatalf("the proxied backend is not running")
	}
	c.nc.Close()
	start := time.Now()
	waitNoBackends(t, admin, app, 2*time.Second)
	t.Logf("upstream backend gone %v after the client closed", time.Since(start))
}

// TestMalformedClientFrames: after startup, a message whose length word is
// impossible (2) or above maskwire's maximum makes maskwire answer 08P01 at
// once (PostgreSQL itself would wait for a message just under 1 GB), and
// maskwire keeps serving the other sessions.
func TestMalformedClientFrames(t *testing.T) {
	e := newEnv(t)
	bystander := connectPgx(t, e.proxyDSN(appName("bystander")), pgx.QueryExecModeCacheStatement)
	cases := map[string][]byte{
		"length-2":        {'Q', 0, 0, 0, 2},
		"length-over-max": binary.BigEndian.AppendUint32([]byte{'Q'}, uint32(codec.DefaultMaxMessageSize+1)),
		"negative-length": {'P', 0xff, 0xff, 0xff, 0xf0},
	}
	for _, name := range []string{"length-2", "length-over-max", "negative-length"} {
		t.Run(name, func(t *testing.T) {
			c := e.dialRaw(t, e.proxy, appName("malformed"))
			c.nc.SetDeadline(time.Now().Add(5 * time.Second))
			if _, err := c.nc.Write(cases[name]); err != nil {
				t.Fatal(err)
			}
			code, msg := readErrorThenEOF(t, c)
			if code != "08P01" {
				t.Errorf("client got %q %q, want an ErrorResponse with SQLSTATE 08P01", code, msg)
			}
			if _, _, err := queryAll(t, bystander, "select 1"); err != nil {
				t.Errorf("another session broke: %v", err)
			}
		})
	}
	c := connectPgx(t, e.proxyDSN(appName("aftermalformed")), pgx.QueryExecModeCacheStatement)
	if _, _, err := queryAll(t, c, "select 1"); err != nil {
		t.Errorf("a new session after malformed frames: %v", err)
	}
}

// readErrorThenEOF reads until the connection ends, returning the SQLSTATE
// and message of the ErrorResponse seen (if any).
func readErrorThenEOF(t *testing.T, c *rawConn) (code, msg string) {
	t.Helper()
	start := time.Now()
	for {
		m, err := c.fe.Receive()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Errorf("no answer and no close %v after the malformed frame", time.Since(start))
			}
			return code, msg
		}
		if er, ok := m.(*P.ErrorResponse); ok {
			code, msg = er.Code, er.Message
		}
	}
}

// fakeUpstream is a scripted PostgreSQL peer for what a real server will not
// produce on demand. It completes startup (trust) for every connection;
// sessions whose application_name starts with "bad" answer their first
// Query with a RowDescription and then frame.
func fakeUpstream(t *testing.T, frame []byte) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			nc, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer nc.Close()
				nc.SetDeadline(time.Now().Add(30 * time.Second))
				serveFake(nc, frame)
			}()
		}
	}()
	return ln.Addr().String()
}

func serveFake(nc net.Conn, frame []byte) {
	be := P.NewBackend(nc, nc)
	var app string
	for {
		m, err := be.ReceiveStartupMessage()
		if err != nil {
			return
		}
		switch sm := m.(type) {
		case *P.SSLRequest, *P.GSSEncRequest:
			nc.Write([]byte{'N'})
			continue
		case *P.StartupMessage:
			app = sm.Parameters["application_name"]
		default:
			return
		}
		break
	}
	be.Send(&P.AuthenticationOk{})
	for _, kv := range [][2]string{{"server_version", "15.20"}, {"server_encoding", "UTF8"}, {"client_encoding", "UTF8"},
		{"DateStyle", "ISO, MDY"}, {"integer_datetimes", "on"}, {"standard_conforming_strings", "on"}, {"TimeZone", "UTC"}} {
		be.Send(&P.ParameterStatus{Name: kv[0], Value: kv[1]})
	}
	be.Send(&P.BackendKeyData{ProcessID: 4242, SecretKey: []byte{1, 2, 3, 4}})
	be.Send(&P.ReadyForQuery{TxStatus: 'I'})
	if be.Flush() != nil {
		return
	}
	rd := &P.RowDescription{Fields: []P.FieldDescription{{Name: []byte("v"), DataTypeOID: 23, DataTypeSize: 4, TypeModifier: -1}}}
	for {
		m, err := be.Receive()
		if err != nil {
			return
		}
		switch m.(type) {
		case *P.Query:
			be.Send(rd)
			if strings.HasPrefix(app, "bad") {
				be.Flush()
				nc.Write(frame)
				io.Copy(io.Discard, nc) // hold the connection until maskwire drops it
				return
			}
			be.Send(&P.DataRow{Values: [][]byte{[]byte("1")}})
			be.Send(&P.CommandComplete{CommandTag: []byte("SELECT 1")})
			be.Send(&P.ReadyForQuery{TxStatus: 'I'})
			if be.Flush() != nil {
				return
			}
		case *P.Terminate:
			return
		default:
			be.Send(&P.ErrorResponse{Severity: "ERROR", Code: "0A000", Message: "the fake upstream speaks simple Query only"})
			be.Send(&P.ReadyForQuery{TxStatus: 'I'})
			be.Flush()
		}
	}
}

// TestMalformedServerFrames: a fake upstream answers a Query with a DataRow
// whose frame is malformed; the client gets an error (08P01 for a bad
// length) instead of garbage or a hang, and maskwire keeps serving.
func TestMalformedServerFrames(t *testing.T) {
	cases := []struct {
		name  string
		frame []byte
		code  string // required SQLSTATE ("" = any error)
	}{
		{"datarow-length-2", []byte{'D', 0, 0, 0, 2}, "08P01"},
		{"datarow-length-over-max", binary.BigEndian.AppendUint32([]byte{'D'}, uint32(codec.DefaultMaxMessageSize+1)), "08P01"},
		{"datarow-field-past-end", []byte{'D', 0, 0, 0, 11, 0, 1, 0, 0, 0, 100, 'x'}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			up := fakeUpstream(t, tc.frame)
			rec := newRecorder()
			addr := startProxy(t, "postgres://postgres@"+up+"/test?sslmode=disable",
				&engine.Config{Cancels: engine.NewCancelRegistry(), NewMasker: rec.NewMasker})
			dsn := func(app string) string {
				return "postgres://postgres@" + addr + "/test?sslmode=disable&application_name=" + app
			}
			good := connectPgx(t, dsn("good_before"), pgx.QueryExecModeSimpleProtocol)
			bad := connectPgx(t, dsn("bad"), pgx.QueryExecModeSimpleProtocol)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			start := time.Now()
			_, _, err := queryAllCtx(ctx, bad, "select v from fake")
			t.Logf("client error after %v: %v", time.Since(start), err)
			if err == nil {
				t.Fatalf("the client got no error for a malformed DataRow")
			}
			if errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("the client hung until its deadline")
			}
			var pgErr *pgconn.PgError
			if tc.code != "" && (!errors.As(err, &pgErr) || pgErr.Code != tc.code) {
				t.Errorf("client error %v, want SQLSTATE %s", err, tc.code)
			}
			for _, c := range []*pgx.Conn{good, connectPgx(t, dsn("good_after"), pgx.QueryExecModeSimpleProtocol)} {
				var v int
				if err := c.QueryRow(ctxT(t, 5*time.Second), "select v from fake").Scan(&v); err != nil || v != 1 {
					t.Errorf("another session through the same maskwire: %d, %v", v, err)
				}
			}
		})
	}
}

func queryAllCtx(ctx context.Context, c *pgx.Conn, sql string) ([][]any, string, error) {
	rows, err := c.Query(ctx, sql)
	if err != nil {
		return nil, "", err
	}
	var out [][]any
	for rows.Next() {
		v, _ := rows.Values()
		out = append(out, v)
	}
	rows.Close()
	return out, rows.CommandTag().String(), rows.Err()
}
