package classify

import (
	"math/rand"
	"testing"
)

// locTestText builds random text dense in what the location forms read: numbers of 1-10
// digits, street types, particles, capitalized and lower-case words, state codes, cities,
// one-letter words and punctuation.
func locTestText(r *rand.Rand) []byte {
	pieces := []string{"12", "5", "221B", "1600", "10115", "62704", "1012", "00-950", "1100-053", "2009", "1991-1997",
		"12a", "3/4", "123456", " ", " ", " ", " ", ", ", ".", "-", "'", "+", "(c) ", "Copyright ",
		"Baker", "Street", "street", "St.", "Ave", "NW", "rue", "Rue", "de", "la", "van", "der", "of", "y", "e", "E",
		"Calle", "Mayor", "Via", "Roma", "ul.", "Długa", "Hauptstraße", "Kerkstraat", "Lange", "Straße", "Drottninggatan",
		"Berlin", "Paris", "Amsterdam", "Antwerpen", "Lisboa", "Warszawa", "New", "York", "AB", "IL", "NY", "XY", "EUR",
		"order", "Ticket", "portal", "closed", "shipment", "is", "held", "approved", "eu", "ea", "Mike", "Neil", "Groves",
		"Springfield", "Avenida", "da", "Liberdade", "Ébano", "é", "Über", "rock'n'roll", "al-", "Av", "ré", "Ł"}
	var text []byte
	for len(text) < 50 {
		text = append(text, pieces[r.Intn(len(pieces))]...)
		switch r.Intn(10) {
		case 0:
		case 1:
			text = append(text, ", "...)
		default:
			text = append(text, ' ')
		}
	}
	return text
}

// locNumberAt returns the end and digit count of the number Detect reads at p (the house
// number and its range or letter), and whether Detect goes on to read the forms around it.
func locNumberAt(text []byte, p int) (ne, nd int, ok bool) {
	if !isDigit(text[p]) || !leftBoundary(text, p) {
		return 0, 0, false
	}
	ne = p
	for ne < len(text) && isDigit(text[ne]) {
		ne++
	}
	nd = ne - p
	if nd > 5 {
		return 0, 0, false
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
		return 0, 0, false
	}
	return ne, nd, true
}

// TestLocPrechecks backs the pre-tests in locationDetector.Detect: where locBeforeMay is false
// (or no space precedes the number), locUSStateZIP and locNameFirst find nothing; where
// locAfterMay is false (or no space follows), locPostcodeCity and locNumberFirst find nothing.
func TestLocPrechecks(t *testing.T) {
	r := rand.New(rand.NewSource(21))
	found, rejected := 0, 0
	for iter := 0; iter < 60000; iter++ {
		text := locTestText(r)
		for p := range text {
			ne, nd, ok := locNumberAt(text, p)
			if !ok {
				continue
			}
			if !(p > 0 && text[p-1] == ' ' && locBeforeMay(text, p)) {
				rejected++
				if s := locUSStateZIP(text, p, ne, nd); s >= 0 {
					t.Fatalf("locUSStateZIP(%q, %d) = %d where the pre-test rejects", text, p, s)
				}
				if s := locNameFirst(text, p); s >= 0 {
					t.Fatalf("locNameFirst(%q, %d) = %d where the pre-test rejects", text, p, s)
				}
			} else if locNameFirst(text, p) >= 0 || locUSStateZIP(text, p, ne, nd) >= 0 {
				found++
			}
			if !(ne < len(text) && text[ne] == ' ' && locAfterMay(text, ne)) {
				rejected++
				for _, yearish := range []bool{false, true} {
					if e := locPostcodeCity(text, p, ne, nd, yearish); e > 0 {
						t.Fatalf("locPostcodeCity(%q, %d) = %d where the pre-test rejects", text, p, e)
					}
				}
				if e := locNumberFirst(text, ne); e > 0 {
					t.Fatalf("locNumberFirst(%q, %d) = %d where the pre-test rejects", text, ne, e)
				}
			} else if locPostcodeCity(text, p, ne, nd, false) > 0 || locNumberFirst(text, ne) > 0 {
				found++
			}
		}
	}
	if found < 1000 || rejected < 1000 {
		t.Fatalf("%d found, %d rejected: the generator does not exercise the pre-tests", found, rejected)
	}
}

// TestLocPrefixParticleExact: locPrefixParticle (the first-two-bytes filter, then the look-up)
// gives the wordStreetPrefix and wordParticle flags the look-up alone gives, for words of the
// lists, one-letter words ("e", "y") and words that begin like them ("EUR", "yes").
func TestLocPrefixParticleExact(t *testing.T) {
	const pp = wordStreetPrefix | wordParticle
	var ws []string
	for _, l := range wordLists {
		ws = append(ws, *l.list...)
	}
	ws = append(ws, "e", "E", "e.", "y", "Y.", "eu", "EUR", "ea", "yes", "Yx", "e-mail", "rue", "Rue.", "ul.",
		"de", "DE", "De.", "portal", "of", "Of", "x", "é", "ÉBANO", "İm", "a", "st.", "ST")
	for _, w := range ws {
		for _, v := range []string{w, upperASCII(w)} {
			want := locFlags([]byte(v)) & pp
			if got := locPrefixParticle([]byte(v)) & pp; got != want {
				t.Errorf("locPrefixParticle(%q) = %b, want %b", v, got, want)
			}
		}
	}
	// The filter as locNumberFirst and locAfterMay read it, on the bytes after a word's start.
	r := rand.New(rand.NewSource(22))
	for iter := 0; iter < 100000; iter++ {
		text := locTestText(r)
		i := r.Intn(len(text) - 1)
		if !isLower(text[i]) || text[i+1] >= 0x80 || i > 0 && locWord(text, i-1) > i-1 {
			continue
		}
		we := locWord(text, i)
		if we == i {
			continue
		}
		idx := uint(text[i]) | uint(lowerASCII(text[i+1]))<<8
		if locPrefixParticleFirst[idx>>6]&(1<<(idx&63)) == 0 && locFlags(text[i:we])&pp != 0 {
			t.Fatalf("%q: the filter rejects the word %q at %d, a street type or particle", text, text[i:we], i)
		}
	}
}

// TestLocNameFirstNumberFirstLookups: locNameFirst and locNumberFirst, which skip dictionary
// look-ups they do not need, agree with their earlier forms (below), which looked up every
// capitalized word.
func TestLocNameFirstNumberFirstLookups(t *testing.T) {
	r := rand.New(rand.NewSource(23))
	found := 0
	for iter := 0; iter < 60000; iter++ {
		text := locTestText(r)
		for p := range text {
			if !isDigit(text[p]) {
				continue
			}
			got, want := locNameFirst(text, p), locNameFirstRef(text, p)
			if got != want {
				t.Fatalf("locNameFirst(%q, %d) = %d, want %d", text, p, got, want)
			}
			ne := p
			for ne < len(text) && isDigit(text[ne]) {
				ne++
			}
			ge, we := locNumberFirst(text, ne), locNumberFirstRef(text, ne)
			if ge != we {
				t.Fatalf("locNumberFirst(%q, %d) = %d, want %d", text, ne, ge, we)
			}
			if want >= 0 || we > 0 {
				found++
			}
		}
	}
	if found < 1000 {
		t.Fatalf("only %d streets found: the generator does not exercise the forms", found)
	}
}

// locNameFirstRef is locNameFirst before it tested the word before a capitalized word first.
func locNameFirstRef(text []byte, p int) int {
	e := p - 1
	if e < 1 || text[e] != ' ' {
		return -1
	}
	if text[e-1] == ',' {
		e--
	}
	s := locPrevWord(text, e)
	if s < 0 {
		return -1
	}
	w := text[s:e]
	if locGlued(w) {
		return s
	}
	caps := 0
	var f wordFlags
	if isUpper(w[0]) {
		f = locFlags(w)
	} else {
		f = locPrefixParticle(w)
	}
	if f&wordStreetSuffix != 0 && isUpper(w[0]) {
		start := -1
		for k := 0; k < 3 && s > 1 && text[s-1] == ' '; k++ {
			ps := locPrevWord(text, s-1)
			if ps < 0 || !locCapital(text, ps) {
				break
			}
			start, s = ps, ps
		}
		return start
	}
	for k := 0; k < 5; k++ {
		w = text[s:e]
		if f&wordStreetPrefix != 0 && (isUpper(w[0]) || k > 0 && len(w) <= 3) {
			if caps > 0 {
				return s
			}
			return -1
		}
		switch {
		case locCapital(text, s):
			caps++
		case f&wordParticle != 0:
		default:
			return -1
		}
		if s < 2 || text[s-1] != ' ' {
			return -1
		}
		e = s - 1
		s = locPrevWord(text, e)
		if s < 0 {
			return -1
		}
		f = locPrefixParticle(text[s:e])
	}
	return -1
}

// locNumberFirstRef is locNumberFirst before it looked up only the words whose street-suffix
// flag it reads.
func locNumberFirstRef(text []byte, ne int) int {
	i := ne
	if i >= len(text) || text[i] != ' ' {
		return 0
	}
	i++
	first := true
	names := 0
	mixed := false
	for k := 0; k < 6; k++ {
		we := locWord(text, i)
		if we == i {
			return 0
		}
		w := text[i:we]
		var f wordFlags
		if locCapital(text, i) {
			f = locFlags(w)
		} else {
			f = locFlags(w)
		}
		switch {
		case first && f&wordStreetPrefix != 0:
			if e := locNameWords(text, we); e > 0 {
				return e
			}
			return 0
		case names > 0 && f&wordStreetSuffix != 0 && locCapital(text, i) && mixed:
			e := we
			if e+1 < len(text) && text[e] == ' ' {
				de := locWord(text, e+1)
				if de > e+1 && isUpper(text[e+1]) && locFlags(text[e+1:de])&wordDirection != 0 {
					e = de
				}
			}
			return e
		case locCapital(text, i):
			names++
			mixed = mixed || locHasLower(w)
		case f&wordParticle != 0:
		default:
			return 0
		}
		first = false
		if we >= len(text) || text[we] != ' ' {
			return 0
		}
		i = we + 1
	}
	return 0
}

// TestLocAfterMayInlined: locAfterMay, which reads capitals and non-ASCII bytes from its filter
// so that it is small enough to be inlined, agrees with its earlier form (below).
func TestLocAfterMayInlined(t *testing.T) {
	ref := func(text []byte, ne int) bool {
		i := ne + 1
		if i >= len(text) {
			return false
		}
		c := text[i]
		if isUpper(c) || c >= 0x80 {
			return true
		}
		if !isLower(c) {
			return false
		}
		if i+1 < len(text) && text[i+1] < 0x80 {
			idx := uint(c) | uint(lowerASCII(text[i+1]))<<8
			return locPrefixParticleFirst[idx>>6]&(1<<(idx&63)) != 0
		}
		return true
	}
	r := rand.New(rand.NewSource(25))
	for iter := 0; iter < 20000; iter++ {
		text := locTestText(r)
		text = text[:r.Intn(len(text)+1)]
		for ne := 0; ne <= len(text); ne++ {
			if got, want := locAfterMay(text, ne), ref(text, ne); got != want {
				t.Fatalf("locAfterMay(%q, %d) = %v, want %v", text, ne, got, want)
			}
		}
	}
	for c := 0; c < 256; c++ {
		for _, text := range [][]byte{{' ', byte(c)}, {' ', byte(c), 'a'}, {' ', 'a', byte(c)}, {' ', 'r', byte(c)}} {
			if got, want := locAfterMay(text, 0), ref(text, 0); got != want {
				t.Fatalf("locAfterMay(%q, 0) = %v, want %v", text, got, want)
			}
		}
	}
}
