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
