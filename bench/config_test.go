package bench

import (
	"testing"

	"github.com/maskwire/maskwire/engine"
	"github.com/maskwire/maskwire/masking"
	"github.com/maskwire/maskwire/policy"
)

// newConfig is the engine configuration maskwire serve builds with no
// config file (classify everything, tokenize every detected type), in the
// given mode.
func newConfig(tb testing.TB, mode masking.Mode) *engine.Config {
	tb.Helper()
	tb.Setenv(policy.DefaultKeyEnv, "bench-key-0123456789abcdef")
	plan := policy.Default()
	if plan.Key() == nil {
		tb.Fatal("default plan has no key")
	}
	opts, err := masking.FromPlan(func() *policy.Plan { return plan }, nil)
	if err != nil {
		tb.Fatal(err)
	}
	opts.Mode = func() masking.Mode { return mode }
	return &engine.Config{Cancels: engine.NewCancelRegistry(), NewMasker: masking.NewFactory(opts)}
}
