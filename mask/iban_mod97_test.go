package mask

import (
	"math/rand/v2"
	"testing"
)

// ibanMod97Reference is the plain digit-by-digit remainder (the first
// implementation), the reference of TestIBANMod97MatchesReference.
func ibanMod97Reference(b []byte) int {
	rem := 0
	add := func(c byte) {
		switch {
		case isDigit(c):
			rem = (rem*10 + int(c-'0')) % 97
		case isUpper(c):
			rem = (rem*100 + int(c-'A') + 10) % 97
		case isLower(c):
			rem = (rem*100 + int(c-'a') + 10) % 97
		}
	}
	k := 0
	for _, c := range b {
		if c == ' ' {
			continue
		}
		if k >= 4 {
			add(c)
		}
		k++
	}
	k = 0
	for _, c := range b {
		if c == ' ' {
			continue
		}
		if k < 4 {
			add(c)
		}
		k++
		if k == 4 {
			break
		}
	}
	return rem
}

func TestIBANMod97MatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz  -"
	for i := 0; i < 20000; i++ {
		b := make([]byte, r.IntN(40))
		for j := range b {
			b[j] = alphabet[r.IntN(len(alphabet))]
		}
		if got, want := ibanMod97(b), ibanMod97Reference(b); got != want {
			t.Fatalf("%q: %d, reference %d", b, got, want)
		}
	}
	for _, v := range []string{"GB82WEST12345698765432", "DE89 3704 0044 0532 0130 00", "gb82west12345698765432"} {
		if ibanMod97([]byte(v)) != 1 {
			t.Fatalf("%s: not valid", v)
		}
	}
}
