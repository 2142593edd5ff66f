package classify

import (
	"math/rand"
	"testing"
)

// TestEmailByteTables: the byte classes of emailBytes are the tests they replaced.
func TestEmailByteTables(t *testing.T) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		local := isAlnum(b) || b >= 0x80 || b == '.' || b == '_' || b == '%' || b == '+' || b == '-' ||
			b == '!' || b == '#' || b == '$' || b == '&' || b == '*' || b == '^' || b == '{' ||
			b == '}' || b == '|' || b == '~' || b == '\''
		domain := isAlnum(b) || b >= 0x80 || b == '-' || b == '.'
		if isLocalByte(b) != local || isDomainByte(b) != domain {
			t.Errorf("%q: isLocalByte %v isDomainByte %v, want %v %v", b, isLocalByte(b), isDomainByte(b), local, domain)
		}
	}
}

// TestEmailDetectLoops: emailDetector.Detect and validDomain, whose loops walk subslices, agree
// with their earlier forms (below) on random text around '@' signs.
func TestEmailDetectLoops(t *testing.T) {
	r := rand.New(rand.NewSource(31))
	pieces := []string{"jane", ".", "..", "doe", "1234", "@", "@", "example", ".org", ".com", ".png", ".x", "-", "--", "'", "_",
		"+tag", "é", "xn--p1ai", " ", ", ", "://", "//", "user:pw", "/", "a", "co.uk", "%", "\n", "ab-", "-cd"}
	found := 0
	for iter := 0; iter < 100000; iter++ {
		var text []byte
		for len(text) < 20+r.Intn(60) {
			text = append(text, pieces[r.Intn(len(pieces))]...)
		}
		if r.Intn(8) == 0 { // a long local part or domain
			long := make([]byte, 60+r.Intn(250))
			for i := range long {
				long[i] = "abc.-"[r.Intn(5)]
			}
			k := r.Intn(len(text))
			text = append(text[:k], append(long, text[k:]...)...)
		}
		for p, c := range text {
			if c != '@' {
				continue
			}
			var got, want SpanBuffer
			ge := (&emailDetector{}).Detect(text, Candidate{Pos: p, End: p + 1, Keyword: -1}, &Context{}, &got)
			we := emailDetectRef(text, p, &want)
			if ge != we || len(got.Spans) != len(want.Spans) || len(got.Spans) > 0 && got.Spans[0] != want.Spans[0] {
				t.Fatalf("Detect(%q, %d) = %d %v, want %d %v", text, p, ge, got.Spans, we, want.Spans)
			}
			found += len(want.Spans)
		}
		s, e := r.Intn(len(text)), r.Intn(len(text)+1)
		if s <= e {
			if got, want := validDomain(text, s, e), validDomainRef(text, s, e); got != want {
				t.Fatalf("validDomain(%q, %d, %d) = %d, want %d", text, s, e, got, want)
			}
		}
	}
	if found < 1000 {
		t.Fatalf("only %d addresses found: the generator does not exercise Detect", found)
	}
}

// emailDetectRef is emailDetector.Detect before its loops walked subslices.
func emailDetectRef(text []byte, at int, sink Sink) int {
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
	if ls > 0 && isLocalByte(text[ls-1]) {
		return at + 1
	}
	for i := ls + 1; i < at; i++ {
		if text[i] == '.' && text[i-1] == '.' {
			return at + 1
		}
	}
	if ls >= 2 && text[ls-1] == '/' && text[ls-2] == '/' {
		return at + 1
	}
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
	de := at + 1
	for de < len(text) && de-at <= 255 && isDomainByte(text[de]) {
		de++
	}
	for de > at+1 && (text[de-1] == '.' || text[de-1] == '-') {
		de--
	}
	end := validDomainRef(text, at+1, de)
	if end < 0 {
		return at + 1
	}
	sink.Span(Span{Start: ls, End: end, Type: EmailAddress, Score: 0.95})
	return end
}

// validDomainRef is validDomain before it walked the labels of a subslice.
func validDomainRef(text []byte, s, e int) int {
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
