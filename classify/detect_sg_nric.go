package classify

// sgNRICDetector finds SG_NRIC_FIN: S/T (citizens, residents) or F/G (foreigners), 7 digits and
// a check letter from weights 2,7,6,5,4,3,2 (+4 for T and G) mod 11. Uppercase only.
type sgNRICDetector struct{}

func init() { registerBuiltin(&sgNRICDetector{}) }

func (*sgNRICDetector) Name() string   { return "sg_nric" }
func (*sgNRICDetector) Types() TypeSet { return SetOf(SGNRIC) }
func (*sgNRICDetector) Triggers() Triggers {
	// The digits follow the prefix letter.
	return Triggers{Bytes: "0123456789", MinDigits: 7, Before: nricBefore, SkipWord: true, RunDigits: 1 << 7}
}

func (*sgNRICDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	s := p - 1
	if s < 0 || !leftBoundary(text, s) || p+8 > len(text) || !rightBoundary(text, p+8) {
		return skipAlnum(text, p)
	}
	pre := text[s]
	var table string
	off := 0
	switch pre {
	case 'S':
		table = "JZIHGFEDCBA"
	case 'T':
		table, off = "JZIHGFEDCBA", 4
	case 'F':
		table = "XWUTRQPNMLK"
	case 'G':
		table, off = "XWUTRQPNMLK", 4
	default:
		return skipAlnum(text, p)
	}
	w := [7]int{2, 7, 6, 5, 4, 3, 2}
	sum := off
	for i := 0; i < 7; i++ {
		ch := text[p+i]
		if !isDigit(ch) {
			return skipAlnum(text, p)
		}
		sum += w[i] * int(ch-'0')
	}
	if text[p+7] != table[sum%11] {
		return skipAlnum(text, p)
	}
	sink.Span(Span{Start: s, End: p + 8, Type: SGNRIC, Score: 0.9})
	return p + 8
}

func nricBefore(c int) bool { return c == 'S' || c == 'T' || c == 'F' || c == 'G' }
