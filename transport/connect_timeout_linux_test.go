//go:build linux

package transport_test

import (
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/maskwire/maskwire/internal/proxytest"
	"github.com/maskwire/maskwire/transport"
)

const testConnectTimeout = 500 * time.Millisecond

// TestConnectTimeout: when the upstream does not answer within
// ConnectTimeout, the client gets FATAL 08001 naming the upstream then (not
// after the kernel's own connect timeout, minutes later), and maskwire goes
// on serving.
func TestConnectTimeout(t *testing.T) {
	for _, tc := range []struct {
		name string
		addr func(t *testing.T) string
		mode string
		want string
	}{
		// SYNs dropped: the TCP connect itself hangs.
		{"TCP connect never completes", blackhole, "disable", "timed out after " + testConnectTimeout.String()},
		// Connected, but the SSLRequest is never answered.
		{"SSLRequest never answered", func(t *testing.T) string { return silentListener(t).Addr().String() },
			"require", "no answer to SSLRequest within " + testConnectTimeout.String()},
		// 'S' to the SSLRequest, then silence: the TLS handshake stalls.
		{"TLS handshake never completes", stallAfterS, "require", "TLS handshake not done within " + testConnectTimeout.String()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := tc.addr(t)
			dsn := fmt.Sprintf("postgres://postgres@%s/postgres?sslmode=%s", addr, tc.mode)
			up, err := transport.ParseUpstream(dsn)
			if err != nil {
				t.Fatal(err)
			}
			p, err := proxytest.StartDSN("postgres://postgres@"+addr+"/postgres?sslmode=disable", func(c *transport.Config) {
				c.Upstream = up
				c.ConnectTimeout = testConnectTimeout
			})
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			for i := range 2 { // and again: the proxy still answers
				start := time.Now()
				_, err := pgconn.Connect(upCtx(t, 10*time.Second), p.DSN())
				elapsed := time.Since(start)
				var pe *pgconn.PgError
				if !errors.As(err, &pe) {
					t.Fatalf("attempt %d after %v: %v, want a FATAL ErrorResponse", i, elapsed.Round(time.Millisecond), err)
				}
				t.Logf("client sees after %v: %s %s: %s", elapsed.Round(time.Millisecond), pe.Severity, pe.Code, pe.Message)
				wantUpstreamError(t, pe, addr, tc.want)
				if elapsed < testConnectTimeout-50*time.Millisecond || elapsed > testConnectTimeout+2*time.Second {
					t.Errorf("error after %v, want about the connect timeout %v", elapsed.Round(time.Millisecond), testConnectTimeout)
				}
			}
			waitNoSessions(t, p.Server)
		})
	}
}

// blackhole returns the address of a listening socket whose accept queue is
// full and never drained: Linux drops further SYNs, so a connect to it hangs
// (as to a firewalled host) instead of being refused.
func blackhole(t *testing.T) string {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Listen(fd, 0); err != nil {
		t.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", sa.(*syscall.SockaddrInet4).Port)
	// Fill the accept queue until a connect hangs.
	for range 16 {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				return addr
			}
			t.Fatalf("filling the blackhole's accept queue: %v", err)
		}
		t.Cleanup(func() { c.Close() })
	}
	t.Fatal("blackhole: connects to a listener with a full accept queue still complete; cannot simulate an upstream that never answers")
	return ""
}

// stallAfterS returns the address of a server that answers 'S' to an
// SSLRequest and then sends nothing.
func stallAfterS(t *testing.T) string {
	return fakeUpstream(t, func(c net.Conn) {
		var req [8]byte
		if _, err := io.ReadFull(c, req[:]); err == nil {
			c.Write([]byte{'S'})
		}
		io.Copy(io.Discard, c)
	}).Addr().String()
}

// TestConnectTimeoutFromDSN: with no ConnectTimeout configured, the upstream
// DSN's connect_timeout bounds the dial (libpq's minimum of 2 s applies); a
// value that is not a number of seconds is refused when the DSN is read.
func TestConnectTimeoutFromDSN(t *testing.T) {
	addr := blackhole(t)
	up, err := transport.ParseUpstream(fmt.Sprintf("postgres://postgres@%s/postgres?sslmode=disable&connect_timeout=1", addr))
	if err != nil {
		t.Fatal(err)
	}
	if up.ConnectTimeout != 2*time.Second {
		t.Fatalf("connect_timeout=1 parsed as %v, want 2s (libpq's minimum)", up.ConnectTimeout)
	}
	p, err := proxytest.StartDSN("postgres://postgres@"+addr+"/postgres?sslmode=disable", func(c *transport.Config) {
		c.Upstream = up
		c.ConnectTimeout = 0
	})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	start := time.Now()
	_, err = pgconn.Connect(upCtx(t, 15*time.Second), p.DSN())
	elapsed := time.Since(start)
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		t.Fatalf("after %v: %v, want a FATAL ErrorResponse", elapsed.Round(time.Millisecond), err)
	}
	wantUpstreamError(t, pe, addr, "timed out after 2s")
	if elapsed < 1900*time.Millisecond || elapsed > 5*time.Second {
		t.Errorf("error after %v, want about the DSN's 2s", elapsed.Round(time.Millisecond))
	}
	if _, err := transport.ParseUpstream("host=h connect_timeout=soon"); err == nil {
		t.Error("connect_timeout=soon accepted")
	}
}
