package classify

import (
	"encoding/binary"
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// personDetector finds PERSON names by capitalization and the embedded
// given-name and surname dictionaries (data/: @faker-js/faker's locales, the
// 1990 US Census lists, hand-written lists of many cultures; looked up with
// case folded, so "WIŚNIEWSKI" is "Wiśniewski"):
//   - a given name, optional middle names, initials or lower-case particles,
//     and a surname, all in one case style, Title or UPPER ("Maria Garcia",
//     "John F. Kennedy", "Jeroen van den Berg", "LEON SCHRÖDER"; not "My SIN");
//   - "Surname, Given" ("Wiśniewski, Łukasz", "de Vries, Anouk"), unless a
//     list of names or a place ("Paris, France") is more likely;
//   - initials and a surname ("J. Smith"); a given name alone after a
//     greeting ("Hi Anna,");
//   - a title followed by capitalized words ("Dr. Okafor", "Frau Schulz");
//   - in a column whose name says it holds names (ColumnPerson), any run of
//     capitalized words one of which is a known given name or surname.
//
// Runs that name places are not names: city names ("San Jose"), words after a
// house number or a street type ("238 Madison Ave", "Corso Vittorio
// Emanuele"), runs ending in an organization, country or street word.
//
// In a column that holds places (ColumnAddress) it also reports city names
// from the dictionary as LOCATION. Triggered by ASCII capitals and UTF-8 lead
// bytes (names such as "Łukasz", "Örjan", "Иван", "Γεώργιος"); each word is
// examined once, and a capitalized word alone in free text (most of them) is
// skipped without a dictionary look-up.
type personDetector struct{}

func init() { registerBuiltin(&personDetector{}) }

func (*personDetector) Name() string   { return "person" }
func (*personDetector) Types() TypeSet { return SetOf(Person, Location) }
func (*personDetector) Triggers() Triggers {
	return Triggers{Bytes: "ABCDEFGHIJKLMNOPQRSTUVWXYZ\xc3\xc4\xc5\xce\xd0\xd1"}
}

// maxNameWords bounds a name: given, two middle names, surname, and the
// lower-case particles between them ("Jeroen van den Berg", "María de la Cruz").
const maxNameWords = 7

// personTitles precede a name. Matched ASCII case-insensitively, with an
// optional '.' after.
var personTitles = []string{"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "herr", "frau",
	"mme", "mlle", "sr", "sra", "srta", "sig", "sig.ra", "dott", "pan", "pani"}

// personNotFirst are words in the given-name lists that are more often plain
// words or places at the start of a capitalized run; they start a name only
// after a title, in a names column, or inside a sentence ("ship to Grace
// Smith"), where the capital is not the sentence's.
var personNotFirst = []string{"will", "may", "june", "april", "august", "grace", "hope", "faith", "joy", "rose",
	"summer", "autumn", "dawn", "art", "bill", "pat", "guy", "major", "king", "north", "long", "san", "van",
	"china", "india", "paris", "georgia", "virginia", "carolina", "florence", "new", "the", "young", "dear",
	"happy", "merry", "christian", "royal", "page", "chase", "sky", "river", "star", "sunny", "city", "lane",
	"mon", "tue", "wed", "thu", "fri", "sat", "sun", "name", "user", "customer", "client", "patient", "account",
	"order", "total", "status", "note", "notes", "date", "time", "from", "to", "by", "for", "and", "or", "not",
	"in", "on", "at", "is", "it", "as", "an", "be", "so", "no", "my", "we", "us", "me", "do", "go", "up"}

// personNotLast end organization and place names, not people ("Grace
// Church", "Victoria Station"), countries and states ("Paris, Texas"), and
// words that are never the last of a name.
var personNotLast = []string{"inc", "ltd", "llc", "gmbh", "corp", "co", "ag", "sa", "plc", "university", "college",
	"school", "hospital", "bank", "church", "group", "company", "foundation", "station", "airport", "hotel",
	"street", "road", "avenue", "square", "bridge", "river", "lake", "island", "county", "city", "center",
	"centre", "day", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
	"february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "utc", "gmt",
	"france", "germany", "spain", "italy", "england", "scotland", "wales", "ireland", "canada", "mexico", "brazil",
	"argentina", "chile", "peru", "colombia", "australia", "austria", "belgium", "holland", "netherlands",
	"portugal", "poland", "sweden", "norway", "denmark", "finland", "russia", "ukraine", "greece", "turkey",
	"egypt", "israel", "jordan", "lebanon", "syria", "iran", "iraq", "india", "pakistan", "china", "japan",
	"korea", "vietnam", "thailand", "indonesia", "malaysia", "philippines", "nigeria", "kenya", "ghana",
	"africa", "america", "europe", "asia", "texas", "california", "florida", "georgia", "virginia", "carolina",
	"washington", "oregon", "nevada", "arizona", "colorado", "ohio", "michigan", "illinois", "indiana",
	"kentucky", "tennessee", "alabama", "louisiana", "missouri", "kansas", "nebraska", "dakota", "montana",
	"wyoming", "utah", "idaho", "alaska", "hawaii", "maine", "vermont", "massachusetts", "connecticut",
	"york", "jersey", "pennsylvania", "maryland", "delaware", "wisconsin", "minnesota", "iowa", "oklahoma",
	"arkansas", "mississippi", "ontario", "quebec", "bavaria", "catalonia", "dc",
	// Function words and SQL keywords, which some surname lists hold ("PRICE FROM").
	"from", "to", "for", "with", "and", "or", "the", "of", "where", "select", "join", "group", "order", "by",
	"values", "into", "null", "true", "false", "desc", "asc", "limit", "union", "then", "else", "table"}

// personParticles join the parts of a name in lower case: "Jeroen van den
// Berg", "Ana dos Santos", "Mohammed bin Salman", "Ludwig van Beethoven".
// Between a given name and a capitalized word they make a name; alone (or
// in capitals, "IBAN DE") they never end one.
var personParticles = []string{"van", "von", "vom", "de", "der", "den", "des", "del", "della", "delle", "degli",
	"dei", "di", "da", "das", "dos", "du", "la", "ter", "ten", "te", "zu", "zur", "af", "av", "bin", "binti", "bint",
	"ibn", "ben", "al", "el", "st", "mac", "y"}

// personGreetings open a message to someone: "Hi Anna,", "Dear Maria",
// "Thanks Tom". A given name alone right after one is a name.
var personGreetings = []string{"hi", "hello", "hey", "dear", "thanks", "cheers", "hallo", "liebe", "lieber",
	"bonjour", "salut", "hola", "querido", "querida", "estimado", "estimada", "ciao", "gentile", "witam", "olá", "hej"}

// isPersonParticle reports whether w is one of personParticles (a test keeps
// the two in step). The lower-case words of a run are checked here, before and
// more often than the dictionary is read.
func isPersonParticle(w []byte) bool {
	switch string(w) {
	case "van", "von", "vom", "de", "der", "den", "des", "del", "della", "delle", "degli",
		"dei", "di", "da", "das", "dos", "du", "la", "ter", "ten", "te", "zu", "zur", "af", "av", "bin", "binti", "bint",
		"ibn", "ben", "al", "el", "st", "mac", "y":
		return true
	}
	return false
}

// personLastParticles are particles that are surnames as well: "Thi Le",
// "Anna Do".
var personLastParticles = []string{"le", "do"}

// nameWord is one word of a run.
type nameWord struct {
	s, e     int
	flags    wordFlags
	initial  bool // "F."
	title    bool
	particle bool // a lower-case particle: "van", "de", "bin"
	upper    bool // no lower-case letter: "SMITH"
	looked   bool // flags were looked up
}

// Detect reads the run of capitalized words (and the lower-case particles
// between them) at c.Pos and reports the name it holds, if any. Each run is
// read from its first word; the scanner calls again at each later capital,
// so a name inside a longer run ("Kontoinhaber Günter Richter") is found from
// its own first word.
func (*personDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	if !leftBoundary(text, p) {
		return personWordEnd(text, p)
	}
	// Most capitalized words stand alone (a sentence's first word, an
	// acronym). A plain ASCII word followed by a space and a lower-case word
	// that is no particle, or by nothing that continues a name, is settled
	// here; anything else is read as a run.
	if !ctx.Has(ColumnPerson | ColumnAddress) {
		if e, ok := personLoneWord(text, p); ok {
			if personMayBeIntroduced(text, p) && personIntroduced(text, p) != introNone && ctx.Wants(Person) {
				personReportIntroduced(text, p, e, sink)
			}
			return e
		}
	}
	return personRun(text, p, ctx, sink)
}

// personLoneWord reports the end of the ASCII capitalized word at p when it
// cannot start a run of two words, a "Word, " or a title: the byte after it
// is no space, comma, period, apostrophe, hyphen, letter, digit or
// non-ASCII byte, or it is a space and a lower-case word that is no particle
// follows.
func personLoneWord(text []byte, p int) (int, bool) {
	if !isUpper(text[p]) {
		return 0, false
	}
	e := p + 1
	if n := asciiRun8(text, e, foldCase); n < 8 {
		e += n
	} else {
		for e < len(text) && isAlpha(text[e]) {
			e++
		}
	}
	if e >= len(text) {
		return e, e-p > 1
	}
	switch c := text[e]; {
	case c == ' ':
		if e+1 >= len(text) {
			return e, true
		}
		n := text[e+1]
		if !isLower(n) {
			return e, !isUpper(n) && n < utf8.RuneSelf && e-p > 1
		}
		// At most 7 lower-case letters.
		k := e + 1 + min(asciiRun8(text, e+1, 0), 7)
		if k < len(text) && text[k] == '-' { // "al-Sayed"
			return 0, false
		}
		return e, e-p > 1 && !(k-e <= 6 && isPersonParticle(text[e+1:k])) // particles have 1..5 letters
	case c == ',' || c == '.' || c == '\'' || c == '-' || c >= utf8.RuneSelf || isAlnum(c) || c == '_':
		return 0, false
	}
	return e, e-p > 1
}

// personReportIntroduced reports the lone word [p, e) after a name label or
// self-introduction if it is a name.
func personReportIntroduced(text []byte, p, e int, sink Sink) {
	intro := personIntroduced(text, p)
	f := personLookup(text[p:e])
	ok := f&wordGiven != 0 || (intro == introLabel && f&wordSurname != 0)
	if ok && f&(wordNotLast|wordNameParticle|wordTitle|wordCity) == 0 {
		sink.Span(Span{Start: p, End: e, Type: Person, Score: 0.7})
	}
}

// personRun reads and judges the run of words at p.
func personRun(text []byte, p int, ctx *Context, sink Sink) int {
	var ws [maxNameWords + 1]nameWord
	n := 0
	i := p
	comma := false // the run stopped at ", " after its last word
	for n < len(ws) {
		w := &ws[n]
		if !personNextWord(text, i, n > 0, w) {
			break
		}
		// "Dr. Okafor": a short first word and a '.' may be a title.
		if n == 0 && !w.initial && w.e-w.s <= 6 && w.e+1 < len(text) && text[w.e] == '.' && text[w.e+1] == ' ' {
			w.flags, w.looked = personLookup(text[w.s:w.e]), true
			if w.flags&wordTitle != 0 {
				w.title = true
				w.e++
			}
		}
		n++
		// Next word: after exactly one space ("." of a title or initial consumed above).
		// In a names column, "Surname, Given" is one name too.
		j := w.e
		if j+2 < len(text) && text[j] == ',' && text[j+1] == ' ' {
			if !ctx.Has(ColumnPerson) {
				comma = true
				break
			}
			j++
		}
		if j+1 >= len(text) || text[j] != ' ' {
			break
		}
		i = j + 1
	}
	for n > 0 && ws[n-1].particle {
		n--
	}
	if n == 0 {
		return personWordEnd(text, p)
	}
	// Most capitalized words stand alone (a sentence's first word, an
	// acronym): in free text one word is no name, and needs no look-up,
	// unless the words before introduce a name ("my name is Sarah", "Name: Li").
	if n == 1 && !comma && !ctx.Has(ColumnPerson|ColumnAddress) {
		if personIntroduced(text, p) != introNone && ctx.Wants(Person) && !ws[0].initial {
			personReportIntroduced(text, ws[0].s, ws[0].e, sink)
		}
		return ws[0].e
	}
	for k := 0; k < n; k++ {
		w := &ws[k]
		if w.initial || w.particle {
			continue
		}
		if !w.looked {
			w.flags = personLookup(text[w.s:w.e])
		}
		w.upper = personIsUpper(text[w.s:w.e])
		if k == 0 {
			w.title = w.title || w.flags&wordTitle != 0
		} else {
			// "SEM VAN DEN BERG", "Ludwig Van Beethoven": a particle inside a run.
			w.particle = w.flags&wordNameParticle != 0 && w.flags&wordLastParticle == 0
		}
	}
	// A run ends on a capitalized word, not on particles.
	for n > 0 && ws[n-1].particle {
		n--
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
		if len(words) >= 2 && !words[1].initial && personLastOK(words[len(words)-1]) {
			sink.Span(Span{Start: words[1].s, End: personTrim(text, words[len(words)-1]), Type: Person, Score: 0.85})
		}
		return end
	}
	// "Hi Anna,", "Dear Maria": a given name alone after a greeting.
	if words[0].flags&wordGreeting != 0 && len(words) == 2 {
		if w := words[1]; personFirstOK(text, w) && personLastOK(w) && w.upper == words[0].upper {
			sink.Span(Span{Start: w.s, End: w.e, Type: Person, Score: 0.7})
			return end
		}
	}
	if ctx.Has(ColumnPerson) {
		known := false
		for _, w := range words {
			known = known || (!w.particle && w.flags&(wordGiven|wordSurname) != 0)
		}
		if known {
			score := float32(0.75)
			if len(words) > 1 {
				score = 0.85
			}
			sink.Span(Span{Start: personParticlesBefore(text, words[0].s), End: personTrim(text, words[len(words)-1]), Type: Person, Score: score})
		}
		return end
	}
	// Free text: given name first, surname last, given names, initials or
	// particles between, all in one case style (Title or UPPER).
	// Try the longest run first, then shorter ones ("Anna Schmidt Street" -> no; "Anna Schmidt said").
	first := words[0]
	before := beforeOther
	if personFirstOK(text, first) || first.initial {
		before = personBefore(text, first.s)
	}
	if personFirstOK(text, first) {
		for k := len(words); k >= 2; k-- {
			last := words[k-1]
			if last.initial || !personLastOK(last) || !personSameCase(words[:k]) {
				continue
			}
			// A place named like a person: "San Jose", "Rio de Janeiro".
			if dictLookup(text[first.s:last.e])&wordCity != 0 {
				continue
			}
			mid := true
			for _, w := range words[1 : k-1] {
				mid = mid && (w.initial || w.particle || w.flags&(wordGiven|wordSurname) != 0)
			}
			// A surname the dictionaries lack is still one after a particle ("Anna van Oosterhout").
			if !mid || (last.flags&wordSurname == 0 && !words[k-2].particle) {
				continue
			}
			// A street or org word right after makes it a place ("Anna Schmidt Straße").
			var next *nameWord
			if k < len(words) {
				next = &words[k]
				if next.flags&(wordStreetSuffix) != 0 {
					return end
				}
			}
			if personStreet(before, last, next) {
				return end
			}
			sink.Span(Span{Start: first.s, End: personTrim(text, last), Type: Person, Score: 0.85})
			return last.e
		}
	}
	// "J. Smith", "A. B. Kowalski": initials, then a surname.
	if first.initial {
		k := 1
		for k < len(words) && words[k].initial {
			k++
		}
		// "R. Andrew Bailey": the longest run of names after them that ends on a surname.
		for j := len(words); k <= 3 && j > k; j-- {
			last := words[j-1]
			if last.initial || last.flags&wordSurname == 0 || !personLastOK(last) || !personSameCase(words[k:j]) {
				continue
			}
			mid := true
			for _, w := range words[k : j-1] {
				mid = mid && (w.initial || w.particle || w.flags&(wordGiven|wordSurname) != 0)
			}
			if !mid || personStreet(before, last, nil) {
				continue
			}
			sink.Span(Span{Start: first.s, End: personTrim(text, last), Type: Person, Score: 0.7})
			return last.e
		}
	}
	// "Surname, Given [Middle]": a surname alone before ", " and a given name.
	if n == 1 && comma {
		if e, ok := personSurnameFirst(text, first); ok {
			sink.Span(Span{Start: personParticlesBefore(text, first.s), End: e, Type: Person, Score: 0.8})
			return e
		}
	}
	return ws[0].e
}

// personNextWord reads the word at i: a capitalized word, an initial ("F."),
// "al-Sayed", or (inside a run, when a capitalized word or another particle
// follows) a lower-case particle.
// It fills *w (a zero nameWord) and reports whether a word was read.
func personNextWord(text []byte, i int, inRun bool, w *nameWord) bool {
	e, ok := personCapWord(text, i)
	if ok {
		// A possessive is not part of the name: "John Smith's".
		if e-i > 3 && text[e-1] == 's' && text[e-2] == '\'' {
			e -= 2
		} else if e-i > 5 && text[e-1] == 's' && string(text[e-4:e-1]) == "’" {
			e -= 4
		}
		w.s, w.e = i, e
		if e-i == 1 && e < len(text) && text[e] == '.' { // initial
			w.initial, w.e = true, e+1
		}
		return true
	}
	if !inRun || i >= len(text) || !isLower(text[i]) {
		return false
	}
	// al-Sayed, el-Masri: a surname.
	if (hasPrefixFold(text, i, "al-") || hasPrefixFold(text, i, "el-")) && i+3 < len(text) {
		if e, ok := personCapWord(text, i+3); ok {
			w.s, w.e, w.flags, w.looked = i, e, wordSurname, true
			return true
		}
	}
	e = i
	for e < len(text) && e-i <= 6 && isLower(text[e]) {
		e++
	}
	if e+1 >= len(text) || text[e] != ' ' || !isPersonParticle(text[i:e]) {
		return false
	}
	if c := text[e+1]; !isUpper(c) && !isLower(c) && c < utf8.RuneSelf {
		return false
	}
	w.s, w.e, w.particle = i, e, true
	return true
}

// personFirstOK: w can start a given-name-first name: a given name that is
// not a particle ("Del Valle") and, if it is more often a plain word ("Will",
// "Grace"), not at the start of a sentence.
func personFirstOK(text []byte, w nameWord) bool {
	if w.initial || w.flags&wordGiven == 0 || w.flags&wordNameParticle != 0 {
		return false
	}
	return w.flags&wordNotFirst == 0 || !personSentenceStart(text, w.s)
}

// What precedes a run, for telling a street from a person.
const (
	beforeOther      = iota
	beforeNumber     // a number: a house number ("238 Madison Ave") or a year ("2005 Adam Jackson")
	beforeHouseNum   // a number with letters: only a house number ("12a", "238bis")
	beforeStreetWord // a street-type word: "Corso Vittorio Emanuele", "Rua Augusto Silva"
)

// personBefore classifies the word before the run starting at s.
func personBefore(text []byte, s int) int {
	if s < 2 || text[s-1] != ' ' {
		return beforeOther
	}
	e := s - 1
	b := e
	for b > 0 && (isWordByte(text[b-1]) || text[b-1] == '.') {
		b--
	}
	if b == e {
		return beforeOther
	}
	w := text[b:e]
	if isDigit(w[0]) {
		d := 0
		for d < len(w) && isDigit(w[d]) {
			d++
		}
		switch {
		case d > 5 || len(w)-d > 3:
			return beforeOther
		case d < len(w):
			return beforeHouseNum
		}
		return beforeNumber
	}
	if w[len(w)-1] == '.' {
		w = w[:len(w)-1]
	}
	if words().lookup(w)&wordStreetPrefix != 0 {
		return beforeStreetWord
	}
	return beforeOther
}

// personStreet: a run from first to last (words[k] after it, if any) names a
// street, given what precedes it: after a street-type word or a lettered
// house number always; after a number when a street-type word ends the run
// or follows it ("238 Madison Ave"; "Copyright 2005 Adam Jackson" is a name).
func personStreet(before int, last nameWord, next *nameWord) bool {
	switch before {
	case beforeStreetWord, beforeHouseNum:
		return true
	case beforeNumber:
		return last.flags&wordStreetSuffix != 0 || (next != nil && next.flags&wordStreetSuffix != 0)
	}
	return false
}

func dictLookup(w []byte) wordFlags { return words().lookup(w) }

// personLastOK: w can end a name: a capitalized word that names no place or
// organization and is not a particle ("IBAN DE").
func personLastOK(w nameWord) bool {
	if w.particle || w.flags&wordNotLast != 0 {
		return false
	}
	return w.flags&wordNameParticle == 0 || w.flags&wordLastParticle != 0
}

// personSameCase: the capitalized words of a name are all in Title case or all
// in UPPER case ("My SIN", "Name FROM" are not names). Initials and particles
// go with either.
func personSameCase(ws []nameWord) bool {
	up, title := false, false
	for _, w := range ws {
		if w.initial || w.particle {
			continue
		}
		if w.upper {
			up = true
		} else {
			title = true
		}
	}
	return !(up && title)
}

// personIsUpper: w has no lower-case letter and at least two letters.
func personIsUpper(w []byte) bool {
	letters := 0
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if isLower(c) {
				return false
			}
			if isUpper(c) {
				letters++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(w[i:])
		if unicode.IsLower(r) {
			return false
		}
		letters++
		i += size
	}
	return letters >= 2
}

// personSentenceStart: the word at i opens the text, a sentence or a line, so
// its capital says nothing.
func personSentenceStart(text []byte, i int) bool {
	for i > 0 && text[i-1] == ' ' {
		i--
	}
	if i == 0 {
		return true
	}
	switch text[i-1] {
	case '.', '!', '?', '\n', '\r', '\t', '"', '(', '[', '*', '-', '>':
		return true
	}
	return false
}

// personSurnameFirst reads "Given [Given|Initial]" after "Surname, " and
// returns the name's end. The surname must be one, and not a place ("Paris,
// France"); the given name must be one too; the pair must not be part of a
// list of names ("Anna, Maria, Sofia").
func personSurnameFirst(text []byte, sur nameWord) (int, bool) {
	if sur.initial || sur.flags&wordSurname == 0 || sur.flags&wordTitle != 0 || !personLastOK(sur) ||
		(sur.flags&wordNotFirst != 0 && personSentenceStart(text, sur.s)) || personBefore(text, sur.s) != beforeOther {
		return 0, false
	}
	// In a list: "..., Anna, Maria"
	if b := sur.s; b >= 2 && text[b-1] == ' ' && text[b-2] == ',' {
		if k := b - 3; k >= 0 && (isAlpha(text[k]) || text[k] >= utf8.RuneSelf) {
			return 0, false
		}
	}
	i := sur.e + 2
	var ws [3]nameWord
	n := 0
	for n < len(ws) {
		w := &ws[n]
		if !personNextWord(text, i, false, w) {
			break
		}
		if !w.initial {
			w.flags = personLookup(text[w.s:w.e])
			w.upper = personIsUpper(text[w.s:w.e])
		}
		n++
		if w.e+1 >= len(text) || text[w.e] != ' ' {
			break
		}
		i = w.e + 1
	}
	for n > 0 && !(ws[n-1].initial || ws[n-1].flags&wordGiven != 0) {
		n--
	}
	if n == 0 || ws[0].initial || ws[0].flags&wordGiven == 0 || ws[0].flags&(wordNotLast|wordNameParticle) != 0 ||
		ws[0].flags&sur.flags&wordCity != 0 { // "Boston, Austin"
		return 0, false
	}
	var all [4]nameWord
	all[0] = sur
	copy(all[1:], ws[:n])
	if !personSameCase(all[:n+1]) {
		return 0, false
	}
	e := personTrim(text, ws[n-1])
	// Followed by ", Name," or ", Name and": a list of names, not one name.
	if j := ws[n-1].e; j+2 < len(text) && text[j] == ',' && text[j+1] == ' ' {
		var w nameWord
		if personNextWord(text, j+2, false, &w) && !w.initial && personIsUpper(text[w.s:w.e]) == ws[0].upper &&
			personListGoesOn(text, w.e) && personLookup(text[w.s:w.e])&(wordGiven|wordSurname) != 0 {
			return 0, false
		}
	}
	return e, true
}

const (
	introNone  = iota
	introLabel // "Name: ", "Nom : ", "Vorname: "
	introSelf  // "my name is ", "I'm ", "this is ", "me llamo "
)

// personIntroLabels end the text before a name ("Name: Grace"), matched
// ASCII case-insensitively right before it; personIntroduced also knows the
// self-introductions ("my name is Sarah", "I'm Priya", "me llamo Lucía").
var personIntroLabels = []string{"name: ", "name:", "nom : ", "nom: ", "nombre: ", "nome: ", "naam: ", "vorname: ",
	"nachname: ", "imię: ", "nazwisko: ", "apellido: ", "cognome: ", "prénom : ", "prénom: "}

// personIntroduced reports what introduces the word at p as a name. Called
// for every lone capitalized word, so it decides on the two bytes before the
// space (the end of the word before) which phrases of personIntroPhrases to
// test, usually none.
func personIntroduced(text []byte, p int) int {
	if p < 4 {
		return introNone
	}
	e := p - 1
	if text[e] == ' ' && text[e-1] == ':' {
		e--
	}
	if text[e] == ':' {
		for _, l := range personIntroLabels {
			if personEndsWithFold(text, p, l) {
				return introLabel
			}
		}
		return introNone
	}
	if text[e] != ' ' {
		return introNone
	}
	a, b := lowerASCII(text[e-2]), lowerASCII(text[e-1])
	var c1, c2 string
	// One switch on the two bytes (a binary search), not a test per phrase.
	switch uint16(a)<<8 | uint16(b) {
	case 'i'<<8 | 's':
		c1, c2 = "name is ", "this is "
	case 'e'<<8 | 's':
		c1 = "mi nombre es "
	case 'a'<<8 | 'm':
		c1 = "i am "
	case '\''<<8 | 'm':
		c1 = "i'm "
	case 0x99<<8 | 'm':
		c1 = "i’m "
	case 'm'<<8 | 'e':
		c1 = "call me "
	case 'l'<<8 | 'e':
		c1 = "je m'appelle "
	case 0x9f<<8 | 'e':
		c1 = "ich heiße "
	case 's'<<8 | 'e':
		c1 = "ich heisse "
	case 'm'<<8 | 'o':
		c1, c2 = "me llamo ", "mi chiamo "
	case 'e'<<8 | 't':
		c1 = "ik heet "
	case 0xc3<<8 | 0xa9:
		c1 = "meu nome é "
	default:
		return introNone
	}
	if personEndsWithFold(text, p, c1) || (c2 != "" && personEndsWithFold(text, p, c2)) {
		return introSelf
	}
	return introNone
}

// personIntroEnd holds the bytes that may come right before the space before an introduced
// name: a label's ':' and the last letters of the self-introductions (personIntroduced's
// switch: "is", "es", "am", "'m", "me", "le", "se", "mo", "et", "é").
var personIntroEnd = func() (t [256]bool) {
	for _, c := range []byte("sSmMeEoOtT:\xa9") {
		t[c] = true
	}
	return t
}()

// personMayBeIntroduced is personIntroduced's first test, small enough to be inlined where
// every lone capitalized word is judged: false means introNone.
func personMayBeIntroduced(text []byte, p int) bool {
	return p >= 4 && (text[p-1] == ':' || text[p-1] == ' ' && personIntroEnd[text[p-2]])
}

// personEndsWithFold: text[:p] ends with w (ASCII case folded) at a word start.
func personEndsWithFold(text []byte, p int, w string) bool {
	s := p - len(w)
	return s >= 0 && hasPrefixFold(text, s, w) && (s == 0 || !isWordByte(text[s-1]))
}

// personListGoesOn: the text at i ends or continues a list ("Sofia, ...",
// "Sofia and ...", "Sofia.").
func personListGoesOn(text []byte, i int) bool {
	if i >= len(text) {
		return true
	}
	switch text[i] {
	case ',', '.', ';', '&', ')':
		return true
	}
	return hasPrefixFold(text, i, " and ") || hasPrefixFold(text, i, " or ") || hasPrefixFold(text, i, " & ") ||
		hasPrefixFold(text, i, " und ") || hasPrefixFold(text, i, " et ") || hasPrefixFold(text, i, " y ")
}

// personParticlesBefore extends a name's start at s back over the lower-case
// particles before it: "de Boer, Anouk", "van der Berg, Jan".
func personParticlesBefore(text []byte, s int) int {
	for k := 0; k < 3; k++ {
		if s < 2 || text[s-1] != ' ' {
			return s
		}
		b := s - 1
		for b > 0 && isLower(text[b-1]) {
			b--
		}
		if b == s-1 || (b > 0 && isWordByte(text[b-1])) || words().lookup(text[b:s-1])&wordNameParticle == 0 {
			return s
		}
		s = b
	}
	return s
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
	const partOnly = wordNameParticle | wordLastParticle | wordNotFirst | wordTitle
	for k, c := range w {
		switch {
		case c == '-' && k > 0:
			// Arabic family names: Al-Sayed, El-Masri, Abu-Bakr.
			if k+1 < len(w) && (hasPrefixFold(w, 0, "al-") || hasPrefixFold(w, 0, "el-") || hasPrefixFold(w, 0, "abu-")) && isUpper(w[k+1]) {
				return wordSurname | d.lookup(w[k+1:])
			}
			// The first part's flags as a word alone do not carry over:
			// "Do-yun" is a given name, not the particle "do".
			if f := d.lookup(w[:k]) &^ partOnly; f != 0 {
				return f
			}
			// "Okonjo-Iweala", "Smith-Xyz": a known last part.
			j := len(w)
			for j > k+1 && w[j-1] != '-' {
				j--
			}
			return d.lookup(w[j:]) & (wordGiven | wordSurname)
		case c == '\'' || (c == 0xe2 && k+2 < len(w) && w[k+1] == 0x80 && w[k+2] == 0x99):
			// O'Brien, O’Connor: the lists write them without the apostrophe.
			var buf [64]byte
			if len(w) > len(buf) {
				return 0
			}
			n := copy(buf[:], w[:k])
			skip := 1
			if c != '\'' {
				skip = 3
			}
			n += copy(buf[n:], w[k+skip:])
			return d.lookup(buf[:n]) & (wordGiven | wordSurname)
		}
	}
	return 0
}

// asciiRun8 returns the length, up to 8, of the run at i of lower-case ASCII letters (fold 0) or
// of ASCII letters of either case (fold foldCase), eight bytes at a time where eight remain.
func asciiRun8(text []byte, i int, fold uint64) int {
	if i+8 <= len(text) {
		return lowerRun(binary.LittleEndian.Uint64(text[i:]) | fold)
	}
	k := i
	for k < len(text) && isLower(text[k]|byte(fold)) {
		k++
	}
	return k - i
}

// foldCase sets bit 5 of each byte of a word: ASCII upper case to lower.
const foldCase = 0x2020202020202020

// lowerRun returns the number of lower-case ASCII letters that w (eight bytes, little-endian)
// starts with.
func lowerRun(w uint64) int {
	const ones, hb = 0x0101010101010101, 0x8080808080808080
	l := w &^ hb
	// Bit 7 of each byte: at least 'a', below '{', and ASCII (no carry crosses bytes).
	lower := (l + (0x80-'a')*ones) &^ (l + (0x80-'z'-1)*ones) &^ w & hb
	return bits.TrailingZeros64(^lower&hb) >> 3
}
