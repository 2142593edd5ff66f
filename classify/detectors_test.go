package classify

import (
	"fmt"
	"strings"
	"testing"
)

// detectorExample is one true- or false-positive example for a detector. Text marks expected
// spans as «TYPE|value»; a text without marks is a false-positive example: the detector's types
// must not be reported in it at all.
type detectorExample struct {
	text string
	ctx  Context
}

var detectorExamples = map[string][]detectorExample{}

// examples registers a detector's examples; call it from the detector's _examples_test.go.
func examples(name string, ex ...detectorExample) bool {
	detectorExamples[name] = append(detectorExamples[name], ex...)
	return true
}

func tp(text string) detectorExample { return detectorExample{text: text} }
func fp(text string) detectorExample { return detectorExample{text: text} }
func withCtx(e detectorExample, h ColumnHints) detectorExample {
	e.ctx.Column |= h
	return e
}

// parseMarked strips «TYPE|value» marks and returns the plain text and the expected spans.
func parseMarked(t *testing.T, s string) (string, []Span) {
	var b strings.Builder
	var spans []Span
	for {
		i := strings.Index(s, "«")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i+len("«"):]
		j := strings.Index(s, "»")
		k := strings.IndexByte(s, '|')
		if j < 0 || k < 0 || k > j {
			t.Fatalf("bad mark in %q", s)
		}
		ty, ok := ParseType(s[:k])
		if !ok {
			t.Fatalf("unknown type %q", s[:k])
		}
		start := b.Len()
		b.WriteString(s[k+1 : j])
		spans = append(spans, Span{Start: start, End: b.Len(), Type: ty})
		s = s[j+len("»"):]
	}
	return b.String(), spans
}

func fmtSpans(text string, sp []Span) string {
	var parts []string
	for _, s := range sp {
		parts = append(parts, fmt.Sprintf("%s %q", s.Type, text[s.Start:s.End]))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// TestDetectorExamples runs every detector's examples through the Default scanner (so overlap
// resolution is part of what is tested) and through the detector alone, and checks that every
// built-in detector has both true- and false-positive examples.
func TestDetectorExamples(t *testing.T) {
	sc := Default()
	byName := map[string]Detector{}
	for _, d := range sc.Detectors() {
		byName[d.Name()] = d
	}
	for name, exs := range detectorExamples {
		d, ok := byName[name]
		if !ok {
			t.Errorf("examples for unknown detector %q", name)
			continue
		}
		var nTP, nFP int
		for _, ex := range exs {
			text, want := parseMarked(t, ex.text)
			if len(want) > 0 {
				nTP++
			} else {
				nFP++
			}
			var buf SpanBuffer
			sc.Scan([]byte(text), ex.ctx, &buf)
			var got []Span
			for _, s := range buf.Spans {
				if d.Types().Has(s.Type) {
					got = append(got, s)
				}
			}
			if !sameSpans(got, want) {
				t.Errorf("%s: %q (ctx %+v)\n got  %s\n want %s", name, text, ex.ctx, fmtSpans(text, got), fmtSpans(text, want))
			}
			if len(want) > 0 {
				// The detector alone must find them too (no reliance on other detectors).
				alone := NewScanner(d)
				var b2 SpanBuffer
				alone.Scan([]byte(text), ex.ctx, &b2)
				if !sameSpans(b2.Spans, want) {
					t.Errorf("%s alone: %q\n got  %s\n want %s", name, text, fmtSpans(text, b2.Spans), fmtSpans(text, want))
				}
			}
		}
		if nTP == 0 || nFP == 0 {
			t.Errorf("%s: needs true- and false-positive examples (have %d, %d)", name, nTP, nFP)
		}
	}
	for _, d := range Builtin() {
		if strings.HasPrefix(d.Name(), "test") {
			continue
		}
		if _, ok := detectorExamples[d.Name()]; !ok {
			t.Logf("detector %q has no examples", d.Name())
		}
	}
}

func sameSpans(got, want []Span) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i].Start != want[i].Start || got[i].End != want[i].End || got[i].Type != want[i].Type {
			return false
		}
	}
	return true
}
