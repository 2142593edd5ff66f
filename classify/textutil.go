package classify

import (
	"encoding/binary"
	"math/bits"
)

// Byte-level helpers shared by detectors. None allocates; none lowercases its input.

func isDigit(c byte) bool { return c-'0' < 10 }
func isUpper(c byte) bool { return c-'A' < 26 }
func isLower(c byte) bool { return c-'a' < 26 }
func isAlpha(c byte) bool { return (c|0x20)-'a' < 26 }
func isAlnum(c byte) bool { return isDigit(c) || isAlpha(c) }
func isHex(c byte) bool   { return isDigit(c) || (c|0x20)-'a' < 6 }

// isWordByte reports whether c continues a word: ASCII letters and digits, '_' and any non-ASCII
// byte (part of a UTF-8 letter, conservatively).
func isWordByte(c byte) bool { return isAlnum(c) || c == '_' || c >= 0x80 }

// wordByteTab[c] is isWordByte(c).
var wordByteTab = func() (t [256]bool) {
	for c := range t {
		t[c] = isWordByte(byte(c))
	}
	return t
}()

// leftBoundary reports whether text[i] starts a token: i == 0 or text[i-1] is not a word byte.
func leftBoundary(text []byte, i int) bool { return i <= 0 || !isWordByte(text[i-1]) }

// rightBoundary reports whether a token ending at j is not followed by a word byte.
func rightBoundary(text []byte, j int) bool { return j >= len(text) || !isWordByte(text[j]) }

// hasPrefixFold reports whether text[i:] begins with the ASCII word w, ignoring ASCII case.
func hasPrefixFold(text []byte, i int, w string) bool {
	if i < 0 || len(text)-i < len(w) {
		return false
	}
	for k := 0; k < len(w); k++ {
		if lowerASCII(text[i+k]) != lowerASCII(w[k]) {
			return false
		}
	}
	return true
}

// containsFold reports whether text[lo:hi] contains w (ASCII case-insensitive). w must be
// lowercase ASCII.
func containsFold(text []byte, lo, hi int, w string) bool {
	if lo < 0 {
		lo = 0
	}
	if hi > len(text) {
		hi = len(text)
	}
	if len(w) == 0 {
		return true
	}
	c0 := w[0]
	for i := lo; i+len(w) <= hi; i++ {
		if lowerASCII(text[i]) == c0 && hasPrefixFold(text, i, w) {
			return true
		}
	}
	return false
}

// wordList is a set of lowercase context words bucketed by first byte (both ASCII cases), built
// once at package initialisation.
type wordList struct {
	words   []string
	byFirst [256][]string
	// pairs is a 1024-bit filter over the first two bytes of the words, ASCII case folded
	// (pairBit); a one-byte word sets the bits of its byte with every second byte.
	pairs [16]uint64
}

func newWordList(words ...string) *wordList {
	w := &wordList{words: words}
	for _, x := range words {
		c := x[0]
		w.byFirst[c] = append(w.byFirst[c], x)
		if isLower(c) {
			w.byFirst[c-32] = append(w.byFirst[c-32], x)
		}
		for b := 0; b < 256; b++ {
			if len(x) >= 2 && lowerASCII(byte(b)) != lowerASCII(x[1]) {
				continue
			}
			h := pairBit(c, byte(b))
			w.pairs[h>>6] |= 1 << (h & 63)
		}
	}
	return w
}

// pairBit maps two bytes, ASCII case folded, to a bit of wordList.pairs.
func pairBit(a, b byte) uint { return (uint(lowerASCII(a))*37 + uint(lowerASCII(b))) & 1023 }

// wordNearBefore reports whether any of the words occurs as a whole word (case-insensitively;
// an English plural 's' allowed) in the window of n bytes before pos.
func wordNearBefore(text []byte, pos, n int, wl *wordList) bool {
	lo := pos - n
	if lo < 0 {
		lo = 0
	}
	if pos > len(text) {
		pos = len(text)
	}
	// Only word starts can begin a word: test the byte before first (one table load; most
	// positions of a window are inside words), then the pair filter.
	inWord := lo > 0 && wordByteTab[text[lo-1]]
	for i := lo; i < pos; i++ {
		c := text[i]
		if inWord {
			inWord = wordByteTab[c]
			continue
		}
		inWord = wordByteTab[c]
		var next byte // the byte after text[i] (0 past the end: only a one-byte word fits)
		if i+1 < len(text) {
			next = text[i+1]
		}
		if h := pairBit(c, next); wl.pairs[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		ws := wl.byFirst[c]
		if len(ws) == 0 {
			continue
		}
		for _, w := range ws {
			if i+len(w) <= pos && hasPrefixFold(text, i, w) && wordEnds(text, i+len(w)) {
				return true
			}
		}
	}
	return false
}

// wordEnds reports whether a word ending at j is complete: no letter follows, or only a
// plural 's'.
func wordEnds(text []byte, j int) bool {
	if j >= len(text) || !isAlpha(text[j]) && text[j] < 0x80 {
		return true
	}
	return (text[j]|0x20) == 's' && (j+1 >= len(text) || !isAlpha(text[j+1]) && text[j+1] < 0x80)
}

// digitValue returns the digit value of c, or -1.
func digitValue(c byte) int {
	if isDigit(c) {
		return int(c - '0')
	}
	return -1
}

// luhnValid reports whether the digits in d (ASCII digits only) pass the Luhn check.
func luhnValid(d []byte) bool {
	sum := 0
	dbl := false
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if dbl {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		dbl = !dbl
	}
	return sum%10 == 0
}

// allSame reports whether every byte of d is the same.
func allSame(d []byte) bool {
	for i := 1; i < len(d); i++ {
		if d[i] != d[0] {
			return false
		}
	}
	return true
}

// ascendingRun reports whether d is a run like 123456789 / 012345 (each digit +1 mod 10).
func ascendingRun(d []byte) bool {
	for i := 1; i < len(d); i++ {
		if (d[i-1]-'0'+1)%10 != d[i]-'0' {
			return false
		}
	}
	return len(d) > 1
}

// digitRun8 returns the number of ASCII digits at text[i:] (i <= len(text)), but at most 8
// where eight bytes remain: one 8-byte load and a few operations, small enough to be inlined,
// so a digit group of a phone, card or account number is measured in one step.
func digitRun8(text []byte, i int) int {
	if i+8 <= len(text) {
		const hb = 0x8080808080808080
		w := binary.LittleEndian.Uint64(text[i:])
		l := w &^ hb
		// Bit 7 of each byte: at least '0', not past '9', and ASCII (no carry crosses bytes).
		digit := (l + 0x5050505050505050) &^ (l + 0x4646464646464646) &^ w & hb
		return bits.TrailingZeros64(^digit&hb) >> 3
	}
	k := i
	for k < len(text) && isDigit(text[k]) {
		k++
	}
	return k - i
}

// skipAlnum returns the end of the run of ASCII letters and digits starting at i (at least i+1).
func skipAlnum(text []byte, i int) int {
	j := i + 1
	for j < len(text) && isAlnum(text[j]) {
		j++
	}
	return j
}

// Gates for Triggers.Before and Triggers.After; c is -1 at the start or the end of the value.

func gateHex(c int) bool      { return c >= 0 && isHex(byte(c)) }
func gateAlpha(c int) bool    { return c >= 0 && isAlpha(byte(c)) }
func gateDigit(c int) bool    { return c >= 0 && isDigit(byte(c)) }
func gateBoundary(c int) bool { return c < 0 || !isWordByte(byte(c)) }
