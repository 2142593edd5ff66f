package mask

import (
	"sync"

	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/policy"
)

// Shared is a Tokenizer's transforms made safe for concurrent use, for a
// caller that holds one transforms value for all sessions: each call borrows
// a Session from a sync.Pool (no allocation in the steady state). A caller
// that has a per-session object should keep its own Session instead (one
// pool round trip less per value).
type Shared struct {
	t    *Tokenizer
	pool sync.Pool
}

// NewShared returns the concurrent-safe transforms of t.
func NewShared(t *Tokenizer) *Shared {
	sh := &Shared{t: t}
	sh.pool.New = func() any { return t.NewSession() }
	return sh
}

// Apply is Session.Apply.
func (sh *Shared) Apply(dst []byte, a policy.Action, t classify.Type, oid uint32, format int16, v []byte) ([]byte, error) {
	s := sh.pool.Get().(*Session)
	out, err := s.Apply(dst, a, t, oid, format, v)
	sh.pool.Put(s)
	return out, err
}

// AppendText is Session.AppendText (a whole text value or a span in free
// text).
func (sh *Shared) AppendText(dst []byte, a policy.Action, t classify.Type, v []byte) []byte {
	s := sh.pool.Get().(*Session)
	out := s.AppendText(dst, a, t, v)
	sh.pool.Put(s)
	return out
}
