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
