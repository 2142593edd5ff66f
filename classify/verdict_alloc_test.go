//go:build !race

package classify

import (
	"testing"
	"time"
)

func TestVerdictPathsDoNotAllocate(t *testing.T) {
	cols := benchColumns()
	states := make([]ColumnState, len(cols))
	c, _ := NewVerdictCache(MinVerdictCacheSize, time.Hour)
	r, _ := NewResolver(c, Options{SpotCheckEvery: 3})
	r.Resolve(cols, states)
	key := cols[0].Key
	spans := []Span{{Start: 0, End: 5, Type: EmailAddress, Score: 1}}
	value := []byte("a@b.c")
	words() // load the dictionaries outside the measurement
	checks := map[string]func(){
		"Resolve":             func() { r.Resolve(cols, states) },
		"Cache.Get":           func() { c.Get(key) },
		"Cache.Put":           func() { c.Put(key, Verdict{Kind: VerdictClean}) },
		"ColumnNameHint":      func() { ColumnNameHint("customer_EmailAddress_2") },
		"ColumnNameHintBytes": func() { ColumnNameHintBytes(cols[4].Name) },
		"Next+Observe": func() {
			for i := range states {
				if r.Next(&states[i]) == ActionScan {
					r.Observe(&states[i], value, spans)
				}
			}
		},
		"wordSet.lookup": func() { words().lookup([]byte("MÜLLER")) },
	}
	for name, f := range checks {
		if n := testing.AllocsPerRun(200, f); n != 0 {
			t.Errorf("%s: %.1f allocs per call, want 0", name, n)
		}
	}
}
