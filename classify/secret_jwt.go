package classify

// jwtDetector finds JWT: three base64url segments separated by '.', the
// first two starting "eyJ" (base64 of `{"`), the header decoding to a JSON
// object with an "alg" member. The signature may be empty (alg "none").
type jwtDetector struct{}

func init() { registerBuiltin(&jwtDetector{}) }

func (*jwtDetector) Name() string       { return "jwt" }
func (*jwtDetector) Types() TypeSet     { return SetOf(JWT) }
func (*jwtDetector) Triggers() Triggers { return Triggers{Keywords: []string{"eyJ"}} }

// jwtMaxHeader bounds the header segment decoded (on the stack).
const jwtMaxHeader = 512

func (*jwtDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	if text[p] != 'e' || text[p+1] != 'y' || text[p+2] != 'J' || (p > 0 && (secBase64URL(text[p-1]) || text[p-1] == '.')) {
		return c.End
	}
	h := secTokenEnd(text, p, 4096, secBase64URL)
	if h >= len(text) || text[h] != '.' || h-p > jwtMaxHeader {
		return c.End
	}
	ps := h + 1
	if !hasPrefixFold(text, ps, "eyJ") || text[ps+2] != 'J' {
		return c.End
	}
	pe := secTokenEnd(text, ps, 1<<16, secBase64URL)
	if pe >= len(text) || text[pe] != '.' || pe-ps < 4 {
		return c.End
	}
	se := secTokenEnd(text, pe+1, 1<<12, secBase64URL)
	if se < len(text) && (text[se] == '.' || secBase64URL(text[se])) { // a fourth segment (JWE) or overlong
		return c.End
	}
	var buf [jwtMaxHeader]byte
	hdr, ok := base64URLDecode(buf[:0], text[p:h])
	if !ok || !jwtHeaderHasAlg(hdr) {
		return c.End
	}
	sink.Span(Span{Start: p, End: se, Type: JWT, Score: 0.97})
	return se
}

// base64URLDecode appends the decoding of unpadded base64url src to dst
// (which must have room: len(src)*3/4 bytes) and reports success.
func base64URLDecode(dst, src []byte) ([]byte, bool) {
	var acc uint32
	bitsN := 0
	for _, c := range src {
		var v byte
		switch {
		case c >= 'A' && c <= 'Z':
			v = c - 'A'
		case c >= 'a' && c <= 'z':
			v = c - 'a' + 26
		case c >= '0' && c <= '9':
			v = c - '0' + 52
		case c == '-':
			v = 62
		case c == '_':
			v = 63
		default:
			return dst, false
		}
		acc = acc<<6 | uint32(v)
		bitsN += 6
		if bitsN >= 8 {
			bitsN -= 8
			if len(dst) == cap(dst) {
				return dst, false
			}
			dst = append(dst, byte(acc>>uint(bitsN)))
		}
	}
	return dst, bitsN < 6
}

// jwtHeaderHasAlg: a JSON object holding the member name "alg".
func jwtHeaderHasAlg(h []byte) bool {
	i := 0
	for i < len(h) && (h[i] == ' ' || h[i] == '\n' || h[i] == '\r' || h[i] == '\t') {
		i++
	}
	j := len(h)
	for j > i && (h[j-1] == ' ' || h[j-1] == '\n' || h[j-1] == '\r' || h[j-1] == '\t') {
		j--
	}
	if i >= j || h[i] != '{' || h[j-1] != '}' {
		return false
	}
	for k := i; k+5 <= j; k++ {
		if string(h[k:k+5]) == `"alg"` {
			return true
		}
	}
	return false
}
