package classify

import (
	"unicode"
	"unicode/utf8"
)

// locationDetector finds LOCATION: street addresses and postal boxes.
//   - number first: "221B Baker Street", "1600 Pennsylvania Ave NW",
//     "10 rue de Rivoli", "5 Avenida da Liberdade";
//   - name first: "Hauptstraße 5", "Kerkstraat 12a", "Drottninggatan 3",
//     "Calle Mayor 5", "Via Roma 10", "ul. Długa 5", "Lange Straße 7";
//   - a postcode before a known city: "10115 Berlin", "75001 Paris",
//     "1012 AB Amsterdam";
//   - postal boxes: "PO Box 123", "P.O. Box 45", "Postfach 1234",
//     "Apartado 12", "BP 35".
//
// Street-type words come from the embedded dictionary (faker's English
// street suffixes) and the lists in dict.go for other languages. Triggered
// by digits and the postal-box keywords.
type locationDetector struct{}

func init() { registerBuiltin(&locationDetector{}) }

func (*locationDetector) Name() string   { return "location" }
func (*locationDetector) Types() TypeSet { return SetOf(Location) }
func (*locationDetector) Triggers() Triggers {
	// A digit after a word byte other than a capital starts neither a house number nor a UK
	// postcode (whose one or two capitals start a word): see the !leftBoundary branch of Detect.
	return Triggers{Bytes: "0123456789", Keywords: locPOBoxKeywords, Before: locGateBefore, SkipWord: true}
}

// locGateBefore is the Before gate: the start of the value, a byte that is not part of a word, or
// a capital.
func locGateBefore(c int) bool { return c < 0 || !isWordByte(byte(c)) || isUpper(byte(c)) }

var locPOBoxKeywords = []string{"po box", "p.o. box", "p. o. box", "post box", "postfach", "apartado", "casilla",
	"caixa postal", "bp ", "postbus", "skrytka pocztowa"}

// locGluedSuffixes end one-word street names: Hauptstraße, Kerkstraat.
var locGluedSuffixes = []string{"straße", "strasse", "str.", "straat", "gatan", "vägen", "gränd", "weg", "gasse",
	"laan", "allee", "platz", "plein", "gracht", "kade", "singel", "dijk", "vej", "gade", "veien", "vegen",
	"katu", "kuja", "tie", "utca", "ring", "damm", "ufer", "steig", "pfad"}

// locParticles may sit lower-case inside a street name.
var locParticles = []string{"de", "du", "des", "la", "le", "les", "del", "della", "delle", "di", "da", "do", "dos",
	"das", "van", "von", "der", "den", "the", "of", "y", "e", "st", "sankt", "saint", "am", "an", "auf", "im", "zum", "zur"}

var locDirections = []string{"n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west"}

func (*locationDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
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
	// A space after the digits (most numbers in prose) ends the number: no range, no letter.
	if ne >= len(text) || text[ne] != ' ' {
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

// locBeforeMay reports whether a form that reads back from the number at p (text[p-1] is a
// space) may match: a state code ("IL 62704") or the end of a word (locNameFirst: a letter, a
// non-ASCII byte, or the '.', apostrophe or '-' that locPrevWord takes, maybe before a comma). A digit
// or other punctuation there ("+44 20 7946") ends both. Small enough to be inlined.
//
// (The state code needs no test of its own: its second capital, right before the space, is a
// letter that ends a word.)
func locBeforeMay(text []byte, p int) bool {
	e := p - 1
	if e >= 1 && text[e-1] == ',' {
		e--
	}
	return e >= 1 && locWordEnd[text[e-1]]
}

// locWordEnd[c]: c may end the word locPrevWord reads.
var locWordEnd = func() (t [256]bool) {
	for c := range t {
		t[c] = isAlpha(byte(c)) || c >= utf8.RuneSelf || c == '.' || c == '\'' || c == '-'
	}
	return t
}()

// locAfterMay reports whether a form that reads on after the number (text[ne] is a space) may
// match: locPostcodeCity wants a capital (or a non-ASCII letter) after the space, locNumberFirst a
// word that is capitalized or begins like a street type or particle (locPrefixParticleFirst).
// Small enough to be inlined.
func locAfterMay(text []byte, ne int) bool {
	i := ne + 1
	if i+1 >= len(text) {
		return i < len(text) && locLetterByte[text[i]]
	}
	// The filter passes a capital or non-ASCII first byte, and a non-ASCII second byte.
	idx := uint(text[i]) | uint(lowerASCII(text[i+1]))<<8
	return locPrefixParticleFirst[idx>>6]&(1<<(idx&63)) != 0
}

// locLetterByte[c]: c is an ASCII letter or a non-ASCII byte.
var locLetterByte = func() (t [256]bool) {
	for c := range t {
		t[c] = isAlpha(byte(c)) || c >= utf8.RuneSelf
	}
	return t
}()

// locWord returns the end of the word at i (letters, UTF-8, inner ' and -,
// a trailing '.' of an abbreviation), or i if none.
func locWord(text []byte, i int) int {
	j := i
	for j < len(text) && (isAlpha(text[j]) || text[j] >= 0x80 ||
		((text[j] == '\'' || text[j] == '-') && j > i && j+1 < len(text) && isAlpha(text[j+1]))) {
		j++
	}
	if j > i && j < len(text) && text[j] == '.' {
		j++
	}
	return j
}

// locPrevWord returns the start of the word ending at e (exclusive), or -1.
func locPrevWord(text []byte, e int) int {
	s := e
	if s > 0 && text[s-1] == '.' {
		s--
	}
	for s > 0 && (isAlpha(text[s-1]) || text[s-1] >= 0x80 || ((text[s-1] == '\'' || text[s-1] == '-') && s > 1 && isAlpha(text[s-2]))) {
		s--
	}
	if s == e || (s < e && text[s] == '.') {
		return -1
	}
	return s
}

func locCapital(text []byte, s int) bool {
	if s >= len(text) {
		return false
	}
	if text[s] < utf8.RuneSelf {
		return isUpper(text[s])
	}
	r, _ := utf8.DecodeRune(text[s:])
	return unicode.IsUpper(r)
}

// locYearish: the number at p..ne is a year (1800-2099) or a range of years,
// as in copyright lines ("2009 Martin", "1991-1997, Thomas G. Lane").
func locYearish(text []byte, p, ne int) bool {
	y := func(i int) bool {
		return i+4 <= len(text) && (text[i] == '1' && (text[i+1] == '8' || text[i+1] == '9') || text[i] == '2' && text[i+1] == '0') &&
			isDigit(text[i+2]) && isDigit(text[i+3])
	}
	switch ne - p {
	case 4:
		return y(p)
	case 9:
		return y(p) && text[p+4] == '-' && y(p+5)
	}
	return false
}

// locCopyrightBefore: "copyright", "(c)" or "©" within 24 bytes before p.
func locCopyrightBefore(text []byte, p int) bool {
	lo := p - 24
	if lo < 0 {
		lo = 0
	}
	return containsFold(text, lo, p, "copyright") || containsFold(text, lo, p, "(c)") || containsFold(text, lo, p, "©")
}

// locNameLike: the first word after the number at ne is a given name or a
// surname ("2018 Mike", "2009 Neil Groves").
func locNameLike(text []byte, ne, e int) bool {
	i := ne
	for i < e && (text[i] == ' ' || text[i] == ',') {
		i++
	}
	we := locWord(text, i)
	return we > i && personLookup(text[i:we])&(wordGiven|wordSurname) != 0
}

func locFlags(w []byte) wordFlags {
	if len(w) > 1 && w[len(w)-1] == '.' {
		w = w[:len(w)-1]
	}
	return words().lookup(w)
}

// locPrefixParticleFirst is a filter over the first two bytes (ASCII case folded) of the words
// that carry wordStreetPrefix or wordParticle: the hand-written lists of dict.go's wordLists
// (the embedded dictionaries carry neither flag). A one-byte word ("y", "e") sets every second
// byte that is no ASCII letter (0 stands for none): after a letter, a word is longer ("EUR").
var locPrefixParticleFirst = func() *[1024]uint64 {
	t := new([1024]uint64)
	// For locAfterMay, which reads the filter without lowering the first byte: a capital or a
	// non-ASCII first byte (a capitalized word) passes, and so does a non-ASCII second byte.
	for a := 0; a < 256; a++ {
		for b := 0; b < 256; b++ {
			if isUpper(byte(a)) || a >= utf8.RuneSelf || isLower(byte(a)) && b >= utf8.RuneSelf {
				idx := uint(a) | uint(b)<<8
				t[idx>>6] |= 1 << (idx & 63)
			}
		}
	}
	for _, l := range wordLists {
		if l.flag&(wordStreetPrefix|wordParticle) == 0 {
			continue
		}
		for _, w := range *l.list {
			for b := 0; b < 256; b++ {
				if len(w) >= 2 && byte(b) != lowerASCII(w[1]) || len(w) == 1 && isAlpha(byte(b)) {
					continue
				}
				idx := uint(lowerASCII(w[0])) | uint(b)<<8
				t[idx>>6] |= 1 << (idx & 63)
			}
		}
	}
	return t
}()

// locPrefixParticle returns locFlags(w) as far as wordStreetPrefix and wordParticle go (other
// flags may be missing): a word whose first two bytes are ASCII and miss the filter has
// neither, without a dictionary lookup.
func locPrefixParticle(w []byte) wordFlags {
	if len(w) == 0 || w[0] >= utf8.RuneSelf {
		return locFlags(w)
	}
	var b byte
	if len(w) > 1 {
		if b = w[1]; b >= utf8.RuneSelf {
			return locFlags(w)
		}
	}
	idx := uint(lowerASCII(w[0])) | uint(lowerASCII(b))<<8
	if locPrefixParticleFirst[idx>>6]&(1<<(idx&63)) == 0 {
		return 0
	}
	return locFlags(w)
}

// locGluedByLast buckets locGluedSuffixes by their last byte (lower case; hasPrefixFold folds
// ASCII only, so a word's last byte, ASCII-lowered, picks the only suffixes it can end).
var locGluedByLast = func() (t [256][]string) {
	for _, suf := range locGluedSuffixes {
		t[suf[len(suf)-1]] = append(t[suf[len(suf)-1]], suf)
	}
	return t
}()

// locGlued: a capitalized word ending in a glued street suffix.
func locGlued(w []byte) bool {
	if len(w) == 0 || !(isUpper(w[0]) || w[0] >= 0xC3) {
		return false
	}
	for _, suf := range locGluedByLast[lowerASCII(w[len(w)-1])] {
		if len(w) > len(suf)+1 && hasPrefixFold(w, len(w)-len(suf), suf) {
			return true
		}
	}
	return false
}

// locPostcodeCity: a 4-5 digit postcode (NL: plus two capitals) and a city
// from the dictionary after it. Returns the span end or 0.
//
// After a year-like number only a major city counts ("2000 Antwerpen", not
// "2007 University").
func locPostcodeCity(text []byte, p, ne, nd int, yearish bool) int {
	switch {
	case ne-p == nd && (nd == 4 || nd == 5): // 10115, 1012 (AB)
	case ne-p == 8 && nd == 7 && text[p+4] == '-': // PT 1100-053
	case ne-p == 6 && nd == 5 && text[p+2] == '-': // PL 00-950
	default:
		return 0
	}
	i := ne
	if i+4 <= len(text) && text[i] == ' ' && isUpper(text[i+1]) && isUpper(text[i+2]) && (i+3 == len(text) || text[i+3] == ' ') {
		i += 3 // NL "1012 AB"
	}
	if i+1 >= len(text) || text[i] != ' ' || !locCapital(text, i+1) {
		return 0
	}
	s := i + 1
	best := 0
	e := s
	for k := 0; k < 3; k++ {
		we := locWord(text, e)
		if we == e {
			break
		}
		if f := locFlags(text[s:we]); f&wordCity != 0 && (!yearish || f&wordMajorCity != 0) {
			best = we
		}
		if we >= len(text) || text[we] != ' ' {
			break
		}
		e = we + 1
	}
	return best
}

// locNumberFirst reads "<number> [Name words] <suffix>" or "<number> <prefix
// type> <name words>" from just after the number; returns the span end or 0.
func locNumberFirst(text []byte, ne int) int {
	i := ne
	if i >= len(text) || text[i] != ' ' {
		return 0
	}
	i++
	// The first word is capitalized, a street type ("rue") or a particle ("de"): a lower-case
	// ASCII word whose first two bytes miss locPrefixParticleFirst is none of them, and is
	// rejected before it is read (most numbers in prose: "1000 closed").
	if i+1 < len(text) && isLower(text[i]) && text[i+1] < utf8.RuneSelf {
		idx := uint(text[i]) | uint(lowerASCII(text[i+1]))<<8
		if locPrefixParticleFirst[idx>>6]&(1<<(idx&63)) == 0 {
			return 0
		}
	}
	first := true
	names := 0
	mixed := false // a name word in mixed case: not an acronym run ("3 PSK Key")
	for k := 0; k < 6; k++ {
		we := locWord(text, i)
		if we == i {
			return 0
		}
		w := text[i:we]
		// Only wordStreetPrefix and wordParticle are read below, except of a capitalized word
		// after a name word of mixed case, which may be the street type ("Baker Street"): the
		// dictionary is read for that one only ("1000 EUR" needs no look-up).
		var f wordFlags
		if names > 0 && mixed && locCapital(text, i) {
			f = locFlags(w)
		} else {
			f = locPrefixParticle(w)
		}
		switch {
		case first && f&wordStreetPrefix != 0:
			// "10 rue de Rivoli": the name follows.
			if e := locNameWords(text, we); e > 0 {
				return e
			}
			return 0
		case names > 0 && f&wordStreetSuffix != 0 && locCapital(text, i) && mixed:
			e := we
			// Optional direction: "Ave NW".
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

// locNameWords reads the street name after a prefix type: particles and
// capitalized words, at least one capitalized; returns its end or 0.
func locNameWords(text []byte, i int) int {
	end, caps := 0, 0
	for k := 0; k < 5; k++ {
		if i >= len(text) || text[i] != ' ' {
			break
		}
		i++
		we := locWord(text, i)
		if we == i {
			break
		}
		if locCapital(text, i) {
			caps++
			end = we
		} else if locFlags(text[i:we])&wordParticle == 0 {
			break
		}
		i = we
	}
	if caps == 0 {
		return 0
	}
	if end > 0 && text[end-1] == '.' {
		end--
	}
	return end
}

// locNameFirst looks back from a house number at p for a street name:
// a glued-suffix word ("Hauptstraße 5"), a name and a separate suffix
// ("Lange Straße 7"), or a prefix type and a name ("Calle Mayor 5",
// "ul. Długa 5"). Returns the street's start or -1.
func locNameFirst(text []byte, p int) int {
	e := p - 1
	if e < 1 || text[e] != ' ' {
		return -1
	}
	if text[e-1] == ',' { // "Hauptstraße, 5" is rare but "Via Roma, 10" is common
		e--
	}
	s := locPrevWord(text, e)
	if s < 0 {
		return -1
	}
	w := text[s:e]
	// The flags of text[s:e], looked up once per word; of a word that is not capitalized, and
	// of the words further back, only wordStreetPrefix and wordParticle are read.
	var f wordFlags
	lower := isLower(w[0])
	if lower {
		// A word in lower case is no glued street name, street type or name word, and starts
		// no prefix type here (the first word read back must be capitalized to be one): it goes
		// on only as a particle ("of", "de"), settled without the loop ("order 1234").
		if f = locPrefixParticle(w); f&wordParticle == 0 {
			return -1
		}
	} else if locGlued(w) {
		return s
	}
	caps := 0
	switch {
	case lower: // f is read above
	case isUpper(w[0]):
		// Both readings of a capitalized word (a street type after a name, or a name word after
		// a prefix type) go on to the word before it, which must be capitalized, a street type
		// or a particle: test that first, without the look-up ("portal. Ticket 1234").
		if s < 2 || text[s-1] != ' ' {
			return -1
		}
		ps := locPrevWord(text, s-1)
		if ps < 0 || !locCapital(text, ps) && locPrefixParticle(text[ps:s-1])&(wordStreetPrefix|wordParticle) == 0 {
			return -1
		}
		f = locFlags(w)
	default:
		f = locPrefixParticle(w)
	}
	if f&wordStreetSuffix != 0 && isUpper(w[0]) {
		// "Lange Straße 7": capitalized words before the suffix.
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
	// Walk back over name words to a prefix type.
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

// locPOBox: a postal-box keyword, optional "No."/"#", and a number.
func locPOBox(text []byte, c Candidate, sink Sink) int {
	if !leftBoundary(text, c.Pos) {
		return c.End
	}
	kw := locPOBoxKeywords[c.Keyword]
	if kw == "bp " && (text[c.Pos] != 'B' || text[c.Pos+1] != 'P') {
		return c.End
	}
	i := c.End
	for i < len(text) && text[i] == ' ' {
		i++
	}
	if hasPrefixFold(text, i, "no.") {
		i += 3
	} else if i < len(text) && text[i] == '#' {
		i++
	}
	for i < len(text) && text[i] == ' ' {
		i++
	}
	ds := i
	for i < len(text) && isDigit(text[i]) {
		i++
	}
	if i == ds || i-ds > 8 || (i < len(text) && (text[i] == '/' || isAlpha(text[i]))) {
		return c.End
	}
	sink.Span(Span{Start: c.Pos, End: i, Type: Location, Score: 0.85})
	return i
}

var usStates = "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR"

// locUSStateZIP: "Springfield, IL 62704" (ZIP or ZIP+4 at p..ne after a
// state code); returns the start of the city (or of the state) or -1.
func locUSStateZIP(text []byte, p, ne, nd int) int {
	if !(ne-p == 5 && nd == 5 || ne-p == 10 && nd == 9 && text[p+5] == '-') {
		return -1
	}
	if p < 4 || text[p-1] != ' ' || !isUpper(text[p-2]) || !isUpper(text[p-3]) || (p > 3 && isAlnum(text[p-4])) {
		return -1
	}
	st := text[p-3 : p-1]
	found := false
	for i := 0; i+2 <= len(usStates); i += 3 {
		if usStates[i] == st[0] && usStates[i+1] == st[1] {
			found = true
			break
		}
	}
	if !found {
		return -1
	}
	start := p - 3
	// City: capitalized words before ", ".
	if start >= 2 && text[start-1] == ' ' && text[start-2] == ',' {
		e := start - 2
		for k := 0; k < 3; k++ {
			s := locPrevWord(text, e)
			if s < 0 || !locCapital(text, s) {
				break
			}
			start = s
			if s < 1 || text[s-1] != ' ' {
				break
			}
			e = s - 1
		}
	}
	return start
}

// locUKPostcode: a UK postcode (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA,
// AA9A 9AA) whose first digit is at p. Returns its bounds, or e == 0.
func locUKPostcode(text []byte, p int) (s, e int) {
	s = p
	for s > 0 && p-s < 2 && isUpper(text[s-1]) {
		s--
	}
	if s == p || !leftBoundary(text, s) {
		return 0, 0
	}
	i := p + 1
	if i < len(text) && (isDigit(text[i]) || isUpper(text[i])) {
		i++
	}
	if i+4 > len(text) || text[i] != ' ' || !isDigit(text[i+1]) || !isUpper(text[i+2]) || !isUpper(text[i+3]) {
		return 0, 0
	}
	e = i + 4
	if !rightBoundary(text, e) {
		return 0, 0
	}
	return s, e
}

func locHasLower(w []byte) bool {
	for _, c := range w {
		if isLower(c) {
			return true
		}
	}
	return false
}
