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

// TestLocDetectSpaceAfter compares locationDetector.Detect (a space after the digits settles the
// range, letter and boundary tests) with its reference at every digit of random texts of
// street words, numbers with ranges, letters and punctuation.
func TestLocDetectSpaceAfter(t *testing.T) {
	rng := rand.New(rand.NewSource(23))
	vocab := []string{"Via", "Roma", "rue", "de", "la", "Rivoli", "Baker", "Street", "St", "Ave", "NW", "Hauptstraße",
		"Berlin", "Paris", "Amsterdam", "AB", "IL", "Springfield", "order", "Ticket", "closed", "PO Box", "12", "5",
		"221B", "10-12", "3/4", "1600", "10115", "75001", "1012", "2009", "1991-1997", "+44", "20", "7946",
		"123.45", "EUR", "SW1A", "1AA", "7a", "12,", "5.", "1-", "x", "é", "_"}
	seps := []string{" ", " ", " ", ", ", ". ", "-", "", ":"}
	var d locationDetector
	found := 0
	for iter := 0; iter < 100000; iter++ {
		var text []byte
		for m := rng.Intn(7); m >= 0; m-- {
			text = append(text, vocab[rng.Intn(len(vocab))]...)
			if m > 0 {
				text = append(text, seps[rng.Intn(len(seps))]...)
			}
		}
		for p := range text {
			if !isDigit(text[p]) {
				continue
			}
			var got, want SpanBuffer
			c := Candidate{Pos: p, End: p + 1, Keyword: -1}
			g := d.Detect(text, c, &Context{}, &got)
			w := locDetectRef(text, c, &Context{}, &want)
			if g != w || len(got.Spans) != len(want.Spans) || len(got.Spans) > 0 && got.Spans[0] != want.Spans[0] {
				t.Fatalf("Detect(%q, %d) = %d %v, want %d %v", text, p, g, got.Spans, w, want.Spans)
			}
			found += len(want.Spans)
		}
	}
	if found < 1000 {
		t.Fatalf("only %d locations found: the generator does not exercise the forms", found)
	}
}

func locDetectRef(text []byte, c Candidate, ctx *Context, sink Sink) int {
	if c.Keyword >= 0 {
		return locPOBox(text, c, sink)
	}
	p := c.Pos
	if !leftBoundary(text, p) {
		if s, e := locUKPostcode(text, p); e > 0 {
			sink.Span(Span{Start: s, End: e, Type: Location, Score: 0.75})
			return e
		}
		// A later digit of this run of letters and digits has a letter or digit before it,
		// inside the word: it starts no house number, and no postcode either (its capitals
		// would not start the word).
		return skipAlnum(text, p)
	}
	// House number: 1-5 digits, an optional letter, an optional range/fraction.
	ne := p + digitRun8(text, p) // eight bytes at a time: most numbers end within the first word
	if ne-p == 8 {
		for ne < len(text) && isDigit(text[ne]) {
			ne++
		}
	}
	nd := ne - p
	if nd > 5 {
		return ne
	}
	if ne+1 < len(text) && (text[ne] == '-' || text[ne] == '/') && isDigit(text[ne+1]) {
		k := ne + 1
		for k < len(text) && isDigit(text[k]) {
			k++
		}
		if k-ne-1 <= 4 {
			nd += k - ne - 1
			ne = k
		}
	}
	if ne < len(text) && isAlpha(text[ne]) && rightBoundary(text, ne+1) {
		ne++
	}
	if !rightBoundary(text, ne) && !(ne < len(text) && (text[ne] == ',' || text[ne] == '.')) {
		return ne
	}
	// Every form below has a space before the number (a street name or a state code before it)
	// or after it (a street or a city after it): most numbers in prose have neither ("v2.14",
	// "12:30", the groups of "192.168.10.42"). Each side is then judged on a byte or two
	// (locBeforeMay, locAfterMay: a digit or a lower-case word that no street type or particle
	// begins with ends both of its forms) before any form is read: most numbers with a space
	// next to them ("order 1234,", "+44 20 7946 0958", "Ticket 1234 closed") fail both.
	before := p > 0 && text[p-1] == ' ' && locBeforeMay(text, p)
	after := ne < len(text) && text[ne] == ' ' && locAfterMay(text, ne)
	if !before && !after {
		return ne
	}
	// locUSStateZIP's own first tests, inlined: two capitals before the space ("IL 62704").
	if before && p >= 4 && isUpper(text[p-2]) && isUpper(text[p-3]) {
		if s := locUSStateZIP(text, p, ne, nd); s >= 0 {
			sink.Span(Span{Start: s, End: ne, Type: Location, Score: 0.8})
			return ne
		}
	}
	yearish := (ne-p == 4 || ne-p == 9) && locYearish(text, p, ne)
	if yearish && locCopyrightBefore(text, p) {
		return ne
	}
	if after {
		if e := locPostcodeCity(text, p, ne, nd, yearish); e > 0 && !(yearish && locNameLike(text, ne, e)) {
			sink.Span(Span{Start: p, End: e, Type: Location, Score: 0.8})
			return e
		}
		if e := locNumberFirst(text, ne); e > 0 && !(yearish && locNameLike(text, ne, e)) && !(yearish && ne-p > 4) {
			sink.Span(Span{Start: p, End: e, Type: Location, Score: 0.85})
			return e
		}
	}
	if before {
		if s := locNameFirst(text, p); s >= 0 {
			sink.Span(Span{Start: s, End: ne, Type: Location, Score: 0.85})
			return ne
		}
	}
	return ne
}

// TestLocBeforeMayStateCode: locBeforeMay without its own state-code test answers as it did
// with it ("IL 62704": the capital before the space ends a word), over every pair of bytes
// before the space.
func TestLocBeforeMayStateCode(t *testing.T) {
	ref := func(text []byte, p int) bool {
		if p >= 4 && isUpper(text[p-2]) && isUpper(text[p-3]) {
			return true
		}
		e := p - 1
		if e >= 1 && text[e-1] == ',' {
			e--
		}
		return e >= 1 && locWordEnd[text[e-1]]
	}
	for a := 0; a < 256; a++ {
		for b := 0; b < 256; b++ {
			for _, pre := range []string{"", "x", " x", "XY"} {
				text := append([]byte(pre), byte(a), byte(b), ' ', '5')
				p := len(text) - 1
				if got, want := locBeforeMay(text, p), ref(text, p); got != want {
					t.Fatalf("locBeforeMay(%q, %d) = %v, want %v", text, p, got, want)
				}
			}
		}
	}
}
