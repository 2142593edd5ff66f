package classify

// macDetector finds MAC_ADDRESS: six hex pairs joined by ':' or '-' (one separator
// throughout) or Cisco-style three dot-joined groups of four hex digits. All-zero and
// all-digit dash forms without hex letters that read as dates or phone numbers are left to
// those detectors by a lower score.
type macDetector struct{}

func init() { registerBuiltin(&macDetector{}) }

func (*macDetector) Name() string   { return "mac" }
func (*macDetector) Types() TypeSet { return SetOf(MACAddress) }
func (*macDetector) Triggers() Triggers {
	// The separator sits between hex digits (Detect's first test).
	return Triggers{Bytes: ":-.", Before: gateHex, After: gateHex}
}

func (*macDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	sep := text[p]
	n := len(text)
	if text[p] == '.' {
		// xxxx.xxxx.xxxx: p is the first dot.
		s := p - 4
		if s < 0 || !leftBoundary(text, s) || s+14 > n {
			return p + 1
		}
		for k := 0; k < 14; k++ {
			ch := text[s+k]
			if k == 4 || k == 9 {
				if ch != '.' {
					return p + 1
				}
			} else if !isHex(ch) {
				return p + 1
			}
		}
		if !rightBoundary(text, s+14) || (s+15 < n && text[s+14] == '.' && isHex(text[s+15])) {
			return p + 1
		}
		if !hasHexLetter(text[s:s+14]) && ctx.Expect != MACAddress {
			return s + 14
		}
		sink.Span(Span{Start: s, End: s + 14, Type: MACAddress, Score: 0.8})
		return s + 14
	}
	s := p - 2
	if s < 0 || !isHex(text[s]) || !isHex(text[s+1]) || !leftBoundary(text, s) || s+17 > n {
		return p + 1
	}
	if s > 0 && (text[s-1] == ':' || text[s-1] == '-') {
		return p + 1
	}
	for k := 0; k < 17; k++ {
		ch := text[s+k]
		if k%3 == 2 {
			if ch != sep {
				return p + 1
			}
		} else if !isHex(ch) {
			return p + 1
		}
	}
	e := s + 17
	if e < n && (isWordByte(text[e]) || text[e] == sep && e+1 < n && isHex(text[e+1])) {
		return e
	}
	score := float32(0.9)
	if !hasHexLetter(text[s:e]) {
		score = 0.6
	}
	sink.Span(Span{Start: s, End: e, Type: MACAddress, Score: score})
	return e
}

func hasHexLetter(b []byte) bool {
	for _, c := range b {
		if (c|0x20)-'a' < 6 {
			return true
		}
	}
	return false
}
