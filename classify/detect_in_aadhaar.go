package classify

// inAadhaarDetector finds IN_AADHAAR: 12 digits, first digit 2-9, with a Verhoeff check digit,
// grouped 4-4-4 by spaces or dashes; a bare run needs the column hint or words such as
// "Aadhaar" / "UID" nearby.
type inAadhaarDetector struct{}

func init() { registerBuiltin(&inAadhaarDetector{}) }

func (*inAadhaarDetector) Name() string   { return "in_aadhaar" }
func (*inAadhaarDetector) Types() TypeSet { return SetOf(INAadhaar) }
func (*inAadhaarDetector) Triggers() Triggers {
	return Triggers{Bytes: "0123456789", MinDigits: 12, NumDigits: 1 << 12, NumPlain: true}
}

var aadhaarContextWords = newWordList("aadhaar", "aadhar", "adhaar", "uidai", "uid", "आधार")

var verhoeffD = [10][10]uint8{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
	{3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
	{6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
	{9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
}

var verhoeffP = [8][10]uint8{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
	{8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
	{2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
}

// verhoeffValid reports whether the ASCII digits d end in a valid Verhoeff check digit.
func verhoeffValid(d []byte) bool {
	c := uint8(0)
	for i := 0; i < len(d); i++ {
		c = verhoeffD[c][verhoeffP[i%8][d[len(d)-1-i]-'0']]
	}
	return c == 0
}

func (*inAadhaarDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	var tb numToken
	t := numTokenAt(text, c.Pos, sink, &tb)
	if t.overflow || t.nd != 12 || t.plus || t.paren {
		return t.end
	}
	d := t.digitsOf()
	if d[0] < '2' || !verhoeffValid(d) || allSame(d[1:]) {
		return t.end
	}
	word := wordNearBefore(text, t.start, 32, aadhaarContextWords)
	var score float32
	switch {
	case t.groupsAre(4, 4, 4) && (t.sep == ' ' || t.sep == '-'):
		score = 0.8
		if word || ctx.Expect == INAadhaar {
			score = 0.95
		}
	case t.ng == 1 && word:
		score = 0.85
	case t.ng == 1 && ctx.Expect == INAadhaar:
		score = 0.9
	case t.ng == 1 && ctx.expects(INAadhaar, ColumnNationalID):
		score = 0.6
	}
	if score > 0 && !word && numNegativeContext(text, t.start) {
		return t.end
	}
	if score > 0 {
		sink.Span(Span{Start: t.start, End: t.end, Type: INAadhaar, Score: score})
	}
	return t.end
}
