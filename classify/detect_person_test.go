package classify

import (
	"math/rand"
	"testing"
)

// TestPersonMayBeIntroduced backs the inlined first test of personIntroduced: where it says
// false, personIntroduced finds no label or self-introduction, on random text built from the
// phrases and labels themselves, their last bytes, colons and spaces.
func TestPersonMayBeIntroduced(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	pieces := append([]string{"my name is ", "This is ", "mi nombre es ", "I am ", "I'm ", "I’m ", "call me ",
		"je m'appelle ", "ich heiße ", "ICH HEISSE ", "me llamo ", "mi chiamo ", "ik heet ", "meu nome é ",
		" ", ":", ": ", "s", "e", "x", "é", "Anna"}, personIntroLabels...)
	found := 0
	for iter := 0; iter < 20000; iter++ {
		var text []byte
		for len(text) < 30 {
			text = append(text, pieces[r.Intn(len(pieces))]...)
		}
		for p := 0; p <= len(text); p++ {
			intro := personIntroduced(text, p)
			if intro != introNone {
				found++
			}
			if intro != introNone && !personMayBeIntroduced(text, p) {
				t.Fatalf("personIntroduced(%q, %d) = %d but personMayBeIntroduced is false", text, p, intro)
			}
		}
	}
	if found < 1000 {
		t.Fatalf("only %d introductions found: the generator does not exercise the test", found)
	}
}
