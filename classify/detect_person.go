package classify

import (
	"unicode"
	"unicode/utf8"
)

// personDetector finds PERSON names by capitalization and the embedded
// given-name and surname dictionaries (data/, from @faker-js/faker):
//   - a given name, optional middle names or initials, and a surname, each
//     capitalized ("Maria Garcia", "John F. Kennedy", "Anne-Marie O'Neil");
//   - a title followed by capitalized words ("Dr. Okafor", "Frau Schulz");
//   - in a column whose name says it holds names (ColumnPerson), any run of
//     capitalized words one of which is a known given name or surname.
//
// In a column that holds places (ColumnAddress) it also reports city names
// from the dictionary as LOCATION. Triggered by ASCII capitals and UTF-8 lead
// bytes (names such as "Łukasz", "Örjan"); each word is examined once.
type personDetector struct{}

func init() { registerBuiltin(personDetector{}) }

func (personDetector) Name() string   { return "person" }
func (personDetector) Types() TypeSet { return SetOf(Person, Location) }
func (personDetector) Triggers() Triggers {
	return Triggers{Bytes: "ABCDEFGHIJKLMNOPQRSTUVWXYZ\xc3\xc4\xc5\xd0\xd1"}
}

// maxNameWords bounds a name: given, two middle names, surname.
const maxNameWords = 4

// personTitles precede a name. Matched ASCII case-insensitively, with an
// optional '.' after.
var personTitles = []string{"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "herr", "frau",
	"mme", "mlle", "sr", "sra", "srta", "sig", "sig.ra", "dott", "pan", "pani"}

// personNotFirst are words in the given-name lists that are more often plain
// words or places at the start of a capitalized run; they start a name only
// after a title or in a names column.
var personNotFirst = []string{"will", "may", "june", "april", "august", "grace", "hope", "faith", "joy", "rose",
	"summer", "autumn", "dawn", "art", "bill", "pat", "guy", "major", "king", "north", "long", "san", "van",
	"china", "india", "paris", "georgia", "virginia", "carolina", "florence", "new", "the", "young", "dear",
	"happy", "merry", "christian", "royal", "page", "chase", "sky", "river", "star", "sunny", "city", "lane",
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// personNotLast end organization and place names, not people ("Grace
// Church", "Victoria Station").
var personNotLast = []string{"inc", "ltd", "llc", "gmbh", "corp", "co", "ag", "sa", "plc", "university", "college",
	"school", "hospital", "bank", "church", "group", "company", "foundation", "station", "airport", "hotel",
	"street", "road", "avenue", "park", "square", "bridge", "river", "lake", "island", "county", "city", "center",
	"centre", "day", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
	"february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "utc", "gmt"}

// nameWord is one capitalized word of a run.
type nameWord struct {
	s, e    int
	flags   wordFlags
	initial bool // "F."
	title   bool
}

func (personDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	if !leftBoundary(text, p) {
		return personWordEnd(text, p)
	}
	var ws [maxNameWords + 1]nameWord
	n := 0
	i := p
	for n < len(ws) {
		e, ok := personCapWord(text, i)
		if !ok {
			break
		}
		w := nameWord{s: i, e: e}
		if e-i == 1 && e < len(text) && text[e] == '.' { // initial
			w.initial, w.e = true, e+1
		} else {
			w.flags = personLookup(text[i:e])
			w.title = n == 0 && w.flags&wordTitle != 0
			if w.title && e < len(text) && text[e] == '.' {
				w.e = e + 1
			}
		}
		ws[n] = w
		n++
		// Next word: after exactly one space ("." of a title or initial consumed above).
		// In a names column, "Surname, Given" is one name too.
		j := w.e
		if ctx.Has(ColumnPerson) && j+2 < len(text) && text[j] == ',' && text[j+1] == ' ' {
			j++
		}
		if j+1 >= len(text) || text[j] != ' ' {
			break
		}
		i = j + 1
	}
	if n == 0 {
		return personWordEnd(text, p)
	}
	end := ws[n-1].e
	if ctx.Has(ColumnAddress) && ctx.Wants(Location) && personCity(text, ws[:n], sink) {
		return end
	}
	if !ctx.Wants(Person) {
		return end
	}
	words := ws[:n]
	if words[0].title {
		if len(words) >= 2 && !words[1].initial && words[len(words)-1].flags&wordNotLast == 0 {
			sink.Span(Span{Start: words[1].s, End: personTrim(text, words[len(words)-1]), Type: Person, Score: 0.85})
		}
		return end
	}
	if ctx.Has(ColumnPerson) {
		known := false
		for _, w := range words {
			known = known || w.flags&(wordGiven|wordSurname) != 0
		}
		if known {
			score := float32(0.75)
			if len(words) > 1 {
				score = 0.85
			}
			sink.Span(Span{Start: words[0].s, End: personTrim(text, words[len(words)-1]), Type: Person, Score: score})
		}
		return end
	}
	// Free text: given name first, surname last, given names or initials between.
	// Try the longest run first, then shorter ones ("Anna Schmidt Street" -> no; "Anna Schmidt said").
	for k := len(words); k >= 2; k-- {
		first, last := words[0], words[k-1]
		if first.flags&wordGiven == 0 || last.initial || last.flags&wordSurname == 0 ||
			first.flags&wordNotFirst != 0 || last.flags&wordNotLast != 0 {
			continue
		}
		mid := true
		for _, w := range words[1 : k-1] {
			mid = mid && (w.initial || w.flags&(wordGiven|wordSurname) != 0)
		}
		if !mid {
			continue
		}
		// A street or org word right after makes it a place ("Anna Schmidt Straße").
		if k < len(words) && words[k].flags&(wordStreetSuffix) != 0 {
			return end
		}
		sink.Span(Span{Start: first.s, End: personTrim(text, last), Type: Person, Score: 0.85})
		return last.e
	}
	return ws[0].e
}

// personCity reports LOCATION for the longest run prefix that is a city name.
func personCity(text []byte, ws []nameWord, sink Sink) bool {
	d := words()
	for k := len(ws); k >= 1; k-- {
		e := ws[k-1].e
		if d.lookup(text[ws[0].s:e])&wordCity != 0 {
			sink.Span(Span{Start: ws[0].s, End: e, Type: Location, Score: 0.7})
			return true
		}
	}
	return false
}

// personTrim drops a trailing '.' of an initial or title from a span end.
func personTrim(text []byte, w nameWord) int {
	if w.e > w.s && text[w.e-1] == '.' && (w.initial || w.title) {
		return w.e - 1
	}
	return w.e
}

// personCapWord returns the end of the capitalized word at i: a capital
// letter then letters, with inner apostrophes and hyphens ("O'Neil",
// "Jean-Luc"). ok is false when text[i] does not start one.
func personCapWord(text []byte, i int) (int, bool) {
	if i >= len(text) {
		return i, false
	}
	if c := text[i]; c < utf8.RuneSelf {
		if !isUpper(c) {
			return i, false
		}
		i++
	} else {
		r, size := utf8.DecodeRune(text[i:])
		if !unicode.IsUpper(r) {
			return i, false
		}
		i += size
	}
	for i < len(text) {
		c := text[i]
		switch {
		case isAlpha(c):
			i++
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(text[i:])
			if !unicode.IsLetter(r) && r != '’' {
				return i, true
			}
			i += size
		case (c == '\'' || c == '-') && i+1 < len(text) && (isAlpha(text[i+1]) || text[i+1] >= utf8.RuneSelf):
			i++
		default:
			return i, true
		}
	}
	return i, true
}

// personWordEnd skips the word at p so the detector sees each word once.
func personWordEnd(text []byte, p int) int {
	i := p
	for i < len(text) && isWordByte(text[i]) {
		i++
	}
	if i == p {
		i++
	}
	return i
}

// personLookup looks a word up; a hyphenated word not in the dictionaries
// as a whole takes the flags of its first part ("García-López").
func personLookup(w []byte) wordFlags {
	d := words()
	if f := d.lookup(w); f != 0 {
		return f
	}
	for k, c := range w {
		if c == '-' && k > 0 {
			// Arabic family names: Al-Sayed, El-Masri, Abu-Bakr.
			if k+1 < len(w) && (hasPrefixFold(w, 0, "al-") || hasPrefixFold(w, 0, "el-") || hasPrefixFold(w, 0, "abu-")) && isUpper(w[k+1]) {
				return wordSurname | d.lookup(w[k+1:])
			}
			return d.lookup(w[:k])
		}
	}
	return 0
}
