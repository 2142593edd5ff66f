package classify

import (
	"math/rand"
	"testing"
)

// TestIPv6Precheck backs the pre-test in ipDetector.Detect: from a position that is not a ':',
// parseIPv6 never succeeds unless a ':' follows a first group of at most 4 hex digits.
func TestIPv6Precheck(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	alphabet := []byte("0123456789abcdefABCDEF::::....%/ gx")
	succeeded := 0
	for iter := 0; iter < 200000; iter++ {
		var text []byte
		if iter%2 == 0 {
			text = make([]byte, 1+r.Intn(48))
			for i := range text {
				text[i] = alphabet[r.Intn(len(alphabet))]
			}
		} else {
			// IPv6-shaped: groups of 0-5 hex digits joined by ':' or "::", maybe a dotted
			// quad at the end, so that parseIPv6 often succeeds.
			groups := 1 + r.Intn(9)
			for g := 0; g < groups; g++ {
				if g > 0 {
					text = append(text, ':')
					if r.Intn(6) == 0 {
						text = append(text, ':')
					}
				}
				for k := r.Intn(6); k > 0; k-- {
					text = append(text, "0123456789abcdef"[r.Intn(16)])
				}
			}
			if r.Intn(4) == 0 {
				text = append(text, ":192.168.1.1"...)
			}
			if len(text) == 0 {
				continue
			}
		}
		p := r.Intn(len(text))
		if iter%4 == 1 {
			p = 0
		}
		if text[p] == ':' {
			continue
		}
		if _, ok := parseIPv6(text, p); ok {
			succeeded++
		}
		j := p
		for j < len(text) && j-p < 5 && isHex(text[j]) {
			j++
		}
		if j-p <= 4 && j < len(text) && text[j] == ':' {
			continue
		}
		if end, ok := parseIPv6(text, p); ok {
			t.Fatalf("parseIPv6(%q, %d) = %d, true without the pre-test's ':'", text, p, end)
		}
	}
	if succeeded < 1000 {
		t.Fatalf("only %d inputs parsed as IPv6: the generator does not exercise the pre-test", succeeded)
	}
}

// TestIPv4Precheck backs the second pre-test in ipDetector.Detect: parseIPv4 never succeeds
// unless the digit run at the start is 1-3 digits long and a '.' follows it.
func TestIPv4Precheck(t *testing.T) {
	r := rand.New(rand.NewSource(12))
	alphabet := []byte("0123456789012345678901234.....aef/ :-")
	succeeded := 0
	for iter := 0; iter < 200000; iter++ {
		var text []byte
		if iter%2 == 0 {
			text = make([]byte, 1+r.Intn(24))
			for i := range text {
				text[i] = alphabet[r.Intn(len(alphabet))]
			}
		} else {
			// Dotted quads with octets of 1-4 digits, sometimes a prefix or more parts.
			for part := 0; part < 4+r.Intn(2); part++ {
				if part > 0 {
					text = append(text, '.')
				}
				for k := 1 + r.Intn(4); k > 0; k-- {
					text = append(text, byte('0'+r.Intn(10)))
				}
			}
			if r.Intn(4) == 0 {
				text = append(text, "/24"...)
			}
		}
		p := r.Intn(len(text))
		if !isDigit(text[p]) {
			continue
		}
		if _, ok := parseIPv4(text, p); ok {
			succeeded++
		}
		d := p
		for d < len(text) && d-p < 5 && isDigit(text[d]) {
			d++
		}
		if d-p <= 3 && d < len(text) && text[d] == '.' {
			continue
		}
		if end, ok := parseIPv4(text, p); ok {
			t.Fatalf("parseIPv4(%q, %d) = %d, true without the pre-test's octet and '.'", text, p, end)
		}
	}
	if succeeded < 1000 {
		t.Fatalf("only %d inputs parsed as IPv4: the generator does not exercise the pre-test", succeeded)
	}
}

// TestIPDigitPath: ipDetector.Detect from a digit, which measures the digit run first and reads
// hex digits only where a hex letter or ':' follows it, agrees with its earlier form (below).
func TestIPDigitPath(t *testing.T) {
	r := rand.New(rand.NewSource(13))
	pieces := []string{"192", "168", "1", "42", "0", "255", "256", "1234", "20240115", "123456789", ".", ".", ":", "::",
		"fe80", "abcd", "a", "F", "g", " ", " ", "-", "/24", "/", "v", "version ", "x", "é", "%eth0"}
	found := 0
	for iter := 0; iter < 100000; iter++ {
		var text []byte
		for len(text) < 10+r.Intn(40) {
			text = append(text, pieces[r.Intn(len(pieces))]...)
		}
		for p, c := range text {
			if !isDigit(c) {
				continue
			}
			var got, want SpanBuffer
			ge := (&ipDetector{}).Detect(text, Candidate{Pos: p, End: p + 1, Keyword: -1}, &Context{}, &got)
			we := ipDigitRef(text, p, &want)
			if ge != we || len(got.Spans) != len(want.Spans) || len(got.Spans) > 0 && got.Spans[0] != want.Spans[0] {
				t.Fatalf("Detect(%q, %d) = %d %v, want %d %v", text, p, ge, got.Spans, we, want.Spans)
			}
			found += len(want.Spans)
		}
	}
	if found < 1000 {
		t.Fatalf("only %d addresses found: the generator does not exercise Detect", found)
	}
}

// ipDigitRef is ipDetector.Detect from a digit before it measured the digit run first.
func ipDigitRef(text []byte, p int, sink Sink) int {
	if p > 0 && (isWordByte(text[p-1]) || text[p-1] == '.') {
		return skipAlnum(text, p)
	}
	j := p
	for j < len(text) && j-p < 5 && isHex(text[j]) {
		j++
	}
	if j-p <= 4 && j < len(text) && text[j] == ':' {
		if end, ok := parseIPv6(text, p); ok {
			sink.Span(Span{Start: p, End: end, Type: IPAddress, Score: 0.85})
			return end
		}
	}
	d := p
	for d < j && isDigit(text[d]) {
		d++
	}
	if d-p > 3 || d >= len(text) || text[d] != '.' {
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
