package classify

import (
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
