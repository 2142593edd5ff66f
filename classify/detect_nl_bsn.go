package classify

// nlBSNDetector finds NL_BSN, the Dutch citizen service number: 9 digits (8 with a leading zero
// dropped) passing the "11-proef" (weights 9..2 and -1, sum divisible by 11). One random
// 9-digit number in eleven passes, so it is reported only where the column or nearby words
// ("BSN", "burgerservicenummer", "sofinummer") say so.
type nlBSNDetector struct{}

func init() { registerBuiltin(&nlBSNDetector{}) }

func (*nlBSNDetector) Name() string   { return "nl_bsn" }
func (*nlBSNDetector) Types() TypeSet { return SetOf(NLBSN) }
func (*nlBSNDetector) Triggers() Triggers {
	return Triggers{Bytes: "0123456789", MinDigits: 8, NumDigits: 1<<8 | 1<<9, NumPlain: true}
}

var bsnContextWords = newWordList("bsn", "burgerservicenummer", "burger service nummer", "sofinummer", "sofi", "citizen service")

func bsnValid(d []byte) bool {
	if len(d) == 8 {
		var b [9]byte
		b[0] = '0'
		copy(b[1:], d)
		return bsnValid(b[:])
	}
	if len(d) != 9 || allSame(d) {
		return false
	}
	s := 0
	for i := 0; i < 8; i++ {
		s += (9 - i) * int(d[i]-'0')
	}
	s -= int(d[8] - '0')
	return s%11 == 0 && s != 0
}

func (*nlBSNDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	var tb numToken
	t := numTokenAt(text, c.Pos, sink, &tb)
	if t.overflow || (t.nd != 9 && t.nd != 8) || t.plus || t.paren {
		return t.end
	}
	if !(t.ng == 1 || (t.nd == 9 && (t.groupsAre(4, 2, 3) || t.groupsAre(3, 3, 3)) && (t.sep == '.' || t.sep == ' '))) {
		return t.end
	}
	if !bsnValid(t.digitsOf()) {
		return t.end
	}
	var score float32
	switch {
	case wordNearBefore(text, t.start, 32, bsnContextWords):
		score = 0.9
	case ctx.Expect == NLBSN:
		score = 0.9
	case t.ng == 3 && t.sep == '.':
		score = 0.65 // "1234.56.789" is how BSNs are printed
	case ctx.expects(NLBSN, ColumnNationalID) && t.nd == 9:
		score = 0.6
	}
	if score > 0 {
		sink.Span(Span{Start: t.start, End: t.end, Type: NLBSN, Score: score})
	}
	return t.end
}
