package classify

import "testing"

// TestCallingCodeBits compares the calling-code bit set with the list it is built from, and
// callingCodeLen with a map-based reference over every 1..3 digit prefix.
func TestCallingCodeBits(t *testing.T) {
	ref := map[int]bool{}
	for _, c := range callingCodeList {
		ref[c] = true
	}
	for v := 0; v < 1000; v++ {
		if isCallingCode(v) != ref[v] {
			t.Fatalf("isCallingCode(%d) = %v, want %v", v, isCallingCode(v), ref[v])
		}
	}
	refLen := func(d []byte) int {
		v := 0
		for i := 0; i < 3 && i < len(d); i++ {
			v = v*10 + int(d[i]-'0')
			if ref[v] {
				return i + 1
			}
		}
		return 0
	}
	for n := 1; n <= 4; n++ {
		lim := 1
		for i := 0; i < n; i++ {
			lim *= 10
		}
		for x := 0; x < lim; x++ {
			d := make([]byte, n)
			for i, y := n-1, x; i >= 0; i, y = i-1, y/10 {
				d[i] = byte('0' + y%10)
			}
			if got, want := callingCodeLen(d), refLen(d); got != want {
				t.Fatalf("callingCodeLen(%q) = %d, want %d", d, got, want)
			}
		}
	}
}
