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

// TestLocNameFirstLowerWord compares locNameFirst (a lower-case word before the number settled
// as a particle or nothing) with its reference over random runs of street words, particles,
// names and prose before a number.
func TestLocNameFirstLowerWord(t *testing.T) {
	rng := rand.New(rand.NewSource(23))
	vocab := []string{"Via", "Roma", "rue", "Rue", "de", "la", "of", "order", "Calle", "Mayor", "Hauptstraße",
		"Lange", "Straße", "ul.", "Długa", "Street", "Baker", "del", "van", "St.", "Ticket", "portal.", "Refund",
		"shipment", "y", "e", "am", "Am", "Platz", "avenida", "Avenida", "da", "Liberdade", "Kerkstraat", "x",
		"O'Connell", "saint-denis", "étage", "Élysées", "des", "Champs-Élysées", "EUR", "IL", "and"}
	seps := []string{" ", " ", " ", ", ", ". ", "-"}
	found := 0
	for n := 0; n < 200000; n++ {
		var text []byte
		for m := rng.Intn(5); m >= 0; m-- {
			text = append(text, vocab[rng.Intn(len(vocab))]...)
			if m > 0 {
				text = append(text, seps[rng.Intn(len(seps))]...)
			}
		}
		if rng.Intn(4) == 0 {
			text = append(text, ',')
		}
		text = append(text, " 12"...)
		p := len(text) - 2
		if got, want := locNameFirst(text, p), locNameFirstRef(text, p); got != want {
			t.Fatalf("locNameFirst(%q) = %d, want %d", text, got, want)
		} else if want >= 0 {
			found++
		}
	}
	if found < 1000 {
		t.Fatalf("only %d streets found: the generator does not exercise the forms", found)
	}
}
