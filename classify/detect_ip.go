package classify

// ipDetector finds IP_ADDRESS: dotted-quad IPv4 (octets 0-255, no leading zeros, optional
// /prefix) and IPv6 (RFC 4291 text forms with "::" compression, embedded IPv4, zone ids and
// /prefix). Version strings ("v1.2.3.4", "version 10.0.0.1") and longer dotted runs (OIDs,
// "1.2.3.4.5") are rejected; so are MAC addresses and clock times, which are not valid IPv6.
type ipDetector struct{}

func init() { registerBuiltin(&ipDetector{}) }

func (*ipDetector) Name() string   { return "ip" }
func (*ipDetector) Types() TypeSet { return SetOf(IPAddress) }
func (*ipDetector) Triggers() Triggers {
	// Digits find IPv4 (at least 4 digits in the dotted token); IPv6 is found from its colons.
	// A digit whose run is followed by no '.', ':' or hex letter starts neither (Detect returns
	// the run's end, or skipAlnum's or skipDigitsDots' past it, reporting nothing).
	return Triggers{Bytes: "0123456789:", MinDigits: 4, RunAfter: ipRunAfter}
}

// ipRunAfter is the RunAfter gate: an IPv4 octet goes on with '.', an IPv6 group that starts
// with decimal digits with a hex letter or ':'.
func ipRunAfter(c int) bool { return c == '.' || c == ':' || c >= 0 && isHex(byte(c)) }

var versionWords = newWordList("version", "ver", "v", "release", "build", "firmware", "fw", "rev", "oid", "sdk", "api", "php", "python", "node", "go", "java", "chrome", "firefox", "safari", "android", "ios")

func (*ipDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	if text[p] == ':' {
		// IPv6 around a colon: back to the start of the hex/colon token.
		s := p
		for s > 0 && (isHex(text[s-1]) || text[s-1] == ':') && p-s < 40 {
			s--
		}
		// A single leading ':' is punctuation ("tcp:10.0.3.17"); IPv6 starts with "::" or hex.
		for s <= p && text[s] == ':' && !(s+1 < len(text) && text[s+1] == ':') {
			s++
		}
		if s > p || (s > 0 && (isWordByte(text[s-1]) || text[s-1] == '.')) {
			return p + 1
		}
		if end, ok := parseIPv6(text, s); ok {
			sink.Span(Span{Start: s, End: end, Type: IPAddress, Score: 0.85})
			return end
		}
		return p + 1
	}
	// A digit: IPv4 (or an IPv6 address starting with a decimal-looking group).
	if p > 0 && (wordByteTab[text[p-1]] || text[p-1] == '.') {
		return skipAlnum(text, p)
	}
	// The digit run first, 8 bytes a step: what follows it settles most digits.
	d := p + digitRun8(text, p)
	// From a hex digit, parseIPv6 succeeds only with a ':' after a first group of at most 4
	// hex digits (8 groups or "::" follow): most digits fail this before the call, and all
	// whose digit run is followed by neither a hex letter nor ':' fail it without a loop.
	if d-p <= 4 && d < len(text) && (text[d] == ':' || isHex(text[d])) {
		j := d
		for j < len(text) && j-p < 5 && isHex(text[j]) {
			j++
		}
		if j-p <= 4 && j < len(text) && text[j] == ':' {
			if end, ok := parseIPv6(text, p); ok {
				sink.Span(Span{Start: p, End: end, Type: IPAddress, Score: 0.85})
				return end
			}
		}
	}
	// IPv4 needs a first octet of 1-3 digits and a '.' after it: most digit runs (years, card
	// and phone groups) fail this on the bytes just read, before parseIPv4.
	if d-p > 3 || d >= len(text) || text[d] != '.' {
		if d-p < 8 && (d >= len(text) || text[d] != '.') {
			return d // skipDigitsDots(text, p): the run ends at d
		}
		return skipDigitsDots(text, p)
	}
	end, ok := parseIPv4(text, p)
	if !ok {
		return skipDigitsDots(text, p)
	}
	if p > 0 && text[p-1] == '-' {
		return end
	}
	if k := p - 1; k >= 0 && (text[k] == 'v' || text[k] == 'V') {
		return end
	}
	if wordNearBefore(text, p, 12, versionWords) {
		return end
	}
	sink.Span(Span{Start: p, End: end, Type: IPAddress, Score: 0.8})
	return end
}

func skipDigitsDots(text []byte, p int) int {
	j := p + 1
	for j < len(text) && (isDigit(text[j]) || text[j] == '.') {
		j++
	}
	return j
}

// parseIPv4 parses a dotted quad at i; it returns the end (after an optional /0-32) and
// whether the token is exactly an IPv4 address.
func parseIPv4(text []byte, i int) (int, bool) {
	n := len(text)
	for part := 0; part < 4; part++ {
		if part > 0 {
			if i >= n || text[i] != '.' {
				return i, false
			}
			i++
		}
		j := i
		v := 0
		for j < n && isDigit(text[j]) && j-i < 4 {
			v = v*10 + int(text[j]-'0')
			j++
		}
		if j == i || j-i > 3 || v > 255 || (j-i > 1 && text[i] == '0') {
			return j, false
		}
		i = j
	}
	// Not followed by more dotted parts or word bytes.
	if i < n && (isWordByte(text[i]) || ((text[i] == '.' || text[i] == '-') && i+1 < n && isAlnum(text[i+1]))) {
		return i, false
	}
	if i+1 < n && text[i] == '/' && isDigit(text[i+1]) {
		j := i + 1
		v := 0
		for j < n && isDigit(text[j]) && j-i <= 2 {
			v = v*10 + int(text[j]-'0')
			j++
		}
		if v <= 32 && rightBoundary(text, j) {
			i = j
		}
	}
	return i, true
}

// parseIPv6 parses an IPv6 address starting at s; it returns its end and whether it is valid.
func parseIPv6(text []byte, s int) (int, bool) {
	n := len(text)
	i := s
	groups := 0
	compressed := false
	hexDigits := 0
	if i+1 < n && text[i] == ':' && text[i+1] == ':' {
		compressed = true
		i += 2
	} else if i < n && text[i] == ':' {
		return s, false
	}
	for groups < 8 && i < n {
		j := i
		for j < n && isHex(text[j]) && j-i < 5 {
			j++
		}
		if j == i {
			break
		}
		if j-i > 4 {
			return j, false
		}
		// Embedded IPv4 as the last 32 bits.
		if j+1 < n && text[j] == '.' && isDigit(text[j+1]) && groups <= 6 {
			if e, ok := parseIPv4(text, i); ok && e > j {
				groups += 2
				i = e
				hexDigits += 4
				goto done
			}
			return j, false
		}
		groups++
		hexDigits += j - i
		i = j
		if i+1 < n && text[i] == ':' && text[i+1] == ':' {
			if compressed {
				return i, false
			}
			compressed = true
			i += 2
			continue
		}
		if i+1 < n && text[i] == ':' && isHex(text[i+1]) {
			i++
			continue
		}
		break
	}
done:
	if groups > 8 || (!compressed && groups != 8) || (compressed && groups > 7) {
		return i, false
	}
	if compressed && groups == 0 {
		return i, false // "::" alone
	}
	if !compressed && hexDigits < 8 {
		return i, false
	}
	// Zone id and prefix length.
	if i < n && text[i] == '%' {
		j := i + 1
		for j < n && isAlnum(text[j]) {
			j++
		}
		if j > i+1 {
			i = j
		}
	}
	if i+1 < n && text[i] == '/' && isDigit(text[i+1]) {
		j := i + 1
		v := 0
		for j < n && isDigit(text[j]) && j-i <= 3 {
			v = v*10 + int(text[j]-'0')
			j++
		}
		if v <= 128 {
			i = j
		}
	}
	if i < n && (isWordByte(text[i]) || text[i] == ':') {
		return i, false
	}
	// "a::b", "be::" in prose: require a digit somewhere unless it is fully written out.
	if compressed && groups < 3 {
		hasDigit := false
		for k := s; k < i; k++ {
			if isDigit(text[k]) {
				hasDigit = true
				break
			}
		}
		if !hasDigit {
			return i, false
		}
	}
	return i, true
}
