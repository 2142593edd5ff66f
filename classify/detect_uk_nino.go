package classify

// ukNINODetector finds UK_NINO, the UK National Insurance number: two prefix letters, six
// digits and a suffix A-D, bare or as "AB 12 34 56 C". HMRC's prefix rules are enforced (first
// letter not D F I Q U V, second not D F I O Q U V, not BG GB KN NK NT TN ZZ); there is no check
// digit. Triggered by the first digit.
type ukNINODetector struct{}

func init() { registerBuiltin(&ukNINODetector{}) }

func (*ukNINODetector) Name() string   { return "uk_nino" }
func (*ukNINODetector) Types() TypeSet { return SetOf(UKNINO) }
func (*ukNINODetector) Triggers() Triggers {
	// The digits follow the two-letter prefix, glued or after a space.
	return Triggers{Bytes: "0123456789", MinDigits: 6, Before: ninoBefore, After: gateDigit, SkipWord: true,
		RunDigits: 1<<2 | 1<<6} // "AB 12 34 56 C", "AB123456C"
}

func ninoPrefixOK(a, b byte) bool {
	a, b = a&^0x20, b&^0x20
	switch a {
	case 'D', 'F', 'I', 'Q', 'U', 'V':
		return false
	}
	switch b {
	case 'D', 'F', 'I', 'O', 'Q', 'U', 'V':
		return false
	}
	switch string([]byte{a, b}) {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return false
	}
	return true
}

func (*ukNINODetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	s := p - 2
	spaced := false
	if s >= 1 && text[p-1] == ' ' {
		s = p - 3
		spaced = true
	}
	if s < 0 || !isUpper(text[s]) || !isUpper(text[s+1]) || !leftBoundary(text, s) || !ninoPrefixOK(text[s], text[s+1]) {
		return skipAlnum(text, p)
	}
	i := p
	for g := 0; g < 3; g++ {
		if g > 0 && spaced {
			if i >= len(text) || text[i] != ' ' {
				return skipAlnum(text, p)
			}
			i++
		}
		if i+2 > len(text) || !isDigit(text[i]) || !isDigit(text[i+1]) {
			return skipAlnum(text, p)
		}
		i += 2
	}
	if spaced && i < len(text) && text[i] == ' ' {
		i++
	}
	if i >= len(text) || text[i]-'A' > 3 || !rightBoundary(text, i+1) {
		return skipAlnum(text, p)
	}
	sink.Span(Span{Start: s, End: i + 1, Type: UKNINO, Score: 0.85})
	return i + 1
}

func ninoBefore(c int) bool { return c == ' ' || c >= 0 && isUpper(byte(c)) }
