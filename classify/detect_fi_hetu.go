package classify

// fiHETUDetector finds FI_PERSONAL_IDENTITY_CODE (henkilötunnus): DDMMYY, a century sign
// (+ - A and, since 2023, B-F and U-Y), a 3-digit individual number and the check character
// "0123456789ABCDEFHJKLMNPRSTUVWXY"[DDMMYYNNN mod 31]; the date must exist.
type fiHETUDetector struct{}

func init() { registerBuiltin(&fiHETUDetector{}) }

func (*fiHETUDetector) Name() string   { return "fi_hetu" }
func (*fiHETUDetector) Types() TypeSet { return SetOf(FIHETU) }
func (*fiHETUDetector) Triggers() Triggers {
	// DDMMYY starts a word.
	return Triggers{Bytes: "0123456789", MinDigits: 6, Before: gateBoundary, After: gateDigit, SkipWord: true,
		RunDigits: 1 << 6}
}

const hetuCheck = "0123456789ABCDEFHJKLMNPRSTUVWXY"

func hetuCentury(c byte) int {
	switch c {
	case '+':
		return 1800
	case '-', 'Y', 'X', 'W', 'V', 'U':
		return 1900
	case 'A', 'B', 'C', 'D', 'E', 'F':
		return 2000
	}
	return 0
}

func (*fiHETUDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	if !leftBoundary(text, p) || p+11 > len(text) || !rightBoundary(text, p+11) {
		return skipAlnum(text, p)
	}
	h := text[p : p+11]
	v := 0
	for i, ch := range h[:10] {
		if i == 6 {
			continue
		}
		if !isDigit(ch) {
			return skipAlnum(text, p)
		}
		v = v*10 + int(ch-'0')
	}
	century := hetuCentury(h[6])
	if century == 0 || h[10] != hetuCheck[v%31] {
		return skipAlnum(text, p)
	}
	dd := int(h[0]-'0')*10 + int(h[1]-'0')
	mm := int(h[2]-'0')*10 + int(h[3]-'0')
	yy := int(h[4]-'0')*10 + int(h[5]-'0')
	if !validDate(century+yy, mm, dd) {
		return skipAlnum(text, p)
	}
	sink.Span(Span{Start: p, End: p + 11, Type: FIHETU, Score: 0.95})
	return p + 11
}
