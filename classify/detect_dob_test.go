package classify

import (
	"math/rand"
	"strings"
	"testing"
)

// TestMonthAtEveryName: monthAt, behind its two-byte filter, finds every month name in lower,
// title and (ASCII) upper case, and no name in words that only begin like one.
func TestMonthAtEveryName(t *testing.T) {
	for _, m := range monthNames {
		for _, w := range []string{m, strings.ToUpper(m[:1]) + m[1:], strings.ToUpper(m)} {
			if !isASCII([]byte(w)) && w == strings.ToUpper(m) {
				continue // hasPrefixFold folds ASCII only
			}
			if got := monthAt([]byte(w+" 1985"), 0); got != len(m) {
				t.Errorf("monthAt(%q) = %d, want %d", w+" 1985", got, len(m))
			}
		}
	}
	for _, w := range []string{"days", "of", "marble", "junior", "decade", "12", "m", "ma"} {
		if got := monthAt([]byte(w), 0); got != 0 {
			t.Errorf("monthAt(%q) = %d, want 0", w, got)
		}
	}
}

// TestDOBFourDigitPrecheck backs the test in dobDetector.Detect: a run of exactly 4 digits
// followed by something other than '-', '/' or '.' never starts a date for dateAt.
func TestDOBFourDigitPrecheck(t *testing.T) {
	r := rand.New(rand.NewSource(8))
	pieces := []string{"1985", "2024", "12", "3", "03", "19850312", " ", "-", "/", ".", ",", "T", "th", " March ",
		"Mar ", " de ", "mai", "x"}
	dates, rejected := 0, 0
	for iter := 0; iter < 20000; iter++ {
		var text []byte
		for len(text) < 24 {
			text = append(text, pieces[r.Intn(len(pieces))]...)
		}
		for p := 0; p+4 < len(text); p++ {
			if !isDigit(text[p]) {
				continue
			}
			_, end := dateAt(text, p)
			if end >= 0 {
				dates++
			}
			q := p + 4
			if isDigit(text[p+1]) && isDigit(text[p+2]) && isDigit(text[p+3]) && !isDigit(text[q]) &&
				text[q] != '-' && text[q] != '/' && text[q] != '.' {
				rejected++
				if end >= 0 {
					t.Fatalf("dateAt(%q, %d) found a date the 4-digit pre-test rejects", text, p)
				}
			}
		}
	}
	if dates < 1000 || rejected < 1000 {
		t.Fatalf("%d dates, %d rejections: the generator does not exercise the pre-test", dates, rejected)
	}
}

// TestDOBMayStart backs the pre-tests in dobDetector.Detect: wherever dobMayStart rejects a run
// of 1 or 2 digits, dateAt finds no date there; and Detect, with both pre-tests, agrees with
// its earlier form (below) at every digit of random text.
func TestDOBMayStart(t *testing.T) {
	r := rand.New(rand.NewSource(81))
	pieces := []string{"1985", "2024", "12", "3", "03", "31", "32", "00", "19850312", " ", " ", " ", "-", "/", ".", ",",
		"T", "th", "st", "nd", "March", "Mar.", "mar", "März", "de ", "mayo", "born ", "DOB: ", "+", "x", "é", "EUR"}
	dates, rejected := 0, 0
	for iter := 0; iter < 40000; iter++ {
		var text []byte
		for len(text) < 30 {
			text = append(text, pieces[r.Intn(len(pieces))]...)
		}
		for p := range text {
			if !isDigit(text[p]) || !leftBoundary(text, p) {
				continue
			}
			_, end := dateAt(text, p)
			if end >= 0 {
				dates++
			}
			if run := digitRun8(text, p); run <= 2 && !dobMayStart(text, p, run) {
				rejected++
				if end >= 0 {
					t.Fatalf("dateAt(%q, %d) found a date dobMayStart rejects", text, p)
				}
			}
			for _, ctx := range []Context{{}, {Column: ColumnDateOfBirth}} {
				var got, want SpanBuffer
				ge := (&dobDetector{}).Detect(text, Candidate{Pos: p, End: p + 1, Keyword: -1}, &ctx, &got)
				we := dobDetectRef(text, p, &ctx, &want)
				if ge != we || len(got.Spans) != len(want.Spans) || len(got.Spans) > 0 && got.Spans[0] != want.Spans[0] {
					t.Fatalf("Detect(%q, %d) = %d %v, want %d %v", text, p, ge, got.Spans, we, want.Spans)
				}
			}
		}
	}
	if dates < 1000 || rejected < 1000 {
		t.Fatalf("%d dates, %d rejections: the generator does not exercise the pre-tests", dates, rejected)
	}
}

// dobDetectRef is dobDetector.Detect before dobMayStart and digitRun8.
func dobDetectRef(text []byte, p int, ctx *Context, sink Sink) int {
	if !leftBoundary(text, p) {
		return skipAlnum(text, p)
	}
	if q := p + 4; q < len(text) && isDigit(text[p+1]) && isDigit(text[p+2]) && isDigit(text[p+3]) &&
		!isDigit(text[q]) && text[q] != '-' && text[q] != '/' && text[q] != '.' {
		return skipAlnum(text, p)
	}
	start, end := dateAt(text, p)
	if end < 0 {
		return skipAlnum(text, p)
	}
	if !ctx.expects(DateTime, ColumnDateOfBirth) && !wordNearBefore(text, start, 40, dobContextWords) {
		return end
	}
	sink.Span(Span{Start: start, End: end, Type: DateTime, Score: 0.85})
	return end
}
