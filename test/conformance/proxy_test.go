//go:build !devrelay

package conformance

import (
	"context"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/maskwire/maskwire/engine"
	"github.com/maskwire/maskwire/internal/pgtest"
	"github.com/maskwire/maskwire/transport"
)

// startProxy starts an in-process maskwire (the default goroutine transport)
// relaying to upstream with cfg and returns its listen address. It is shut
// down when the test ends; its log is printed if the test failed.
func startProxy(t *testing.T, upstream string, cfg *engine.Config) string {
	t.Helper()
	up, err := transport.ParseUpstream(upstream)
	if err != nil {
		t.Fatalf("transport.ParseUpstream(%s): %v", upstream, err)
	}
	logs := &pgtest.LockedBuffer{}
	srv, err := transport.New(transport.Config{
		Upstream: up,
		Engine:   *cfg,
		Logger:   slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	if err != nil {
		t.Fatalf("transport.New: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer scancel()
		srv.Shutdown(sctx)
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Errorf("maskwire's Serve did not return 5s after Shutdown")
		}
		if t.Failed() {
			t.Logf("maskwire log:\n%s", clip(logs.String()))
		}
	})
	return ln.Addr().String()
}
