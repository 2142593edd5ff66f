package classify

// brCPFDetector finds BR_CPF, the Brazilian individual taxpayer number: 11 digits with two
// mod-11 check digits, formatted ddd.ddd.ddd-dd (reported on its own) or bare (needs the column
// hint or the word "CPF" nearby).
type brCPFDetector struct{}

func init() { registerBuiltin(&brCPFDetector{}) }

func (*brCPFDetector) Name() string   { return "br_cpf" }
func (*brCPFDetector) Types() TypeSet { return SetOf(BRCPF) }
func (*brCPFDetector) Triggers() Triggers {
	return Triggers{Bytes: "0123456789", MinDigits: 11, NumDigits: 1 << 11, NumPlain: true}
}

var cpfContextWords = newWordList("cpf")

func cpfValid(d []byte) bool {
	if len(d) != 11 || allSame(d) {
		return false
	}
	for k := 9; k <= 10; k++ {
		s := 0
		for i := 0; i < k; i++ {
			s += int(d[i]-'0') * (k + 1 - i)
		}
		r := s * 10 % 11
		if r == 10 {
			r = 0
		}
		if r != int(d[k]-'0') {
			return false
		}
	}
	return true
}

func (*brCPFDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	var tb numToken
	t := numTokenAt(text, c.Pos, sink, &tb)
	if t.overflow || t.nd != 11 || t.plus || t.paren || !cpfValid(t.digitsOf()) {
		return t.end
	}
	formatted := t.groupsAre(3, 3, 3, 2) && t.seps[1] == '.' && t.seps[2] == '.' && t.seps[3] == '-'
	word := wordNearBefore(text, t.start, 32, cpfContextWords)
	var score float32
	switch {
	case formatted:
		score = 0.9
	case t.ng == 1 && word:
		score = 0.85
	case t.ng == 1 && ctx.Expect == BRCPF:
		score = 0.9
	case t.ng == 1 && ctx.expects(BRCPF, ColumnNationalID):
		score = 0.6
	}
	if score > 0 {
		sink.Span(Span{Start: t.start, End: t.end, Type: BRCPF, Score: score})
	}
	return t.end
}
