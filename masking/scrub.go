package masking

import (
	"github.com/maskwire/maskwire/classify"
)

// scrubber replaces the PII and secret spans found in free text. It is per
// session and reuses its buffers: no allocation per value once warm.
type scrubber struct {
	scanner *classify.Scanner
	spans   classify.SpanBuffer
	// replace appends what stands in for one span of type t.
	replace func(dst []byte, t classify.Type, v []byte) []byte
}

// appendScrubbed appends src to dst with every span the scanner confirms
// replaced, and reports which types it found.
func (s *scrubber) appendScrubbed(dst, src []byte, ctx classify.Context) ([]byte, classify.TypeSet) {
	s.spans.Reset()
	s.scanner.Scan(src, ctx, &s.spans)
	if len(s.spans.Spans) == 0 {
		return append(dst, src...), 0
	}
	var found classify.TypeSet
	prev := 0
	for _, sp := range s.spans.Spans {
		if sp.Start < prev || sp.End > len(src) || sp.Start >= sp.End {
			continue // the scanner promises ordered, non-overlapping spans; be safe anyway
		}
		dst = append(dst, src[prev:sp.Start]...)
		dst = s.replace(dst, sp.Type, src[sp.Start:sp.End])
		found = found.With(sp.Type)
		prev = sp.End
	}
	return append(dst, src[prev:]...), found
}

// detect reports the types found in src without rewriting it (observe mode,
// sampling).
func (s *scrubber) detect(src []byte, ctx classify.Context) classify.TypeSet {
	s.spans.Reset()
	s.scanner.Scan(src, ctx, &s.spans)
	var found classify.TypeSet
	for _, sp := range s.spans.Spans {
		found = found.With(sp.Type)
	}
	return found
}
