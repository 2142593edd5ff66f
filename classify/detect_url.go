package classify

// urlDetector finds URL ("scheme://..." for any scheme, including database URLs such as
// postgres://, mongodb+srv://, jdbc:mysql://, and "www." host names) and the PASSWORD inside
// "scheme://user:password@host": the credential is reported as its own secret span, which wins
// over the enclosing URL when the Scanner resolves overlaps, so a policy that keeps URLs still
// masks the password.
type urlDetector struct{}

func init() { registerBuiltin(&urlDetector{}) }

func (*urlDetector) Name() string       { return "url" }
func (*urlDetector) Types() TypeSet     { return SetOf(URL, Password) }
func (*urlDetector) Triggers() Triggers { return Triggers{Keywords: urlKeywords} }

// urlKeywords: "://", "www.", then the top-level domains of bare host names ("example.com",
// "docs.python.org/3/"): the generic ones and the country codes common in text, not the
// two-letter codes that are also words after a missing space (".in", ".me", ".at", ".be").
var urlKeywords = []string{"://", "www.", ".com", ".org", ".net", ".edu", ".gov", ".io", ".co",
	".info", ".biz", ".uk", ".de", ".fr", ".es", ".nl", ".ca", ".au", ".jp", ".ru", ".br", ".ch",
	".ai", ".app", ".dev", ".us", ".eu", ".pl", ".se", ".dk", ".fi", ".cz", ".pt", ".mx", ".ar"}

// isURLByte reports whether c may appear inside a URL (RFC 3986 plus UTF-8 for IRIs).
func isURLByte(c byte) bool {
	if c >= 0x80 {
		return true
	}
	if c <= ' ' || c == 0x7f {
		return false
	}
	switch c {
	case '"', '<', '>', '`', '{', '}', '|', '\\', '^':
		return false
	}
	return true
}

func (*urlDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	n := len(text)
	if c.Keyword >= 2 {
		return detectBareHost(text, c, sink)
	}
	var start, hostStart int
	if c.Keyword == 0 { // "://"
		s := c.Pos
		for s > 0 && c.Pos-s < 32 && (isAlnum(text[s-1]) || text[s-1] == '+' || text[s-1] == '.' || text[s-1] == '-') {
			s--
		}
		for s < c.Pos && !isAlpha(text[s]) {
			s++
		}
		if s == c.Pos || !leftBoundary(text, s) {
			return c.End
		}
		// jdbc:postgresql://
		if s >= 5 && hasPrefixFold(text, s-5, "jdbc:") && leftBoundary(text, s-5) {
			s -= 5
		}
		start, hostStart = s, c.End
	} else { // "www."
		if !leftBoundary(text, c.Pos) || (c.Pos > 0 && (text[c.Pos-1] == '/' || text[c.Pos-1] == '.' || text[c.Pos-1] == '@')) {
			return c.End
		}
		start, hostStart = c.Pos, c.Pos
	}
	// Extent, with trailing punctuation trimmed and parentheses balanced.
	e := hostStart
	for e < n && isURLByte(text[e]) {
		e++
	}
	e = trimURLEnd(text, start, e)
	if e <= hostStart {
		return c.End
	}
	// Authority.
	ae := hostStart
	for ae < e && text[ae] != '/' && text[ae] != '?' && text[ae] != '#' {
		ae++
	}
	at := -1
	for k := ae - 1; k >= hostStart; k-- {
		if text[k] == '@' {
			at = k
			break
		}
	}
	hs := hostStart
	if at >= 0 {
		hs = at + 1
	}
	// Host: non-empty, no spaces; for www. a real domain.
	he := hs
	for he < ae && text[he] != ':' {
		he++
	}
	if hs < ae && text[hs] == '[' { // IPv6 literal
		for he = hs; he < ae && text[he] != ']'; he++ {
		}
	}
	if he == hs {
		return c.End
	}
	if c.Keyword == 1 && (validDomain(text, hs, he) < 0 || countByte(text[hs:he], '.') < 2) {
		return c.End
	}
	// A password in the userinfo or in a query parameter (password=, pwd=, ...) splits the URL
	// into URL, PASSWORD, URL spans, so that a policy keeping URLs still masks the password.
	// When the caller does not want PASSWORD reported, the URL is reported whole (never with a
	// hole where the password is).
	if ctx.Wants(Password) {
		var pw [2][2]int
		np := 0
		if at > hostStart {
			for k := hostStart; k < at; k++ {
				if text[k] == ':' {
					if k+1 < at {
						pw[np] = [2]int{k + 1, at}
						np++
					}
					break
				}
			}
		}
		if qs, qe := queryPassword(text, ae, e); qs < qe {
			pw[np] = [2]int{qs, qe}
			np++
		}
		if np > 0 {
			from := start
			for _, r := range pw[:np] {
				if r[0] > from {
					sink.Span(Span{Start: from, End: r[0], Type: URL, Score: 0.85})
				}
				sink.Span(Span{Start: r[0], End: r[1], Type: Password, Score: 0.95})
				from = r[1]
			}
			if from < e {
				sink.Span(Span{Start: from, End: e, Type: URL, Score: 0.85})
			}
			return e
		}
	}
	sink.Span(Span{Start: start, End: e, Type: URL, Score: 0.85})
	return e
}

// trimURLEnd drops trailing punctuation that ends the sentence rather than the URL.
func trimURLEnd(text []byte, start, e int) int {
	for e > start {
		switch text[e-1] {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
			e--
			continue
		case ')', ']':
			open, close := byte('('), text[e-1]
			if close == ']' {
				open = '['
			}
			depth := 0
			for k := start; k < e; k++ {
				if text[k] == open {
					depth++
				} else if text[k] == close {
					depth--
				}
			}
			if depth < 0 {
				e--
				continue
			}
		}
		break
	}
	return e
}

func countByte(b []byte, c byte) int {
	n := 0
	for _, x := range b {
		if x == c {
			n++
		}
	}
	return n
}

// detectBareHost reports a host name without scheme ("example.com", "docs.python.org/3/x")
// whose top-level label is the keyword at c, with an optional path. E-mail domains, file names
// with other extensions and dotted abbreviations are not hosts.
func detectBareHost(text []byte, c Candidate, sink Sink) int {
	n := len(text)
	// Keywords sharing a start (".co", ".com") reach here once: read the whole label.
	end := c.Pos + 1
	for end < n && isAlpha(text[end]) {
		end++
	}
	known := false
	for _, k := range urlKeywords[2:] {
		if len(k) == end-c.Pos && hasPrefixFold(text, c.Pos, k) {
			known = true
			break
		}
	}
	if !known {
		return end
	}
	// Second-level country domains: ".co.uk", ".com.au".
	for end+3 <= n && text[end] == '.' && isAlpha(text[end+1]) && isAlpha(text[end+2]) && (end+3 == n || !isAlnum(text[end+3])) {
		end += 3
	}
	if end < n && (isAlnum(text[end]) || text[end] == '-' || text[end] == '_' || text[end] == '@' || text[end] >= 0x80) {
		return end
	}
	// Host labels before the keyword.
	s := c.Pos
	for s > 0 && (isAlnum(text[s-1]) || text[s-1] == '-' || text[s-1] == '.') {
		s--
	}
	for s < c.Pos && (text[s] == '.' || text[s] == '-') {
		s++
	}
	if c.Pos-s < 2 || (s > 0 && (text[s-1] == '@' || text[s-1] == '/' || text[s-1] >= 0x80 || text[s-1] == '_')) {
		return c.End
	}
	// The label right before the TLD needs a letter, and no empty labels.
	letter := false
	for k := c.Pos - 1; k >= s && text[k] != '.'; k-- {
		if isAlpha(text[k]) {
			letter = true
		}
	}
	if !letter {
		return c.End
	}
	for k := s + 1; k < c.Pos; k++ {
		if text[k] == '.' && text[k-1] == '.' {
			return c.End
		}
	}
	if end < n && text[end] == '/' {
		e := end
		for e < n && isURLByte(text[e]) {
			e++
		}
		end = trimURLEnd(text, s, e)
	} else if end < n && text[end] == ':' && end+1 < n && isDigit(text[end+1]) {
		e := end + 1
		for e < n && isURLByte(text[e]) {
			e++
		}
		end = trimURLEnd(text, s, e)
	}
	sink.Span(Span{Start: s, End: end, Type: URL, Score: 0.6})
	return end
}

// urlPasswordParams are query parameter names whose value is a password.
var urlPasswordParams = []string{"password", "passwd", "pwd", "pass", "passphrase", "sslpassword"}

// queryPassword finds the value of a password query parameter in text[from:e] (the URL after
// its authority) and returns its range, or (0, 0).
func queryPassword(text []byte, from, e int) (int, int) {
	q := from
	for q < e && text[q] != '?' {
		q++
	}
	for i := q + 1; i < e; {
		// Parameter name.
		j := i
		for j < e && text[j] != '=' && text[j] != '&' && text[j] != ';' {
			j++
		}
		if j < e && text[j] == '=' {
			vs := j + 1
			ve := vs
			for ve < e && text[ve] != '&' && text[ve] != ';' && text[ve] != '#' {
				ve++
			}
			for _, p := range urlPasswordParams {
				if j-i == len(p) && hasPrefixFold(text, i, p) && ve > vs {
					return vs, ve
				}
			}
			j = ve
		}
		i = j + 1
	}
	return 0, 0
}
