package classify

// ssnDetector finds US_SSN: AAA-GG-SSSS or AAA GG SSSS with the SSA's rules (area 001-899 but
// not 666, group 01-99, serial 0001-9999; not the advertised 078-05-1120 and 219-09-9999), and
// ITINs (area 9xx with the IRS's group ranges), which share the format and the sensitivity.
// A bare 9-digit run is reported only where the column or nearby words say SSN: random
// 9-digit IDs pass the rules half the time.
type ssnDetector struct{}

func init() { registerBuiltin(&ssnDetector{}) }

func (*ssnDetector) Name() string   { return "ssn" }
func (*ssnDetector) Types() TypeSet { return SetOf(USSSN) }
func (*ssnDetector) Triggers() Triggers {
	return Triggers{Bytes: "0123456789", MinDigits: 9, NumDigits: 1 << 9, NumPlain: true}
}

var ssnContextWords = newWordList("ssn", "social security", "social sec", "soc sec", "ss#", "ss #", "ssa", "tin", "itin", "taxpayer")

func ssnValid(d []byte) bool {
	if len(d) != 9 {
		return false
	}
	area := int(d[0]-'0')*100 + int(d[1]-'0')*10 + int(d[2]-'0')
	group := int(d[3]-'0')*10 + int(d[4]-'0')
	serial := int(d[5]-'0')*1000 + int(d[6]-'0')*100 + int(d[7]-'0')*10 + int(d[8]-'0')
	if area == 0 || area == 666 || group == 0 || serial == 0 {
		return false
	}
	// 900-999 are never SSNs, but ITINs (same format, same sensitivity) use them with these
	// group numbers; other 9xx numbers are rejected.
	if area >= 900 && !(group >= 50 && group <= 65 || group >= 70 && group <= 88 || group >= 90 && group <= 92 || group >= 94) {
		return false
	}
	if string(d) == "078051120" || string(d) == "219099999" || string(d) == "123456789" {
		return false
	}
	return !allSame(d)
}

func (*ssnDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	var tb numToken
	t := numTokenAt(text, c.Pos, sink, &tb)
	if t.overflow || t.nd != 9 || t.plus || t.paren || !ssnValid(t.digitsOf()) {
		return t.end
	}
	hinted := ctx.expects(USSSN, ColumnNationalID) || wordNearBefore(text, t.start, 32, ssnContextWords)
	var score float32
	switch {
	case t.groupsAre(3, 2, 2+2) && (t.sep == '-' || t.sep == ' '):
		score = 0.85
		if hinted {
			score = 0.95
		}
		if ctx.Expect != None && ctx.Expect != USSSN {
			score = 0.6 // the column expects another ID of the same shape
		}
	case t.ng == 1 && hinted:
		score = 0.7
	case t.groupsAre(3, 2, 4) && t.sep == '.' && hinted:
		score = 0.7
	}
	if score > 0 && !hinted && numNegativeContext(text, t.start) {
		score = 0
	}
	if score > 0 {
		sink.Span(Span{Start: t.start, End: t.end, Type: USSSN, Score: score})
	}
	return t.end
}
