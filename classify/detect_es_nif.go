package classify

// esNIFDetector finds ES_NIF: a DNI (8 digits and a control letter) or NIE (X/Y/Z, 7 digits and
// a control letter), the letter being "TRWAGMYFPDXBNJZSQVHLCKE"[number mod 23]; an optional
// dash or space before the letter is accepted.
type esNIFDetector struct{}

func init() { registerBuiltin(&esNIFDetector{}) }

func (*esNIFDetector) Name() string   { return "es_nif" }
func (*esNIFDetector) Types() TypeSet { return SetOf(ESNIF) }
func (*esNIFDetector) Triggers() Triggers {
	// The digits start a word, or follow the X/Y/Z of an NIE.
	return Triggers{Bytes: "0123456789", MinDigits: 7, Before: nifBefore, SkipWord: true,
		RunDigits: 1<<7 | 1<<8} // "X1234567L", "12345678Z"
}

const nifLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

func (*esNIFDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	s := p
	v := 0
	want := 8
	if p > 0 {
		k := p - 1
		if text[k] == '-' && k > 0 { // "X-1234567-L"
			k--
		}
		switch text[k] | 0x20 {
		case 'x', 'y', 'z':
			s = k
			v = int(text[k] | 0x20 - 'x')
			want = 7
		}
	}
	if !leftBoundary(text, s) {
		return skipAlnum(text, p)
	}
	i := p
	for i < len(text) && isDigit(text[i]) && i-p < want {
		v = v*10 + int(text[i]-'0')
		i++
	}
	if i-p != want || (i < len(text) && isDigit(text[i])) {
		return skipAlnum(text, p)
	}
	if i < len(text) && (text[i] == '-' || text[i] == ' ') {
		i++
	}
	if i >= len(text) || text[i]&^0x20 != nifLetters[v%23] || !rightBoundary(text, i+1) {
		return skipAlnum(text, p)
	}
	sink.Span(Span{Start: s, End: i + 1, Type: ESNIF, Score: 0.9})
	return i + 1
}

func nifBefore(c int) bool {
	return c < 0 || !isWordByte(byte(c)) || c|0x20 == 'x' || c|0x20 == 'y' || c|0x20 == 'z'
}
