package classify

// auTFNDetector finds AU_TFN, the Australian Tax File Number: 8 or 9 digits with the ATO
// weighted mod-11 check (weights 1,4,3,7,5,8,6,9,10). Like other bare 9-digit checksums it is
// reported only with the column hint or nearby words ("TFN", "tax file number").
type auTFNDetector struct{}

func init() { registerBuiltin(&auTFNDetector{}) }

func (*auTFNDetector) Name() string   { return "au_tfn" }
func (*auTFNDetector) Types() TypeSet { return SetOf(AUTFN) }
func (*auTFNDetector) Triggers() Triggers {
	return Triggers{Bytes: "0123456789", MinDigits: 8, NumDigits: 1<<8 | 1<<9, NumPlain: true}
}

var tfnContextWords = newWordList("tfn", "tax file")

func tfnValid(d []byte) bool {
	w9 := [9]int{1, 4, 3, 7, 5, 8, 6, 9, 10}
	w8 := [8]int{10, 7, 8, 4, 6, 3, 5, 1}
	s := 0
	switch len(d) {
	case 9:
		for i := range w9 {
			s += w9[i] * int(d[i]-'0')
		}
	case 8:
		for i := range w8 {
			s += w8[i] * int(d[i]-'0')
		}
	default:
		return false
	}
	return s%11 == 0 && !allSame(d)
}

func (*auTFNDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	var tb numToken
	t := numTokenAt(text, c.Pos, sink, &tb)
	if t.overflow || (t.nd != 9 && t.nd != 8) || t.plus || t.paren {
		return t.end
	}
	if !(t.ng == 1 || t.groupsAre(3, 3, 3) || t.groupsAre(3, 3, 2)) || (t.ng > 1 && t.sep != ' ' && t.sep != '-') {
		return t.end
	}
	if !tfnValid(t.digitsOf()) {
		return t.end
	}
	var score float32
	switch {
	case ctx.Expect == AUTFN:
		score = 0.95
	case wordNearBefore(text, t.start, 32, tfnContextWords):
		score = 0.9
	case ctx.Expect == AUTFN:
		score = 0.9
	case ctx.expects(AUTFN, ColumnNationalID) && t.nd == 9:
		score = 0.55
	}
	if score > 0 {
		sink.Span(Span{Start: t.start, End: t.end, Type: AUTFN, Score: score})
	}
	return t.end
}
