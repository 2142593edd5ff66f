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
	var found classify.TypeSet
	for _, sp := range s.spans.Spans {
		found = found.With(sp.Type)
	}
	return s.splice(dst, src), found
}

// splice appends text to dst with every span of s.spans replaced.
func (s *scrubber) splice(dst, text []byte) []byte {
	prev := 0
	for _, sp := range s.spans.Spans {
		if sp.Start < prev || sp.End > len(text) || sp.Start >= sp.End {
			continue // the scanner promises ordered, non-overlapping spans; be safe anyway
		}
		dst = append(dst, text[prev:sp.Start]...)
		dst = s.replace(dst, sp.Type, text[sp.Start:sp.End])
		prev = sp.End
	}
	return append(dst, text[prev:]...)
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
