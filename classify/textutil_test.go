package classify

import (
	"math/rand"
	"testing"
)

// TestDigitRunAndTokenDigits: digitRun8 (eight bytes at a time) and countTokenDigits, which
// counts a token by its digit runs, agree with byte loops at every offset of random text dense
// in digits, separators and the bytes around '0' and '9', with tokens past 64 digits.
func TestDigitRunAndTokenDigits(t *testing.T) {
	refRun := func(text []byte, i int) int {
		k := i
		for k < len(text) && isDigit(text[k]) {
			k++
		}
		return k - i
	}
	refCount := func(text []byte, i int) (int, int) {
		n := 0
		for i < len(text) && n < 64 {
			if isDigit(text[i]) {
				n++
				i++
				continue
			}
			j := i
			for j < len(text) && j-i < 3 && isTokenJoin(text[j]) {
				j++
			}
			if j == i || j >= len(text) || !isDigit(text[j]) {
				break
			}
			i = j
		}
		return n, i
	}
	r := rand.New(rand.NewSource(9))
	alpha := []byte(" -./()/:a/\x80\xb0\xb9")
	for iter := 0; iter < 3000; iter++ {
		text := make([]byte, r.Intn(100))
		for i := range text {
			if r.Intn(5) > 0 {
				text[i] = byte('0' + r.Intn(10))
			} else {
				text[i] = alpha[r.Intn(len(alpha))]
			}
		}
		for i := 0; i <= len(text); i++ {
			want := refRun(text, i)
			if i+8 <= len(text) {
				want = min(want, 8)
			}
			if got := digitRun8(text, i); got != want {
				t.Fatalf("digitRun8(%q, %d) = %d, want %d", text, i, got, want)
			}
			if i < len(text) && isDigit(text[i]) {
				n, e := countTokenDigits(text, i)
				if wn, we := refCount(text, i); n != wn || e != we {
					t.Fatalf("countTokenDigits(%q, %d) = %d, %d, want %d, %d", text, i, n, e, wn, we)
				}
			}
		}
	}
}
