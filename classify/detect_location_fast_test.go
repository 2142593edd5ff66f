package classify

import (
	"math/rand"
	"testing"
)

// TestLocHouseNumberRun compares Detect's house number run (digitRun8, then a byte loop past
// eight digits) with the plain digit loop over random texts of digits, letters and punctuation.
func TestLocHouseNumberRun(t *testing.T) {
	rng := rand.New(rand.NewSource(23))
	alphabet := []byte("aZ .,-/0123456789\xc3\xa9:")
	for n := 0; n < 100000; n++ {
		text := make([]byte, rng.Intn(24))
		for i := range text {
			if rng.Intn(8) == 0 {
				text[i] = byte(rng.Intn(256))
			} else if rng.Intn(2) == 0 {
				text[i] = '0' + byte(rng.Intn(10))
			} else {
				text[i] = alphabet[rng.Intn(len(alphabet))]
			}
		}
		for p := 0; p < len(text); p++ {
			ne := p + digitRun8(text, p)
			if ne-p == 8 {
				for ne < len(text) && isDigit(text[ne]) {
					ne++
				}
			}
			k := p
			for k < len(text) && isDigit(text[k]) {
				k++
			}
			if ne != k {
				t.Fatalf("house number run at %d of %q: %d, want %d", p, text, ne, k)
			}
		}
	}
}
