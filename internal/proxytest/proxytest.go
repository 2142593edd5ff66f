// Package proxytest starts an in-process maskwire (transport.Server on
// 127.0.0.1:0) in front of the test PostgreSQL from internal/pgtest, for
// integration tests. Set MASKWIRE_TEST_LOG=1 to see the proxy's logs.
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }
//
//	func TestX(t *testing.T) {
//		p := proxytest.Start(t)
//		conn, _ := pgx.Connect(ctx, p.DSN())
//		direct, _ := pgx.Connect(ctx, p.UpstreamDSN)
//	}
package proxytest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/maskwire/maskwire/internal/pgtest"
	"github.com/maskwire/maskwire/transport"
)

// Proxy is a running in-process maskwire.
type Proxy struct {
	// Addr is the proxy's host:port.
	Addr string
	// UpstreamDSN is the PostgreSQL behind the proxy (connect here for the
	// direct side of a comparison).
	UpstreamDSN string
	Server      *transport.Server

	user, password, database string
	done                     chan error
}

// Start starts a proxy in front of pgtest.DSN(t) with the default
// configuration, adjusted by configure (if any) before the server is built.
// It is shut down (gracefully, 10 s) when the test ends.
func Start(t testing.TB, configure ...func(*transport.Config)) *Proxy {
	t.Helper()
	p, err := start(pgtest.DSN(t), configure...)
	if err != nil {
		t.Fatalf("proxytest: %v", err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// StartDSN is Start in front of a given upstream DSN; the caller must Close.
func StartDSN(upstreamDSN string, configure ...func(*transport.Config)) (*Proxy, error) {
	return start(upstreamDSN, configure...)
}

// Upstream converts a DSN (any form pgx accepts) to a transport.Upstream
// with sslmode disable, unless the DSN asks for TLS with sslmode require.
func Upstream(dsn string) (transport.Upstream, error) {
	pc, err := pgconn.ParseConfig(dsn)
	if err != nil {
		return transport.Upstream{}, err
	}
	mode := transport.SSLDisable
	if pc.TLSConfig != nil && pc.Fallbacks == nil {
		mode = transport.SSLRequire
	}
	up := transport.Upstream{
		Network: "tcp", Addr: net.JoinHostPort(pc.Host, strconv.Itoa(int(pc.Port))), Host: pc.Host,
		User: pc.User, Password: pc.Password, Database: pc.Database, SSLMode: mode,
	}
	if len(pc.Host) > 0 && pc.Host[0] == '/' {
		up.Network, up.Addr, up.SSLMode = "unix", fmt.Sprintf("%s/.s.PGSQL.%d", pc.Host, pc.Port), transport.SSLDisable
	}
	return up, nil
}

func start(upstreamDSN string, configure ...func(*transport.Config)) (*Proxy, error) {
	up, err := Upstream(upstreamDSN)
	if err != nil {
		return nil, fmt.Errorf("upstream DSN: %w", err)
	}
	cfg := transport.Config{
		Upstream:        up,
		ConnectTimeout:  5 * time.Second,
		StartupTimeout:  30 * time.Second,
		ShutdownTimeout: 10 * time.Second,
		Logger:          slog.New(slog.DiscardHandler),
	}
	if os.Getenv("MASKWIRE_TEST_LOG") != "" {
		cfg.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	for _, f := range configure {
		f(&cfg)
	}
	srv, err := transport.New(cfg)
	if err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{
		Addr: l.Addr().String(), UpstreamDSN: upstreamDSN, Server: srv,
		user: up.User, password: up.Password, database: up.Database,
		done: make(chan error, 1),
	}
	go func() { p.done <- srv.Serve(context.Background(), l) }()
	return p, nil
}

// DSN is a URL DSN that reaches the upstream's database as the upstream's
// user through the proxy (sslmode=disable).
func (p *Proxy) DSN() string { return p.DSNFor(p.database, p.user) }

// DSNFor is DSN for another database and user.
func (p *Proxy) DSNFor(database, user string) string {
	u := url.URL{Scheme: "postgres", Host: p.Addr, Path: "/" + database, RawQuery: "sslmode=disable"}
	if p.password != "" && user == p.user {
		u.User = url.UserPassword(user, p.password)
	} else {
		u.User = url.User(user)
	}
	return u.String()
}

// Host and Port split Addr (for psql/pgbench -h/-p).
func (p *Proxy) Host() string { h, _, _ := net.SplitHostPort(p.Addr); return h }

// Port is the proxy's port.
func (p *Proxy) Port() int {
	_, port, _ := net.SplitHostPort(p.Addr)
	n, _ := strconv.Atoi(port)
	return n
}

// Close shuts the proxy down gracefully (10 s at most) and waits for Serve.
func (p *Proxy) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := p.Server.Shutdown(ctx)
	if serr := <-p.done; serr != nil && !errors.Is(serr, transport.ErrServerClosed) && err == nil {
		err = serr
	}
	p.done <- transport.ErrServerClosed // Close may be called twice
	return err
}
