package classify

import (
	"math/rand"
	"testing"
)

// cryptoBase58Ref is cryptoDetector.Detect's base58 path before the digit-run pre-test.
func cryptoBase58Ref(text []byte, p int, sink Sink) int {
	if !leftBoundary(text, p) {
		return skipAlnum(text, p)
	}
	e := p
	for e < len(text) && base58Index[text[e]] >= 0 && e-p <= 35 {
		e++
	}
	if e-p < 26 || e-p > 35 || !rightBoundary(text, e) {
		return skipAlnum(text, p)
	}
	if base58CheckAddress(text[p:e]) {
		sink.Span(Span{Start: p, End: e, Type: Crypto, Score: 1})
	}
	return e
}

// TestCryptoDigitRun compares the base58 path of cryptoDetector.Detect (a digit run of fewer
// than 8 settled first) with its reference at every '1' and '3' of random texts of digits,
// base58 letters, the alphanumerics base58 lacks, and punctuation, and of real addresses.
func TestCryptoDigitRun(t *testing.T) {
	rng := rand.New(rand.NewSource(23))
	alphabet := []byte("0123456789133 .,-0OIlabcXYZ\xc3")
	addrs := []string{"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"}
	var d cryptoDetector
	for iter := 0; iter < 100000; iter++ {
		var text []byte
		for m := rng.Intn(6); m >= 0; m-- {
			if rng.Intn(8) == 0 {
				text = append(text, addrs[rng.Intn(len(addrs))]...)
				continue
			}
			for k := rng.Intn(12); k >= 0; k-- {
				text = append(text, alphabet[rng.Intn(len(alphabet))])
			}
		}
		for p, c := range text {
			if c != '1' && c != '3' {
				continue
			}
			var got, want countingSink
			g := d.Detect(text, Candidate{Pos: p, End: p + 1, Keyword: -1}, nil, &got)
			w := cryptoBase58Ref(text, p, &want)
			if g != w || got.n != want.n {
				t.Fatalf("Detect(%q, %d) = %d (%d spans), want %d (%d spans)", text, p, g, got.n, w, want.n)
			}
		}
	}
}
