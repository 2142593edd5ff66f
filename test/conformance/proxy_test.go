//go:build !devrelay

package conformance

import (
	"testing"

	"github.com/maskwire/maskwire/engine"
)

// startProxy starts an in-process maskwire relaying to upstream with cfg and
// returns its listen address; it stops when the test ends.
func startProxy(t *testing.T, upstream string, cfg *engine.Config) string {
	t.Helper()
	t.Fatalf("internal/pgtest has no helper to start an in-process maskwire (upstream %s) yet", upstream)
	return ""
}
