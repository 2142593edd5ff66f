package classify

import "math"

// Helpers shared by the secret detectors (secret_*.go). None allocates.

// secTokenEnd returns the end of the run of bytes from i on that ok accepts,
// reading at most max bytes.
func secTokenEnd(text []byte, i, max int, ok func(byte) bool) int {
	j := i
	for j < len(text) && j-i < max && ok(text[j]) {
		j++
	}
	return j
}

// secBase62 accepts [A-Za-z0-9].
func secBase62(c byte) bool { return isAlnum(c) }

// secBase64URL accepts [A-Za-z0-9_-].
func secBase64URL(c byte) bool { return isAlnum(c) || c == '_' || c == '-' }

// secBase64 accepts [A-Za-z0-9+/=].
func secBase64(c byte) bool { return isAlnum(c) || c == '+' || c == '/' || c == '=' }

// secTokenByte accepts the bytes API keys and tokens are written with.
func secTokenByte(c byte) bool {
	return isAlnum(c) || c == '_' || c == '-' || c == '+' || c == '/' || c == '=' || c == '.' || c == '~'
}

// secStandalone reports whether text[s:e] is not glued to more token bytes on
// either side (so a prefix inside a longer identifier is not a key).
func secStandalone(text []byte, s, e int, ok func(byte) bool) bool {
	return (s == 0 || !ok(text[s-1])) && (e >= len(text) || !ok(text[e]))
}

// shannonEntropy returns the Shannon entropy of b in bits per byte.
func shannonEntropy(b []byte) float64 {
	if len(b) == 0 {
		return 0
	}
	var counts [256]uint16
	for _, c := range b {
		counts[c]++
	}
	n := float64(len(b))
	h := 0.0
	for _, k := range counts {
		if k != 0 {
			p := float64(k) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// secCharClasses counts which of lower, upper, digit occur in b.
func secCharClasses(b []byte) (n int) {
	var lo, up, di bool
	for _, c := range b {
		switch {
		case isLower(c):
			lo = true
		case isUpper(c):
			up = true
		case isDigit(c):
			di = true
		}
	}
	for _, x := range [3]bool{lo, up, di} {
		if x {
			n++
		}
	}
	return n
}

// secPlaceholder reports values that stand for a secret rather than being
// one: "****", "${DB_PASSWORD}", "{{ .Pass }}", "<password>", "%s", "$1",
// "xxx", "changeme" is still a password and is not here.
func secPlaceholder(v []byte) bool {
	if len(v) == 0 {
		return true
	}
	same := true
	for _, c := range v {
		if c != v[0] {
			same = false
			break
		}
	}
	if same && (v[0] == '*' || v[0] == 'x' || v[0] == 'X' || v[0] == '.' || v[0] == '#' || v[0] == '?') {
		return true
	}
	switch {
	case v[0] == '$' || v[0] == '%' || v[0] == '<' || v[0] == '{' || v[0] == '[' || v[0] == ':' || v[0] == '@':
		return true
	case len(v) >= 2 && v[0] == '(' && v[len(v)-1] == ')':
		return true
	}
	return false
}
