package transport_test

import (
	"context"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/maskwire/maskwire/internal/pgcluster"
	"github.com/maskwire/maskwire/internal/proxytest"
	"github.com/maskwire/maskwire/transport"
)

// upCtx is a context that ends after d or with the test.
func upCtx(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// upstreamSSL asks the backend serving conn whether its connection (the
// proxy's upstream connection, when conn goes through maskwire) is TLS.
func upstreamSSL(t *testing.T, conn *pgconn.PgConn) string {
	t.Helper()
	res, err := conn.Exec(upCtx(t, 10*time.Second),
		"select ssl from pg_stat_ssl where pid = pg_backend_pid()").ReadAll()
	if err != nil {
		t.Fatalf("pg_stat_ssl: %v", err)
	}
	if len(res) != 1 || len(res[0].Rows) != 1 {
		t.Fatalf("pg_stat_ssl: %d results, want one row", len(res))
	}
	return string(res[0].Rows[0][0])
}

// tlsProxy starts a maskwire whose upstream is exactly dsn as `maskwire
// serve --upstream` would read it (transport.ParseUpstream), with clients
// connecting in plaintext. It is closed when the test ends.
func tlsProxy(t *testing.T, dsn string, configure ...func(*transport.Config)) *proxytest.Proxy {
	t.Helper()
	up, err := transport.ParseUpstream(dsn)
	if err != nil {
		t.Fatalf("ParseUpstream(%s): %v", dsn, err)
	}
	conf := append([]func(*transport.Config){func(c *transport.Config) {
		c.Upstream = up
		c.ConnectTimeout = 5 * time.Second
	}}, configure...)
	// proxytest reads user and database from the DSN for Proxy.DSN; give
	// it the same DSN without the TLS parameters it does not need.
	plain := withQuery(dsn, "sslmode=disable")
	p, err := proxytest.StartDSN(plain, conf...)
	if err != nil {
		t.Fatalf("start proxy: %v", err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// withQuery replaces the query of a URL DSN.
func withQuery(dsn, query string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		panic(err)
	}
	u.RawQuery = query
	return u.String()
}

// tlsClusters are the two disposable servers of TestUpstreamTLS: ssl on
// with pg_hba.conf refusing plaintext TCP, and ssl off.
type tlsClusters struct {
	ssl, plain *pgcluster.Cluster
}

func startTLSClusters(t *testing.T) tlsClusters {
	t.Helper()
	binDir, err := pgcluster.FindBinDir()
	if err != nil {
		t.Fatalf("upstream TLS tests need the PostgreSQL server binaries (initdb, pg_ctl) to start an ssl=on cluster: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var cs tlsClusters
	var sslErr, plainErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		cs.ssl, sslErr = pgcluster.Start(ctx, pgcluster.Options{BinDir: binDir, SSL: true, HBA: pgcluster.HBASSLOnly})
	})
	wg.Go(func() {
		cs.plain, plainErr = pgcluster.Start(ctx, pgcluster.Options{BinDir: binDir, Settings: map[string]string{"ssl": "off"}})
	})
	wg.Wait()
	t.Cleanup(func() {
		for _, c := range []*pgcluster.Cluster{cs.ssl, cs.plain} {
			if err := c.Stop(); err != nil {
				t.Errorf("stop cluster: %v", err)
			}
		}
	})
	if sslErr != nil {
		t.Fatalf("start an ssl=on cluster: %v", sslErr)
	}
	if plainErr != nil {
		t.Fatalf("start an ssl=off cluster: %v", plainErr)
	}
	return cs
}

// dsnFor is a URL DSN for user postgres, database postgres at host:port of
// c with the given query.
func dsnFor(c *pgcluster.Cluster, host, query string) string {
	return fmt.Sprintf("postgres://postgres@%s:%d/postgres?%s", host, c.Port, query)
}

// connectErr connects through p and returns the error, which must be a
// PostgreSQL ErrorResponse.
func connectErr(t *testing.T, p *proxytest.Proxy) *pgconn.PgError {
	t.Helper()
	start := time.Now()
	conn, err := pgconn.Connect(upCtx(t, 15*time.Second), p.DSN())
	if err == nil {
		conn.Close(context.Background())
		t.Fatal("connected through maskwire; want an error")
	}
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		t.Fatalf("error after %v is not a PostgreSQL ErrorResponse: %v", time.Since(start).Round(time.Millisecond), err)
	}
	return pe
}

// wantUpstreamError checks a failure to reach or secure the upstream: a
// FATAL 08001 or 08006 whose message names the upstream and contains each
// of wants.
func wantUpstreamError(t *testing.T, pe *pgconn.PgError, upstreamAddr string, wants ...string) {
	t.Helper()
	if pe.Severity != "FATAL" || (pe.Code != "08001" && pe.Code != "08006") {
		t.Errorf("got %s %s %q, want FATAL 08001 or 08006", pe.Severity, pe.Code, pe.Message)
	}
	if !strings.Contains(pe.Message, upstreamAddr) {
		t.Errorf("message %q does not name the upstream %s", pe.Message, upstreamAddr)
	}
	for _, w := range wants {
		if !strings.Contains(pe.Message, w) {
			t.Errorf("message %q does not say %q", pe.Message, w)
		}
	}
}

// TestUpstreamTLS runs maskwire against two real disposable PostgreSQL
// servers, one with ssl=on whose pg_hba.conf rejects plaintext TCP
// (hostnossl reject) and one with ssl=off, for each upstream sslmode.
// Clients connect to maskwire in plaintext, so pg_stat_ssl reports on
// maskwire's own connection to the upstream.
func TestUpstreamTLS(t *testing.T) {
	cs := startTLSClusters(t)
	sslAddr := cs.ssl.Addr()

	// The ground truth the other cases rest on: straight to the ssl=on
	// server, plaintext is refused by pg_hba.conf and verify-full works.
	t.Run("ssl server refuses plaintext", func(t *testing.T) {
		_, err := pgconn.Connect(upCtx(t, 10*time.Second), dsnFor(cs.ssl, "127.0.0.1", "sslmode=disable"))
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "28000" || !strings.Contains(pe.Message, "no encryption") {
			t.Fatalf("direct plaintext connection to the ssl=on server: %v, want 28000 ... no encryption", err)
		}
		conn, err := pgconn.Connect(upCtx(t, 10*time.Second), cs.ssl.DSN("postgres"))
		if err != nil {
			t.Fatalf("direct verify-full connection: %v", err)
		}
		defer conn.Close(context.Background())
		if got := upstreamSSL(t, conn); got != "t" {
			t.Fatalf("direct verify-full connection: pg_stat_ssl.ssl = %s", got)
		}
	})

	t.Run("disable to ssl=off server", func(t *testing.T) {
		p := tlsProxy(t, dsnFor(cs.plain, "127.0.0.1", "sslmode=disable"))
		conn, err := pgconn.Connect(upCtx(t, 10*time.Second), p.DSN())
		if err != nil {
			t.Fatalf("sslmode=disable through maskwire: %v", err)
		}
		defer conn.Close(context.Background())
		if got := upstreamSSL(t, conn); got != "f" {
			t.Fatalf("pg_stat_ssl.ssl = %s, want f", got)
		}
	})

	// maskwire really connects in plaintext with disable: the ssl=on
	// server's pg_hba.conf refusal reaches the client as is.
	t.Run("disable to ssl-only server is refused by pg_hba", func(t *testing.T) {
		p := tlsProxy(t, dsnFor(cs.ssl, "127.0.0.1", "sslmode=disable"))
		pe := connectErr(t, p)
		if pe.Code != "28000" || !strings.Contains(pe.Message, "no encryption") {
			t.Fatalf("got %s %q, want the server's 28000 ... no encryption", pe.Code, pe.Message)
		}
	})

	t.Run("require", func(t *testing.T) {
		p := tlsProxy(t, dsnFor(cs.ssl, "127.0.0.1", "sslmode=require"))
		conn, err := pgconn.Connect(upCtx(t, 10*time.Second), p.DSN())
		if err != nil {
			t.Fatalf("sslmode=require through maskwire: %v", err)
		}
		defer conn.Close(context.Background())
		if _, ok := conn.Conn().(*tls.Conn); ok {
			t.Fatal("the client leg is TLS; this test needs it plaintext")
		}
		if got := upstreamSSL(t, conn); got != "t" {
			t.Fatalf("pg_stat_ssl.ssl = %s, want t", got)
		}
		// A CancelRequest reaches the backend: maskwire sends it on a new
		// upstream connection, TLS too (SSLRequest, handshake, then the
		// request inside TLS).
		done := make(chan error, 1)
		go func() {
			_, err := conn.Exec(upCtx(t, 30*time.Second), "select pg_sleep(30)").ReadAll()
			done <- err
		}()
		time.Sleep(300 * time.Millisecond)
		if err := conn.CancelRequest(upCtx(t, 10*time.Second)); err != nil {
			t.Fatalf("CancelRequest through maskwire: %v", err)
		}
		select {
		case err := <-done:
			var pe *pgconn.PgError
			if !errors.As(err, &pe) || pe.Code != "57014" {
				t.Fatalf("cancelled query: %v, want 57014", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("query still running 10 s after its CancelRequest")
		}
	})

	// A server that says 'S' to SSLRequest and then cannot do TLS (a
	// broken middlebox; PostgreSQL itself will not do this on demand, so a
	// small front stands in for that step and relays plaintext sessions to
	// the ssl=off cluster): prefer goes on in plaintext, as libpq does;
	// require fails with the handshake's error.
	t.Run("prefer after a failed handshake", func(t *testing.T) {
		front := brokenTLSFront(t, cs.plain.Addr())
		dsn := func(mode string) string {
			return fmt.Sprintf("postgres://postgres@%s/postgres?sslmode=%s", front, mode)
		}
		p := tlsProxy(t, dsn("prefer"))
		conn, err := pgconn.Connect(upCtx(t, 10*time.Second), p.DSN())
		if err != nil {
			t.Fatalf("sslmode=prefer to a server whose TLS fails: %v", err)
		}
		if got := upstreamSSL(t, conn); got != "f" {
			t.Errorf("pg_stat_ssl.ssl = %s, want f", got)
		}
		conn.Close(context.Background())
		pe := connectErr(t, tlsProxy(t, dsn("require")))
		wantUpstreamError(t, pe, front, "sslmode=require", "TLS handshake")
		t.Logf("client sees: %s %s: %s", pe.Severity, pe.Code, pe.Message)
	})

	t.Run("prefer", func(t *testing.T) {
		for _, tc := range []struct {
			c    *pgcluster.Cluster
			want string
		}{{cs.ssl, "t"}, {cs.plain, "f"}} {
			p := tlsProxy(t, dsnFor(tc.c, "127.0.0.1", "sslmode=prefer"))
			conn, err := pgconn.Connect(upCtx(t, 10*time.Second), p.DSN())
			if err != nil {
				t.Fatalf("sslmode=prefer to %s: %v", tc.c.Addr(), err)
			}
			if got := upstreamSSL(t, conn); got != tc.want {
				t.Errorf("sslmode=prefer to %s: pg_stat_ssl.ssl = %s, want %s", tc.c.Addr(), got, tc.want)
			}
			conn.Close(context.Background())
		}
	})

	t.Run("verify-full", func(t *testing.T) {
		ca := url.QueryEscape(cs.ssl.CAFile)
		wantTLSUpstream(t,
			dsnFor(cs.ssl, "127.0.0.1", "sslmode=verify-full&sslrootcert="+ca),                         // IP SAN
			dsnFor(cs.ssl, "localhost", "sslmode=verify-full&sslrootcert="+ca),                         // DNS SAN
			dsnFor(cs.ssl, "127.0.0.1", "sslmode=verify-full&sslservername=localhost&sslrootcert="+ca), // override
		)
	})

	// verify-ca checks the chain but not the name: a server name the
	// certificate does not hold is accepted, a foreign CA is not. require
	// with sslrootcert behaves as verify-ca (libpq's rule).
	t.Run("verify-ca and require with sslrootcert", func(t *testing.T) {
		ca := url.QueryEscape(cs.ssl.CAFile)
		wantTLSUpstream(t,
			dsnFor(cs.ssl, "127.0.0.1", "sslmode=verify-ca&sslrootcert="+ca),
			dsnFor(cs.ssl, "127.0.0.1", "sslmode=verify-ca&sslservername=db.example.com&sslrootcert="+ca),
			dsnFor(cs.ssl, "127.0.0.1", "sslmode=require&sslservername=db.example.com&sslrootcert="+ca),
		)
		otherFile := foreignCAFile(t)
		for _, mode := range []string{"verify-ca", "require"} {
			p := tlsProxy(t, dsnFor(cs.ssl, "127.0.0.1", "sslmode="+mode+"&sslrootcert="+url.QueryEscape(otherFile)))
			pe := connectErr(t, p)
			wantUpstreamError(t, pe, sslAddr, "sslmode="+mode, "certificate could not be verified against sslrootcert", "unknown authority")
			t.Logf("client sees: %s %s: %s", pe.Severity, pe.Code, pe.Message)
			waitNoSessions(t, p.Server)
		}
		// require without a root certificate stays unverified, as in libpq.
		p := tlsProxy(t, dsnFor(cs.ssl, "127.0.0.1", "sslmode=require&sslservername=db.example.com"))
		conn, err := pgconn.Connect(upCtx(t, 10*time.Second), p.DSN())
		if err != nil {
			t.Fatalf("sslmode=require without sslrootcert: %v", err)
		}
		conn.Close(context.Background())
	})

	t.Run("verify-full with the wrong CA", func(t *testing.T) {
		otherFile := foreignCAFile(t)
		p := tlsProxy(t, dsnFor(cs.ssl, "127.0.0.1", "sslmode=verify-full&sslrootcert="+url.QueryEscape(otherFile)))
		// Several clients at once: each gets the error, none hangs, and
		// the proxy goes on accepting.
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() {
				pe := connectErr(t, p)
				wantUpstreamError(t, pe, sslAddr, "certificate could not be verified", "unknown authority")
			})
		}
		wg.Wait()
		pe := connectErr(t, p)
		wantUpstreamError(t, pe, sslAddr, "certificate could not be verified", "unknown authority")
		t.Logf("client sees: %s %s: %s", pe.Severity, pe.Code, pe.Message)
		waitNoSessions(t, p.Server)

		// What a person sees with psql.
		out, err := exec.CommandContext(upCtx(t, 10*time.Second), "psql", p.DSN(), "-c", "select 1").CombinedOutput()
		if err == nil || !strings.Contains(string(out), "certificate could not be verified") {
			t.Errorf("psql through maskwire with a wrong upstream CA: err %v, output %s", err, out)
		}
	})

	t.Run("verify-full with the wrong server name", func(t *testing.T) {
		p := tlsProxy(t, dsnFor(cs.ssl, "127.0.0.1",
			"sslmode=verify-full&sslservername=db.example.com&sslrootcert="+url.QueryEscape(cs.ssl.CAFile)))
		pe := connectErr(t, p)
		wantUpstreamError(t, pe, sslAddr, "certificate could not be verified", "db.example.com")
		t.Logf("client sees: %s %s: %s", pe.Severity, pe.Code, pe.Message)
		// The proxy still serves: the next client gets the same answer.
		wantUpstreamError(t, connectErr(t, p), sslAddr, "db.example.com")
		waitNoSessions(t, p.Server)
	})

	// The upstream's certificate is rotated to one maskwire does not trust:
	// new sessions fail verification with a clear error while the session
	// opened before goes on working; trusted again, new sessions work.
	t.Run("certificate rotated to an untrusted CA", func(t *testing.T) {
		p := tlsProxy(t, dsnFor(cs.ssl, "127.0.0.1", "sslmode=verify-full&sslrootcert="+url.QueryEscape(cs.ssl.CAFile)))
		before, err := pgconn.Connect(upCtx(t, 10*time.Second), p.DSN())
		if err != nil {
			t.Fatalf("verify-full through maskwire: %v", err)
		}
		defer before.Close(context.Background())

		other, err := pgcluster.NewCA("a CA maskwire does not trust")
		if err != nil {
			t.Fatal(err)
		}
		setServerCert(t, cs.ssl, other, false)
		defer setServerCert(t, cs.ssl, cs.ssl.CA, true)

		pe := connectErr(t, p)
		wantUpstreamError(t, pe, sslAddr, "certificate could not be verified", "unknown authority")
		if got := upstreamSSL(t, before); got != "t" {
			t.Fatalf("session opened before the rotation: pg_stat_ssl.ssl = %s", got)
		}
		// The failed session's teardown runs after its client got the
		// error: wait for it, then only the session from before is left.
		for deadline := time.Now().Add(2 * time.Second); p.Server.Sessions() > 1 && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
		if n := p.Server.Sessions(); n != 1 {
			t.Errorf("%d sessions, want the one opened before the rotation", n)
		}

		setServerCert(t, cs.ssl, cs.ssl.CA, true)
		after, err := pgconn.Connect(upCtx(t, 10*time.Second), p.DSN())
		if err != nil {
			t.Fatalf("verify-full through maskwire once the certificate is trusted again: %v", err)
		}
		after.Close(context.Background())
	})

	t.Run("require to ssl=off server", func(t *testing.T) {
		p := tlsProxy(t, dsnFor(cs.plain, "127.0.0.1", "sslmode=require"))
		pe := connectErr(t, p)
		wantUpstreamError(t, pe, cs.plain.Addr(), "sslmode=require", "does not support TLS")
		t.Logf("client sees: %s %s: %s", pe.Severity, pe.Code, pe.Message)
		waitNoSessions(t, p.Server)
	})
}

// waitNoSessions waits (2 s at most) for the server to have no sessions.
func waitNoSessions(t *testing.T, s *transport.Server) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for s.Sessions() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d sessions still open after their upstream failed", s.Sessions())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// setServerCert gives c a server certificate issued by ca and waits (5 s at
// most) until a new direct verify-full connection against c's own CA
// succeeds (trusted) or fails (not trusted): the reload is asynchronous.
func setServerCert(t *testing.T, c *pgcluster.Cluster, ca *pgcluster.CA, trusted bool) {
	t.Helper()
	certPEM, keyPEM, err := ca.Issue(pgcluster.ServerCertHosts...)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetServerCert(upCtx(t, 30*time.Second), certPEM, keyPEM); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		conn, err := pgconn.Connect(upCtx(t, 5*time.Second), c.DSN("postgres"))
		if err == nil {
			conn.Close(context.Background())
		}
		if (err == nil) == trusted {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("server certificate not in effect 5 s after the reload (want trusted=%v): last direct connection: %v", trusted, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// foreignCAFile writes a new CA's certificate, one that signed nothing the
// clusters hold, and returns its path.
func foreignCAFile(t *testing.T) string {
	t.Helper()
	other, err := pgcluster.NewCA("not the cluster's CA")
	if err != nil {
		t.Fatal(err)
	}
	otherFile := filepath.Join(t.TempDir(), "other-ca.crt")
	if err := os.WriteFile(otherFile, other.PEM, 0o644); err != nil {
		t.Fatal(err)
	}
	return otherFile
}

// wantTLSUpstream connects through a maskwire in front of each DSN and
// checks the upstream session is encrypted.
func wantTLSUpstream(t *testing.T, dsns ...string) {
	t.Helper()
	for _, dsn := range dsns {
		p := tlsProxy(t, dsn)
		conn, err := pgconn.Connect(upCtx(t, 10*time.Second), p.DSN())
		if err != nil {
			t.Fatalf("upstream %s: %v", dsn, err)
		}
		if got := upstreamSSL(t, conn); got != "t" {
			t.Errorf("upstream %s: pg_stat_ssl.ssl = %s, want t", dsn, got)
		}
		conn.Close(context.Background())
	}
}

// brokenTLSFront listens on a new port: a connection that opens with an
// SSLRequest gets 'S' and then bytes that are not TLS; any other is relayed
// to upstream as it is. It returns the front's address.
func brokenTLSFront(t *testing.T, upstream string) string {
	t.Helper()
	return fakeUpstream(t, func(c net.Conn) {
		var head [8]byte
		if _, err := io.ReadFull(c, head[:]); err != nil {
			return
		}
		if binary.BigEndian.Uint32(head[4:]) == 80877103 { // SSLRequest
			c.Write([]byte("Snot a TLS server hello\n"))
			return
		}
		up, err := net.Dial("tcp", upstream)
		if err != nil {
			return
		}
		defer up.Close()
		up.Write(head[:])
		go func() { io.Copy(up, c); up.Close() }()
		io.Copy(c, up)
	}).Addr().String()
}
