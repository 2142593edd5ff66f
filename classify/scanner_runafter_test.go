package classify

import (
	"math/rand"
	"slices"
	"testing"
)

// runFake reports a digit run followed by '#' (and the '#'), and a ':' followed by '!': a
// detector for which RunAfter: c == '#' holds (elsewhere a digit returns the run's end).
type runFake struct {
	gate  bool
	calls *int
}

func (runFake) Name() string   { return "runfake" }
func (runFake) Types() TypeSet { return SetOf(IPAddress) }
func (f runFake) Triggers() Triggers {
	tr := Triggers{Bytes: "0123456789:"}
	if f.gate {
		tr.RunAfter = func(c int) bool { return c == '#' }
	}
	return tr
}

func (f runFake) Detect(text []byte, c Candidate, _ *Context, sink Sink) int {
	*f.calls++
	p := c.Pos
	if text[p] == ':' {
		if p+1 < len(text) && text[p+1] == '!' {
			sink.Span(Span{Start: p, End: p + 2, Type: IPAddress, Score: 0.5})
		}
		return p + 1
	}
	e := p + digitRun8(text, p)
	for e < len(text) && isDigit(text[e]) {
		e++
	}
	if e < len(text) && text[e] == '#' {
		sink.Span(Span{Start: p, End: e + 1, Type: IPAddress, Score: 0.5})
		return e + 1
	}
	return e
}

// TestRunAfterScan: a scanner that skips the calls RunAfter rules out reports what one
// calling the detector at every trigger reports, with fewer calls; the detector's other
// trigger bytes (':') are not gated.
func TestRunAfterScan(t *testing.T) {
	var nGate, nAll int
	gated := NewScanner(runFake{gate: true, calls: &nGate})
	plain := NewScanner(runFake{calls: &nAll})
	r := rand.New(rand.NewSource(7))
	alpha := []byte("0123456789#:! a.-")
	for iter := 0; iter < 3000; iter++ {
		text := make([]byte, 1+r.Intn(300))
		for k := range text {
			text[k] = alpha[r.Intn(len(alpha))]
		}
		var a, b SpanBuffer
		gated.Scan(text, Context{}, &a)
		plain.Scan(text, Context{}, &b)
		if !slices.Equal(a.Spans, b.Spans) {
			t.Fatalf("%q: gated %v, plain %v", text, a.Spans, b.Spans)
		}
	}
	if nGate >= nAll {
		t.Errorf("RunAfter saved no calls: %d gated, %d plain", nGate, nAll)
	}
}

// TestRunAfterHoldsForDetect checks the promise behind Triggers.RunAfter for the built-in
// detectors that declare it: wherever the digit run at a trigger digit is followed by a byte
// RunAfter rejects, Detect reports nothing and returns at least the run's end, and reports
// nothing at the triggers between the run's end and the offset it returns.
func TestRunAfterHoldsForDetect(t *testing.T) {
	sc := NewScanner(Builtin()...)
	r := rand.New(rand.NewSource(5))
	alpha := []byte("0123456789abcdefxyzABCDEFGSTXYZ:-. .,@_+/()é#")
	pieces := []string{"10.0.3.17", "192.168.1.1:8080", "fe80::1ff:fe23:4567:890a", "2001:db8::1",
		"v1.2.3.4", "4111 1111 1111 1111", "+44 20 7946 0958", "1985-03-12", "12:30", "00:1A:2B:3C:4D:5E"}
	ctxs := []Context{{}, {Column: ColumnFreeText}, {Column: ColumnNationalID}}
	checked := 0
	for iter := 0; iter < 3000; iter++ {
		text := splicedText(r, alpha, pieces, 60)
		n := len(text)
		for d, det := range sc.dets {
			bit := uint64(1) << uint(d)
			if sc.runGate&bit == 0 {
				continue
			}
			for p := 0; p < n; p++ {
				if sc.byteDet[text[p]]&bit == 0 || !isDigit(text[p]) {
					continue
				}
				e := p
				for e < n && isDigit(text[e]) {
					e++
				}
				a := 0
				if e < n {
					a = int(text[e]) + 1
				}
				if sc.runAfter[a]&bit != 0 {
					continue
				}
				checked++
				for _, ctx := range ctxs {
					var buf SpanBuffer
					got := det.Detect(text, Candidate{Pos: p, End: p + 1, Keyword: -1}, &ctx, &buf)
					if len(buf.Spans) != 0 || got < e {
						t.Fatalf("%s at %d in %q: RunAfter fails (run end %d) but Detect reports %v and resumes at %d",
							det.Name(), p, text, e, buf.Spans, got)
					}
					for q := e; q < got; q++ {
						if sc.byteDet[text[q]]&bit == 0 {
							continue
						}
						buf.Reset()
						det.Detect(text, Candidate{Pos: q, End: q + 1, Keyword: -1}, &ctx, &buf)
						if len(buf.Spans) != 0 {
							t.Fatalf("%s at %d in %q: resumes at %d past the run's end %d, but reports %v at %d",
								det.Name(), p, text, got, e, buf.Spans, q)
						}
					}
				}
			}
		}
	}
	t.Logf("%d gated triggers checked", checked)
}
