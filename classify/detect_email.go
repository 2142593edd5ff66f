package classify

import "strings"

// emailDetector finds EMAIL_ADDRESS: an RFC 5321 dot-atom local part (ASCII or UTF-8, RFC
// 6531) and a domain of at least two labels (ASCII, IDN in UTF-8 or punycode) with an
// alphabetic top-level label. Triggered by '@'.
type emailDetector struct{}

func init() { registerBuiltin(&emailDetector{}) }

func (*emailDetector) Name() string       { return "email" }
func (*emailDetector) Types() TypeSet     { return SetOf(EmailAddress) }
func (*emailDetector) Triggers() Triggers { return Triggers{Bytes: "@"} }

// emailBytes[c] says whether c may sit in a local part (emailLocal) and in a domain
// (emailDomain): one table load per byte, where the tests it replaces compared up to 19 bytes
// and isLocalByte was too large to be inlined into the loop that walks back from '@'.
var emailBytes = func() (t [256]uint8) {
	for c := range t {
		b := byte(c)
		if isAlnum(b) || b >= 0x80 || strings.IndexByte(".'_%+-!#$&*^{}|~", b) >= 0 {
			t[c] |= emailLocal
		}
		if isAlnum(b) || b >= 0x80 || b == '-' || b == '.' {
			t[c] |= emailDomain
		}
	}
	return t
}()

const (
	emailLocal = 1 << iota
	emailDomain
)

// isLocalByte: letters, digits, non-ASCII bytes and .'_%+-!#$&*^{}|~ (RFC 5322 atext and '.').
func isLocalByte(c byte) bool { return emailBytes[c]&emailLocal != 0 }

// isDomainByte: letters, digits, non-ASCII bytes, '-' and '.'.
func isDomainByte(c byte) bool { return emailBytes[c]&emailDomain != 0 }

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
	// Local part: back from '@', at most 64 bytes (the loops below walk subslices, so that
	// the compiler drops the bounds checks).
	lo := max(at-64, 0)
	loc := text[lo:at]
	k := len(loc)
	for k > 0 && isLocalByte(loc[k-1]) {
		k--
	}
	ls := lo + k
	for ls < at && (text[ls] == '.' || text[ls] == '\'' || text[ls] == '-') {
		ls++
	}
	if ls == at || text[at-1] == '.' {
		return at + 1
	}
	if ls > 0 && isLocalByte(text[ls-1]) { // longer than 64: not an address
		return at + 1
	}
	for i, lp := 1, text[ls:at]; i < len(lp); i++ {
		if lp[i] == '.' && lp[i-1] == '.' {
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
	dom := text[at+1 : min(len(text), at+256)]
	k = 0
	for k < len(dom) && isDomainByte(dom[k]) {
		k++
	}
	de := at + 1 + k
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
	// Every label (between dots, and the last one) holds 1-63 bytes and neither starts nor ends
	// with '-'.
	d := text[s:e]
	labels, ls := 0, 0
	for i, c := range d {
		if c != '.' {
			continue
		}
		if !domainLabelOK(d, ls, i) {
			return -1
		}
		labels++
		ls = i + 1
	}
	if labels < 1 || !domainLabelOK(d, ls, len(d)) {
		return -1
	}
	tld := d[ls:]
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

// domainLabelOK: d[ls:i] is a host name label as validDomain wants it.
func domainLabelOK(d []byte, ls, i int) bool {
	l := i - ls
	return l > 0 && l <= 63 && d[ls] != '-' && d[i-1] != '-'
}
