package classify

// emailDetector finds EMAIL_ADDRESS: an RFC 5321 dot-atom local part (ASCII or UTF-8, RFC
// 6531) and a domain of at least two labels (ASCII, IDN in UTF-8 or punycode) with an
// alphabetic top-level label. Triggered by '@'.
type emailDetector struct{}

func init() { registerBuiltin(&emailDetector{}) }

func (*emailDetector) Name() string       { return "email" }
func (*emailDetector) Types() TypeSet     { return SetOf(EmailAddress) }
func (*emailDetector) Triggers() Triggers { return Triggers{Bytes: "@"} }

func isLocalByte(c byte) bool {
	return isAlnum(c) || c >= 0x80 || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' ||
		c == '!' || c == '#' || c == '$' || c == '&' || c == '*' || c == '^' || c == '{' ||
		c == '}' || c == '|' || c == '~' || c == '\''
}

func isDomainByte(c byte) bool { return isAlnum(c) || c >= 0x80 || c == '-' || c == '.' }

// fileExtensionTLDs look like top-level labels but end file names ("icon@2x.png").
var fileExtensionTLDs = []string{"png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff", "pdf", "js", "ts", "css", "txt", "md", "json", "yaml", "yml", "xml", "html", "htm", "go", "py", "rb", "java", "zip", "gz", "tar", "exe", "dll", "so", "lock"}

// fileExtensionsByFirst buckets fileExtensionTLDs by their first letter, so a domain's top-level
// label is compared with the few that can match ("org" with none, not 16 of the same length).
var fileExtensionsByFirst = func() (t [256][]string) {
	for _, x := range fileExtensionTLDs {
		t[x[0]] = append(t[x[0]], x)
	}
	return t
}()

func (*emailDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	at := c.Pos
	// Local part: back from '@'.
	ls := at
	for ls > 0 && at-ls < 64 && isLocalByte(text[ls-1]) {
		ls--
	}
	for ls < at && (text[ls] == '.' || text[ls] == '\'' || text[ls] == '-') {
		ls++
	}
	if ls == at || text[at-1] == '.' {
		return at + 1
	}
	if ls > 0 && isLocalByte(text[ls-1]) { // longer than 64: not an address
		return at + 1
	}
	for i := ls + 1; i < at; i++ {
		if text[i] == '.' && text[i-1] == '.' {
			return at + 1
		}
	}
	// user@host inside a URL is userinfo, not an address.
	if ls >= 2 && text[ls-1] == '/' && text[ls-2] == '/' {
		return at + 1
	}
	// user:password@host inside a URL is a credential, not an address.
	if ls > 0 && text[ls-1] == ':' {
		for k := ls - 1; k > 2 && k > ls-300; k-- {
			if text[k] == ' ' || text[k] == '\n' {
				break
			}
			if text[k] == '/' && text[k-1] == '/' && text[k-2] == ':' {
				return at + 1
			}
		}
	}
	// Domain.
	de := at + 1
	for de < len(text) && de-at <= 255 && isDomainByte(text[de]) {
		de++
	}
	for de > at+1 && (text[de-1] == '.' || text[de-1] == '-') {
		de--
	}
	end := validDomain(text, at+1, de)
	if end < 0 {
		return at + 1
	}
	sink.Span(Span{Start: ls, End: end, Type: EmailAddress, Score: 0.95})
	return end
}

// validDomain checks text[s:e] as a host name of at least two labels with an alphabetic (or
// IDN) top-level label; it returns the end of the domain or -1.
func validDomain(text []byte, s, e int) int {
	if e-s < 4 {
		return -1
	}
	labels := 0
	ls := s
	var lastStart int
	for i := s; i <= e; i++ {
		if i < e && text[i] != '.' {
			continue
		}
		l := i - ls
		if l == 0 || l > 63 || text[ls] == '-' || text[i-1] == '-' {
			return -1
		}
		labels++
		lastStart = ls
		ls = i + 1
	}
	if labels < 2 {
		return -1
	}
	tld := text[lastStart:e]
	if len(tld) < 2 || len(tld) > 24 {
		return -1
	}
	if hasPrefixFold(tld, 0, "xn--") {
		return e
	}
	for _, b := range tld {
		if !isAlpha(b) && b < 0x80 {
			return -1
		}
	}
	for _, x := range fileExtensionsByFirst[lowerASCII(tld[0])] {
		if len(x) == len(tld) && hasPrefixFold(tld, 0, x) {
			return -1
		}
	}
	return e
}
