package transport_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/maskwire/maskwire/internal/proxytest"
	"github.com/maskwire/maskwire/transport"
)

// selfSigned returns a server certificate for 127.0.0.1 and a pool that trusts it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "maskwire test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

// TestClientTLS: with a certificate, SSLRequest is answered 'S' and a client
// verifying the certificate (sslmode=verify-full) queries through maskwire;
// with RequireClientTLS a plaintext client is refused with 28000.
func TestClientTLS(t *testing.T) {
	cert, pool := selfSigned(t)
	p := proxytest.Start(t, func(c *transport.Config) {
		c.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		c.Engine.RequireClientTLS = true
	})
	cfg, err := pgconn.ParseConfig(strings.Replace(p.DSN(), "sslmode=disable", "sslmode=verify-full", 1))
	if err != nil {
		t.Fatal(err)
	}
	cfg.TLSConfig = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
	conn, err := pgconn.ConnectConfig(ctxT(t, 10*time.Second), cfg)
	if err != nil {
		t.Fatalf("TLS client through maskwire: %v", err)
	}
	defer conn.Close(context.Background())
	if rows := query(t, conn, "select 40 + 2"); rows[0][0] != "42" {
		t.Fatalf("got %v", rows)
	}
	if _, ok := conn.Conn().(*tls.Conn); !ok {
		t.Fatalf("client connection is %T, not TLS", conn.Conn())
	}

	_, err = pgconn.Connect(ctxT(t, 10*time.Second), p.DSN()) // sslmode=disable
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "28000" {
		t.Fatalf("plaintext client with TLS required: %v, want 28000", err)
	}
}

// TestIdleTimeout: a session with nothing in flight is closed with 57P05;
// one waiting on a long query is not.
func TestIdleTimeout(t *testing.T) {
	for _, r := range relays {
		t.Run(relayName(r), func(t *testing.T) { testIdleTimeout(t, r) })
	}
}

func testIdleTimeout(t *testing.T, r transport.Relay) {
	p := startRelay(t, r, func(c *transport.Config) { c.IdleTimeout = 700 * time.Millisecond })
	busy, err := pgconn.Connect(ctxT(t, 10*time.Second), p.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close(context.Background())
	if rows := query(t, busy, "select pg_sleep(1.5), 'still here'"); rows[0][1] != "still here" {
		t.Fatalf("busy session: %v", rows)
	}
	idle, err := pgconn.Connect(ctxT(t, 10*time.Second), p.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close(context.Background())
	time.Sleep(1500 * time.Millisecond)
	_, err = idle.Exec(ctxT(t, 5*time.Second), "select 1").ReadAll()
	var pe *pgconn.PgError
	if err == nil || (errors.As(err, &pe) && pe.Code != "57P05") {
		t.Fatalf("idle session after the timeout: %v, want closed (57P05)", err)
	}
}

// TestGracefulShutdown: a query in flight when shutdown starts finishes and
// its client gets the rows; new connections are refused.
func TestGracefulShutdown(t *testing.T) {
	for _, r := range relays {
		t.Run(relayName(r), func(t *testing.T) { testGracefulShutdown(t, r) })
	}
}

func testGracefulShutdown(t *testing.T, r transport.Relay) {
	p := startRelay(t, r)
	conn, err := pgconn.Connect(ctxT(t, 10*time.Second), p.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	done := make(chan error, 1)
	var rows [][]string
	go func() {
		res, err := conn.Exec(ctxT(t, 20*time.Second), "select pg_sleep(1), 'finished'").ReadAll()
		if err == nil {
			for _, r := range res[0].Rows {
				rows = append(rows, []string{string(r[1])})
			}
		}
		done <- err
	}()
	time.Sleep(300 * time.Millisecond) // the query is running upstream
	shut := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		shut <- p.Server.Shutdown(ctx)
	}()
	time.Sleep(200 * time.Millisecond)
	if c, err := net.DialTimeout("tcp", p.Addr, time.Second); err == nil {
		c.Close()
		t.Fatal("a new connection was accepted during shutdown")
	}
	if err := <-done; err != nil || len(rows) != 1 || rows[0][0] != "finished" {
		t.Fatalf("query in flight during shutdown: rows %v, err %v", rows, err)
	}
	if err := <-shut; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
}
