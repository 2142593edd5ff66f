package classify

import (
	"math/rand"
	"testing"
	"unicode/utf8"
)

// personLoneWordRef is personLoneWord with byte loops, before asciiRun8.
func personLoneWordRef(text []byte, p int) (int, bool) {
	if !isUpper(text[p]) {
		return 0, false
	}
	e := p + 1
	for e < len(text) && isAlpha(text[e]) {
		e++
	}
	if e >= len(text) {
		return e, e-p > 1
	}
	switch c := text[e]; {
	case c == ' ':
		if e+1 >= len(text) {
			return e, true
		}
		n := text[e+1]
		if !isLower(n) {
			return e, !isUpper(n) && n < utf8.RuneSelf && e-p > 1
		}
		k := e + 1
		for k < len(text) && k-e <= 7 && isLower(text[k]) {
			k++
		}
		if k < len(text) && text[k] == '-' {
			return 0, false
		}
		return e, e-p > 1 && !isPersonParticle(text[e+1:k])
	case c == ',' || c == '.' || c == '\'' || c == '-' || c >= utf8.RuneSelf || isAlnum(c) || c == '_':
		return 0, false
	}
	return e, e-p > 1
}

// TestPersonLoneWordRuns compares personLoneWord (asciiRun8, the particle length test) with
// its byte-loop reference, and asciiRun8 with a byte loop, over random texts of letters of
// both cases, particles, spaces, punctuation and non-ASCII bytes.
func TestPersonLoneWordRuns(t *testing.T) {
	rng := rand.New(rand.NewSource(23))
	pieces := []string{"A", "Z", "a", "z", "Mar", "van", "de", "della", "delle", "y", " ", " ", "-", ".", ",", "'",
		"@", "[", "`", "{", "_", "1", "\xc3\xa9", "\x80", "\xe1", "\xfa", "called", "al", "abcdefgh"}
	for n := 0; n < 300000; n++ {
		var text []byte
		for m := rng.Intn(8); m >= 0; m-- {
			if rng.Intn(10) == 0 {
				text = append(text, byte(rng.Intn(256)))
			} else {
				text = append(text, pieces[rng.Intn(len(pieces))]...)
			}
		}
		for p := range text {
			e, ok := personLoneWord(text, p)
			we, wok := personLoneWordRef(text, p)
			if e != we || ok != wok {
				t.Fatalf("personLoneWord(%q, %d) = %d, %v, want %d, %v", text, p, e, ok, we, wok)
			}
			for _, fold := range []uint64{0, foldCase} {
				k := p
				for k < len(text) && k-p < 8 && isLower(text[k]|byte(fold)) {
					k++
				}
				if got := asciiRun8(text, p, fold); got != k-p {
					t.Fatalf("asciiRun8(%q, %d, %#x) = %d, want %d", text, p, fold, got, k-p)
				}
			}
		}
	}
}
