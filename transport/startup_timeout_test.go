package transport_test

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

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/maskwire/maskwire/internal/proxytest"
	"github.com/maskwire/maskwire/transport"
)

const testStartupTimeout = 600 * time.Millisecond

// TestStartupTimeout: a client that does not finish its startup within
// StartupTimeout is disconnected then, not earlier and not much later,
// whatever it sent; maskwire sends it nothing it did not ask for.
func TestStartupTimeout(t *testing.T) {
	p := proxytest.Start(t, func(c *transport.Config) { c.StartupTimeout = testStartupTimeout })

	sslRequest := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, 8), 80877103)
	// A StartupMessage header announcing 40 bytes, and 4 of them.
	half := append(binary.BigEndian.AppendUint32(nil, 40), 0, 3, 0, 0)
	for _, tc := range []struct {
		name string
		send []byte
		want string // what maskwire answers before closing
	}{
		{"sends nothing", nil, ""},
		{"half a startup packet", half, ""},
		{"SSLRequest then nothing", sslRequest, "N"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := net.DialTimeout("tcp", p.Addr, 5*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			start := time.Now()
			if len(tc.send) > 0 {
				if _, err := c.Write(tc.send); err != nil {
					t.Fatal(err)
				}
			}
			c.SetReadDeadline(time.Now().Add(testStartupTimeout + 5*time.Second))
			got, err := io.ReadAll(c)
			elapsed := time.Since(start)
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatalf("still open %v after connecting (startup timeout %v)", elapsed.Round(time.Millisecond), testStartupTimeout)
			}
			if string(got) != tc.want {
				t.Errorf("maskwire sent %q, want %q", got, tc.want)
			}
			if elapsed < testStartupTimeout-50*time.Millisecond || elapsed > testStartupTimeout+2*time.Second {
				t.Errorf("closed after %v, want about %v", elapsed.Round(time.Millisecond), testStartupTimeout)
			}
		})
	}

	// A client that completed its startup is not held to the deadline.
	t.Run("ready session outlives it", func(t *testing.T) {
		t.Parallel()
		conn, err := pgconn.Connect(upCtx(t, 10*time.Second), p.DSN())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(context.Background())
		time.Sleep(testStartupTimeout + 300*time.Millisecond)
		if _, err := conn.Exec(upCtx(t, 10*time.Second), "select 1").ReadAll(); err != nil {
			t.Fatalf("query after the startup timeout has passed: %v", err)
		}
	})
}

// TestStartupTimeoutSilentUpstream: an upstream that accepts the connection
// but never answers the StartupMessage ends the client's startup at
// StartupTimeout with FATAL 57014, as PostgreSQL's own
// authentication_timeout does.
func TestStartupTimeoutSilentUpstream(t *testing.T) {
	silent := silentListener(t)
	p, err := proxytest.StartDSN("postgres://postgres@"+silent.Addr().String()+"/postgres?sslmode=disable",
		func(c *transport.Config) { c.StartupTimeout = testStartupTimeout })
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	start := time.Now()
	_, err = pgconn.Connect(upCtx(t, 10*time.Second), p.DSN())
	elapsed := time.Since(start)
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "57014" || !strings.Contains(pe.Message, "timeout") || !strings.Contains(pe.Message, "upstream "+silent.Addr().String()+" did not answer") {
		t.Fatalf("after %v: %v, want FATAL 57014 ... timeout naming the silent upstream", elapsed.Round(time.Millisecond), err)
	}
	if elapsed < testStartupTimeout-50*time.Millisecond || elapsed > testStartupTimeout+2*time.Second {
		t.Errorf("error after %v, want about %v", elapsed.Round(time.Millisecond), testStartupTimeout)
	}
}

// TestStartupTimeoutSilentClient: an upstream that asks for a password the
// client never sends ends the startup at StartupTimeout with FATAL 57014
// that says the client did not answer (not the upstream).
func TestStartupTimeoutSilentClient(t *testing.T) {
	asks := fakeUpstream(t, func(c net.Conn) {
		var hdr [4]byte
		if _, err := io.ReadFull(c, hdr[:]); err != nil {
			return
		}
		io.CopyN(io.Discard, c, int64(binary.BigEndian.Uint32(hdr[:]))-4)
		c.Write([]byte{'R', 0, 0, 0, 8, 0, 0, 0, 3}) // AuthenticationCleartextPassword
		io.Copy(io.Discard, c)
	})
	p, err := proxytest.StartDSN("postgres://postgres@"+asks.Addr().String()+"/postgres?sslmode=disable",
		func(c *transport.Config) { c.StartupTimeout = testStartupTimeout })
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	c, err := net.DialTimeout("tcp", p.Addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	params := "user\x00postgres\x00database\x00postgres\x00\x00"
	msg := binary.BigEndian.AppendUint32(nil, uint32(8+len(params)))
	msg = binary.BigEndian.AppendUint32(msg, 3<<16)
	if _, err := c.Write(append(msg, params...)); err != nil {
		t.Fatal(err)
	}
	c.SetReadDeadline(time.Now().Add(testStartupTimeout + 5*time.Second))
	got, err := io.ReadAll(c) // the password request, then the error, then EOF
	if err != nil {
		t.Fatalf("read: %v (got %q)", err, got)
	}
	if !strings.HasPrefix(string(got), "R\x00\x00\x00\x08\x00\x00\x00\x03E") ||
		!strings.Contains(string(got), "C57014") || !strings.Contains(string(got), "the client did not answer the authentication request") {
		t.Fatalf("got %q, want the password request then FATAL 57014 saying the client did not answer", got)
	}
}

// silentListener accepts TCP connections on 127.0.0.1 and never writes to
// them.
func silentListener(t *testing.T) net.Listener {
	return fakeUpstream(t, func(c net.Conn) { io.Copy(io.Discard, c) })
}

// fakeUpstream listens on 127.0.0.1 and runs serve on each connection in
// its own goroutine; the listener and every connection are closed when the
// test ends.
func fakeUpstream(t *testing.T, serve func(net.Conn)) net.Listener {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	closed := false
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			if closed {
				mu.Unlock()
				c.Close()
				return
			}
			conns = append(conns, c)
			mu.Unlock()
			go serve(c)
		}
	}()
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		closed = true
		for _, c := range conns {
			c.Close()
		}
	})
	return l
}
