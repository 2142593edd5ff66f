package classify

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestGenericSecretThresholds measures the generic detector's randomness
// test (genericMinEntropy, genericMinChanges) on random keys of the
// alphabets real services use against identifiers built from dictionary
// words, and fails if recall or the false-positive rate drift from what the
// thresholds were chosen for (recall >= 97%, identifiers <= 0.1%).
func TestGenericSecretThresholds(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabets := []string{
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
		"0123456789abcdef",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
	}
	const n = 20000
	pass := 0
	buf := make([]byte, 0, 64)
	for i := 0; i < n; i++ {
		a := alphabets[rng.IntN(len(alphabets))]
		buf = buf[:0]
		for k := 16 + rng.IntN(49); k > 0; k-- {
			buf = append(buf, a[rng.IntN(len(a))])
		}
		if randomLooking(buf) {
			pass++
		}
	}
	recall := float64(pass) / n

	// Words: short given names from the embedded dictionary plus common
	// identifier words.
	words := identifierWords(t)
	seps := []string{"_", "-", ".", "", "/"}
	fps, total := 0, 0
	var example string
	for total < n {
		k := 2 + rng.IntN(5)
		sep := seps[rng.IntN(len(seps))]
		parts := make([]string, k)
		for j := range parts {
			w := words[rng.IntN(len(words))]
			if sep == "" {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			parts[j] = w
		}
		s := strings.Join(parts, sep)
		switch r := rng.IntN(10); {
		case r < 3:
			s += string(rune('0'+rng.IntN(10))) + string(rune('0'+rng.IntN(10)))
		case r < 4:
			s = strings.ToUpper(s)
		}
		if len(s) < genericMinLen {
			continue
		}
		total++
		if randomLooking([]byte(s)) {
			fps++
			example = s
		}
	}
	fpr := float64(fps) / float64(total)
	t.Logf("random keys passing: %.4f; word identifiers passing: %.5f (e.g. %q)", recall, fpr, example)
	if recall < 0.97 {
		t.Errorf("recall on random keys %.4f < 0.97", recall)
	}
	if fpr > 0.001 {
		t.Errorf("word identifiers passing %.5f > 0.001", fpr)
	}
}

// identifierWords returns short ASCII given names from the dictionary and common
// identifier words.
func identifierWords(t *testing.T) []string {
	t.Helper()
	out := strings.Fields("the a quick brown fox jumps over lazy dog user name value secret token key access client " +
		"config default example test prod staging local service account database connection string admin root " +
		"password changeme placeholder my your our api here id data web app")
	ws := words()
	for i := range ws.slots {
		s := &ws.slots[i]
		if s.n == 0 || s.n > 6 || s.flags&wordGiven == 0 {
			continue
		}
		w := ws.blob[s.off : s.off+uint32(s.n)]
		ascii := true
		for _, c := range w {
			if !isLower(c) {
				ascii = false
			}
		}
		if ascii && len(w) >= 2 {
			out = append(out, string(w))
		}
	}
	return out
}
