package masking

import (
	"crypto/rand"
	"time"

	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/mask"
	"github.com/maskwire/maskwire/policy"
)

// Verdict cache defaults: 32 MiB holds verdicts of hundreds of thousands of
// columns; a verdict is re-judged after 10 minutes.
const (
	DefaultVerdictCacheSize = 32 << 20
	DefaultVerdictTTL       = 10 * time.Minute
)

// FromPlan builds masking options over a reloadable plan: the mode and the
// rules are read from plan() at every result set, so swapping the plan
// (SIGHUP) takes effect without dropping sessions. The tokenization key is
// the plan's at the time of the call; a plan without a key gets a random
// one and EphemeralKey reports it (tokens are then stable only until the
// process restarts).
func FromPlan(plan func() *policy.Plan, catalog Catalog) (*Options, error) {
	p := plan()
	key := []byte(p.Key())
	ephemeral := false
	if len(key) == 0 {
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, err
		}
		ephemeral = true
	}
	tok, err := mask.NewTokenizer(key)
	if err != nil {
		return nil, err
	}
	cache, err := classify.NewVerdictCache(DefaultVerdictCacheSize, DefaultVerdictTTL)
	if err != nil {
		return nil, err
	}
	res, err := classify.NewResolver(cache, classify.Options{})
	if err != nil {
		return nil, err
	}
	o := &Options{
		Mode:         func() Mode { return ModeOf(plan().Mode()) },
		Rules:        func() Rules { return PolicyRules{Plan: plan()} },
		Tokenizer:    tok,
		Resolver:     res,
		Catalog:      catalog,
		EphemeralKey: ephemeral,
	}
	return o, nil
}
