package classify

// dobDetector finds DATE_TIME, but only as a date of birth: a date is personal data when it is
// someone's birthday, and noise otherwise (order dates, log timestamps). A date is reported when
// the column is a date of birth (ColumnDateOfBirth) or when words such as "born", "DOB",
// "date of birth", "geboren", "née" come shortly before it. Formats: ISO (1985-03-12,
// 1985/03/12), day-month-year and month-day-year with '/', '.', '-' (12.03.1985, 03/12/85),
// ISO basic (19850312), and month names ("12 March 1985", "12th Mar 1985", "March 12, 1985",
// "12-Mar-1985", "12. März 1985", "5 de mayo de 1979").
type dobDetector struct{}

func init() { registerBuiltin(&dobDetector{}) }

func (*dobDetector) Name() string   { return "dob" }
func (*dobDetector) Types() TypeSet { return SetOf(DateTime) }
func (*dobDetector) Triggers() Triggers {
	// A date starts with a run of 1, 2 or 4 digits (day, month, year) or is 8 digits
	// (19850312); dateAt rejects every other run length before anything else matches.
	return Triggers{Bytes: "0123456789", Before: gateBoundary, SkipWord: true,
		RunDigits: 1<<1 | 1<<2 | 1<<4 | 1<<8}
}

var dobContextWords = newWordList(
	"born", "dob", "d.o.b", "date of birth", "birth date", "birthdate", "birthday", "bday",
	"b-day", "birth", "geboren", "geb.", "geburtsdatum", "née", "né le", "nee", "nacido", "nacida",
	"nato", "nata", "fecha de nacimiento", "date de naissance", "data di nascita", "age", "aged",
	"geboortedatum", "geboren op", "nascimento", "nascido", "nascida", "data urodzenia", "urodzony",
	"urodzona", "syntymäaika", "syntynyt", "f. nac", "fec. nac", "date naiss",
)

// monthNames: English (full and abbreviated), German, French, Spanish, Italian, Dutch and
// Portuguese, lowercase; longer names before their prefixes.
var monthNames = [...]string{
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "sept", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
	"sep", "oct", "nov", "dec",
	"januar", "februar", "märz", "maerz", "mai", "juni", "juli", "oktober", "dezember",
	"janvier", "février", "fevrier", "mars", "avril", "juin", "juillet", "août", "aout",
	"septembre", "octobre", "novembre", "décembre", "decembre",
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
	"setiembre", "octubre", "noviembre", "diciembre",
	"gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
	"januari", "februari", "maart", "mei", "augustus",
	"janeiro", "fevereiro", "março", "marco", "maio", "junho", "julho", "setembro", "outubro",
	"novembro", "dezembro",
}

// monthsByFirst buckets monthNames by their first byte (lowercase ASCII, or the lead byte of a
// UTF-8 letter), keeping their order, so monthAt tries the few names that can match.
var monthsByFirst = func() (t [256][]string) {
	for _, m := range monthNames {
		t[m[0]] = append(t[m[0]], m)
	}
	return t
}()

// monthPairs is a 1024-bit filter (pairBit) over the first two bytes of the month names: most
// words next to a small number ("12 days", "of 2") miss it before any name is compared.
var monthPairs = func() (t [16]uint64) {
	for _, m := range monthNames {
		h := pairBit(m[0], m[1])
		t[h>>6] |= 1 << (h & 63)
	}
	return t
}()

// monthAt returns the length of a month name at text[i:] (whole word, optionally followed by
// '.'), or 0.
func monthAt(text []byte, i int) int {
	if i+1 >= len(text) { // every name has three bytes or more
		return 0
	}
	if h := pairBit(text[i], text[i+1]); monthPairs[h>>6]&(1<<(h&63)) == 0 {
		return 0
	}
	for _, m := range monthsByFirst[lowerASCII(text[i])] {
		if hasPrefixFold(text, i, m) && rightBoundary(text, i+len(m)) {
			if i+len(m) < len(text) && text[i+len(m)] == '.' {
				return len(m) + 1
			}
			return len(m)
		}
	}
	return 0
}

// monthBefore returns the start of a month name that ends right before i (after one space), or -1.
func monthBefore(text []byte, i int) int {
	k := i
	if k > 0 && text[k-1] == ' ' {
		k--
	} else {
		return -1
	}
	if k > 0 && text[k-1] == '.' {
		k--
	}
	s := k
	for s > 0 && isAlpha(text[s-1]) && k-s < 9 {
		s--
	}
	if s == k || !leftBoundary(text, s) {
		return -1
	}
	if l := monthAt(text, s); l > 0 && s+l >= k {
		return s
	}
	return -1
}

func yearOK(y int) bool { return y >= 1900 && y <= 2030 }

func readNum(text []byte, i, max int) (v, end int) {
	end = i
	for end < len(text) && isDigit(text[end]) && end-i < max {
		v = v*10 + int(text[end]-'0')
		end++
	}
	return
}

func (*dobDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	if !leftBoundary(text, p) {
		return skipAlnum(text, p)
	}
	// A run of 4 digits starts a date only as a year before '-', '/' or '.' (dateAt's first
	// tests): most 4-digit runs of prose (card, account and phone groups, order numbers) are
	// followed by a space or punctuation, and are settled here without the call.
	r := digitRun8(text, p)
	if q := p + 4; r == 4 && q < len(text) && text[q] != '-' && text[q] != '/' && text[q] != '.' {
		return skipAlnum(text, p+3) // text[p+1:q] are digits
	}
	// A run of 1 or 2 digits (a day or a month) starts a date only with a month name before
	// it, a month name after it, or a numeric separator: dobMayStart tests the bytes around
	// it for each ("+44 20 7946", "of 12.45 EUR" fail all three).
	if r <= 2 && !dobMayStart(text, p, r) {
		return skipAlnum(text, p)
	}
	start, end := dateAt(text, p)
	if end < 0 {
		return skipAlnum(text, p)
	}
	if !ctx.expects(DateTime, ColumnDateOfBirth) && !wordNearBefore(text, start, 40, dobContextWords) {
		return end
	}
	sink.Span(Span{Start: start, End: end, Type: DateTime, Score: 0.85})
	return end
}

// dobMayStart reports whether dateAt may find a date at the run of r (1 or 2) digits at p:
//   - a month name before it ("March 12, 1985"): a space before the run and a letter, or a
//     period after a letter, before the space (monthBefore);
//   - a month name after it ("12 March 1985", "12th Mar", "12-Mar-1985", "12. März",
//     "12 de marzo"): an ordinal suffix (a letter), '-' or '.' after the run, or a space and
//     a letter;
//   - the numeric forms (12/03/1985): '-', '/' or '.' after the run.
func dobMayStart(text []byte, p, r int) bool {
	ae := p + r
	if ae+1 >= len(text) {
		return false // every form reads at least two bytes after the run
	}
	if k := dobBytes[text[ae]]; k&dobSep != 0 || k == dobSpace && dobBytes[text[ae+1]]&dobLetter != 0 {
		return true
	}
	return p >= 2 && text[p-1] == ' ' && dobBytes[text[p-2]]&(dobLetter|dobDot) != 0
}

// dobBytes classifies bytes for dobMayStart (one table load each, so that it is inlined):
// dobSep after the run ('-', '/', '.', or an ordinal suffix's letter), dobSpace, dobLetter (an
// ASCII letter: a month name's first byte, or the last before a space), dobDot ('.').
var dobBytes = func() (t [256]uint8) {
	for c := range t {
		b := byte(c)
		if b == '-' || b == '/' || b == '.' || isAlpha(b) {
			t[c] |= dobSep
		}
		if isAlpha(b) {
			t[c] |= dobLetter
		}
		switch b {
		case ' ':
			t[c] = dobSpace
		case '.':
			t[c] |= dobDot
		}
	}
	return t
}()

const (
	dobSep = 1 << iota
	dobSpace
	dobLetter
	dobDot
)

// dateAt parses a date whose first digit is at p; it returns the span or end -1.
func dateAt(text []byte, p int) (int, int) {
	n := len(text)
	a, ae := readNum(text, p, 5)
	la := ae - p
	// ISO 8601 basic: 19850312 (a run of exactly 8 digits, so at least 5).
	if la == 5 {
		if v, e := readNum(text, p, 9); e-p == 8 && rightBoundary(text, e) && (e >= n || text[e] != '.' && text[e] != '-' && text[e] != '/') {
			if y := v / 10000; yearOK(y) && validDate(y, v/100%100, v%100) {
				return p, e
			}
		}
	}
	// Month name before: "March 12, 1985", "Mar 12 1985".
	if la <= 2 && a >= 1 && a <= 31 {
		if ms := monthBefore(text, p); ms >= 0 {
			i := ae
			if i+1 < n && (text[i] == 's' || text[i] == 'n' || text[i] == 'r' || text[i] == 't') && isAlpha(text[i+1]) {
				i += 2 // 12th, 1st, 2nd, 3rd
			}
			if i < n && text[i] == ',' {
				i++
			}
			if i < n && text[i] == ' ' {
				i++
			}
			y, ye := readNum(text, i, 4)
			if ye-i == 4 && yearOK(y) && rightBoundary(text, ye) {
				return ms, ye
			}
		}
	}
	if ae >= n {
		return p, -1
	}
	sep := text[ae]
	// Month name after: "12 March 1985", "12th Mar 1985", "12-Mar-1985".
	if la <= 2 && a >= 1 && a <= 31 {
		i := ae
		if i+1 < n && isAlpha(text[i]) && isAlpha(text[i+1]) && (hasPrefixFold(text, i, "st") || hasPrefixFold(text, i, "nd") || hasPrefixFold(text, i, "rd") || hasPrefixFold(text, i, "th")) {
			i += 2
		}
		if i < n && (text[i] == ' ' || text[i] == '-' || text[i] == '.') {
			ms := text[i]
			i++
			if ms == '.' && i < n && text[i] == ' ' { // "12. März 1985"
				i++
				ms = ' '
			}
			if hasPrefixFold(text, i, "de ") { // "12 de marzo de 1985"
				i += 3
			}
			if l := monthAt(text, i); l > 0 {
				i += l
				if i < n && (text[i] == ms || text[i] == ' ' || text[i] == ',') {
					i++
					if i < n && text[i] == ' ' {
						i++
					}
					if hasPrefixFold(text, i, "de ") {
						i += 3
					}
					y, ye := readNum(text, i, 4)
					if ye-i == 4 && yearOK(y) && rightBoundary(text, ye) {
						return p, ye
					}
				}
			}
		}
	}
	if sep != '-' && sep != '/' && sep != '.' {
		return p, -1
	}
	b, be := readNum(text, ae+1, 3)
	lb := be - ae - 1
	if lb < 1 || lb > 2 || be >= n || text[be] != sep {
		return p, -1
	}
	cv, ce := readNum(text, be+1, 5)
	lc := ce - be - 1
	if ce < n && (isWordByte(text[ce]) || (text[ce] == sep && ce+1 < n && isDigit(text[ce+1]))) {
		if !(la == 4 && ce < n && (text[ce] == 'T' || text[ce] == 't')) {
			return p, -1
		}
	}
	switch {
	case la == 4 && lc <= 2 && lc >= 1: // Y-M-D
		if yearOK(a) && validDate(a, b, cv) {
			return p, ce
		}
	case la <= 2 && (lc == 4 || lc == 2):
		y := cv
		if lc == 2 {
			y += 1900
			if cv <= 30 {
				y += 100
			}
		}
		if !yearOK(y) {
			return p, -1
		}
		if validDate(y, b, a) || validDate(y, a, b) { // D-M-Y or M-D-Y
			return p, ce
		}
	}
	return p, -1
}
