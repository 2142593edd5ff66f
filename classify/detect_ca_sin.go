package classify

// caSINDetector finds CA_SIN, the Canadian Social Insurance Number: 9 digits, Luhn-valid, not
// starting with 8 (unassigned). Grouped 3-3-3 by spaces or dashes it is reported on its own
// (below a phone number's score where the first digit is also a mobile prefix elsewhere); a
// bare run needs the column hint or words such as "SIN" or "assurance sociale" nearby.
type caSINDetector struct{}

func init() { registerBuiltin(&caSINDetector{}) }

func (*caSINDetector) Name() string   { return "ca_sin" }
func (*caSINDetector) Types() TypeSet { return SetOf(CASIN) }
func (*caSINDetector) Triggers() Triggers {
	return Triggers{Bytes: "0123456789", MinDigits: 9, NumDigits: 1 << 9, NumPlain: true}
}

var sinContextWords = newWordList("sin", "social insurance", "assurance sociale", "nas")

func (*caSINDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	var tb numToken
	t := numTokenAt(text, c.Pos, sink, &tb)
	if t.overflow || t.nd != 9 || t.plus || t.paren {
		return t.end
	}
	d := t.digitsOf()
	if d[0] == '8' || !luhnValid(d) || allSame(d) || ascendingRun(d) {
		return t.end
	}
	word := wordNearBefore(text, t.start, 32, sinContextWords)
	var score float32
	switch {
	case t.groupsAre(3, 3, 3) && (t.sep == ' ' || t.sep == '-'):
		score = 0.7
		if d[0] >= '5' {
			score = 0.6
		}
		if word || ctx.Expect == CASIN {
			score = 0.95
		}
	case t.ng == 1 && word:
		score = 0.85
	case t.ng == 1 && ctx.Expect == CASIN:
		score = 0.9
	case t.ng == 1 && ctx.expects(CASIN, ColumnNationalID):
		score = 0.6
	}
	if score > 0 && !word && numNegativeContext(text, t.start) {
		return t.end
	}
	if score > 0 {
		sink.Span(Span{Start: t.start, End: t.end, Type: CASIN, Score: score})
	}
	return t.end
}
