package classify

// itFiscalCodeDetector finds IT_FISCAL_CODE, the Italian codice fiscale: 6 letters (surname,
// name), 2 year digits, a month letter (ABCDEHLMPRST), 2 day digits (+40 for women), a
// municipality letter and 3 digits, and a check letter from the odd/even position tables.
// Digits may be replaced by the omocodia letters LMNPQRSTUV. One case throughout.
type itFiscalCodeDetector struct{}

func init() { registerBuiltin(&itFiscalCodeDetector{}) }

func (*itFiscalCodeDetector) Name() string   { return "it_fiscal_code" }
func (*itFiscalCodeDetector) Types() TypeSet { return SetOf(ITFiscalCode) }
func (*itFiscalCodeDetector) Triggers() Triggers {
	// The first digit follows the six letters of the name part.
	return Triggers{Bytes: "0123456789", MinDigits: 2, Before: gateAlpha, SkipWord: true}
}

// cfOdd is the value of a character (0-9 then A-Z) in an odd (1-based) position.
var cfOdd = [36]int{1, 0, 5, 7, 9, 13, 15, 17, 19, 21,
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23}

func cfIndex(c byte) int {
	if isDigit(c) {
		return int(c - '0')
	}
	return int(c&^0x20-'A') + 10
}

func isOmocodia(c byte) bool {
	switch c &^ 0x20 {
	case 'L', 'M', 'N', 'P', 'Q', 'R', 'S', 'T', 'U', 'V':
		return true
	}
	return false
}

func (*itFiscalCodeDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	s := c.Pos - 6
	if s < 0 || !leftBoundary(text, s) || s+16 > len(text) || !rightBoundary(text, s+16) {
		return skipAlnum(text, c.Pos)
	}
	cf := text[s : s+16]
	upper := isUpper(cf[0])
	for i, ch := range cf {
		if !isAlnum(ch) || (isAlpha(ch) && isUpper(ch) != upper) {
			return skipAlnum(text, c.Pos)
		}
		switch i {
		case 0, 1, 2, 3, 4, 5, 11, 15:
			if !isAlpha(ch) {
				return skipAlnum(text, c.Pos)
			}
		case 8:
			switch ch &^ 0x20 {
			case 'A', 'B', 'C', 'D', 'E', 'H', 'L', 'M', 'P', 'R', 'S', 'T':
			default:
				return skipAlnum(text, c.Pos)
			}
		default: // 6, 7, 9, 10, 12, 13, 14
			if !isDigit(ch) && !isOmocodia(ch) {
				return skipAlnum(text, c.Pos)
			}
		}
	}
	sum := 0
	for i := 0; i < 15; i++ {
		v := cfIndex(cf[i])
		if i%2 == 0 {
			sum += cfOdd[v]
		} else if v >= 10 {
			sum += v - 10
		} else {
			sum += v
		}
	}
	if int(cf[15]&^0x20-'A') != sum%26 {
		return skipAlnum(text, c.Pos)
	}
	sink.Span(Span{Start: s, End: s + 16, Type: ITFiscalCode, Score: 0.95})
	return s + 16
}
