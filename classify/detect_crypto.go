package classify

import "crypto/sha256"

// cryptoDetector finds CRYPTO wallet addresses, each confirmed by its real checksum:
//   - Bitcoin legacy P2PKH/P2SH ("1...", "3..."): base58check, version 0x00 / 0x05, double
//     SHA-256 checksum.
//   - Bitcoin SegWit ("bc1q...", "bc1p..."): bech32 (witness v0) / bech32m (v1+) checksum,
//     BIP 173/350 program lengths, one case throughout.
//   - Ethereum: "0x" and exactly 40 hex digits (EIP-55 mixed case is not verified: that needs
//     Keccak-256, which the standard library lacks; the fixed length keeps 64-hex hashes out).
type cryptoDetector struct{}

func init() { registerBuiltin(&cryptoDetector{}) }

func (*cryptoDetector) Name() string   { return "crypto" }
func (*cryptoDetector) Types() TypeSet { return SetOf(Crypto) }
func (*cryptoDetector) Triggers() Triggers {
	// A base58 address starts a word.
	return Triggers{Bytes: "13", Keywords: []string{"bc1", "0x"}, Before: gateBoundary, After: base58Gate, SkipWord: true}
}

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

var base58Index = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(base58Alphabet); i++ {
		t[base58Alphabet[i]] = int8(i)
	}
	return
}()

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

var bech32Index = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(bech32Charset); i++ {
		t[bech32Charset[i]] = int8(i)
		t[bech32Charset[i]-32*btoi(isLower(bech32Charset[i]))] = int8(i)
	}
	return
}()

func btoi(b bool) byte {
	if b {
		return 1
	}
	return 0
}

func (*cryptoDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	switch c.Keyword {
	case 0:
		return detectBech32(text, c, sink)
	case 1:
		return detectETH(text, c, sink)
	}
	p := c.Pos
	if !leftBoundary(text, p) {
		return skipAlnum(text, p)
	}
	// Most triggers are numbers ("1234", "3.5"): a run of fewer than 8 digits, measured a word
	// at a time, that no base58 byte follows is too short for an address, and its end is
	// skipAlnum's unless an alphanumeric byte ('0', 'O', 'I', 'l') follows.
	if n := digitRun8(text, p); n < 8 {
		if e := p + n; e >= len(text) || base58Index[text[e]] < 0 {
			if e < len(text) && isAlnum(text[e]) {
				return skipAlnum(text, p)
			}
			return e
		}
	}
	e := p
	for e < len(text) && base58Index[text[e]] >= 0 && e-p <= 35 {
		e++
	}
	if e-p < 26 || e-p > 35 || !rightBoundary(text, e) {
		return skipAlnum(text, p)
	}
	if base58CheckAddress(text[p:e]) {
		sink.Span(Span{Start: p, End: e, Type: Crypto, Score: 1})
	}
	return e
}

// base58CheckAddress decodes a base58 string into 25 bytes and checks version and checksum.
func base58CheckAddress(s []byte) bool {
	var out [25]byte
	for _, ch := range s {
		carry := int(base58Index[ch])
		for k := 24; k >= 0; k-- {
			carry += int(out[k]) * 58
			out[k] = byte(carry)
			carry >>= 8
		}
		if carry != 0 {
			return false
		}
	}
	// Leading '1's encode leading zero bytes; the decoded value must use exactly 25 bytes.
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	lead := 0
	for lead < 25 && out[lead] == 0 {
		lead++
	}
	if lead != zeros {
		return false
	}
	if out[0] != 0x00 && out[0] != 0x05 {
		return false
	}
	h1 := sha256.Sum256(out[:21])
	h2 := sha256.Sum256(h1[:])
	return h2[0] == out[21] && h2[1] == out[22] && h2[2] == out[23] && h2[3] == out[24]
}

func bech32Polymod(v uint32, b byte) uint32 {
	top := v >> 25
	v = (v&0x1ffffff)<<5 ^ uint32(b)
	for i, g := range [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3} {
		if (top>>uint(i))&1 != 0 {
			v ^= g
		}
	}
	return v
}

func detectBech32(text []byte, c Candidate, sink Sink) int {
	p := c.Pos
	if !leftBoundary(text, p) {
		return c.End
	}
	e := c.End
	upper := isUpper(text[p])
	if isUpper(text[p+1]) != upper {
		return c.End
	}
	for e < len(text) && bech32Index[text[e]] >= 0 && e-p <= 90 {
		if isAlpha(text[e]) && isUpper(text[e]) != upper {
			return c.End
		}
		e++
	}
	if !rightBoundary(text, e) {
		return c.End
	}
	data := text[c.End:e]
	// Witness version + program (v0: 20 or 32 bytes = 32 or 52 chars) + 6 checksum chars.
	if len(data) < 1+6+7 {
		return c.End
	}
	ver := bech32Index[data[0]]
	progChars := len(data) - 1 - 6
	progBits := progChars * 5
	progBytes := progBits / 8
	if progBits%8 >= 5 || progBytes < 2 || progBytes > 40 || (ver == 0 && progBytes != 20 && progBytes != 32) || ver > 16 {
		return c.End
	}
	// Checksum over the expanded hrp "bc" and the data.
	v := uint32(1)
	v = bech32Polymod(v, 'b'>>5)
	v = bech32Polymod(v, 'c'>>5)
	v = bech32Polymod(v, 0)
	v = bech32Polymod(v, 'b'&31)
	v = bech32Polymod(v, 'c'&31)
	for _, ch := range data {
		v = bech32Polymod(v, byte(bech32Index[ch]))
	}
	if (ver == 0 && v != 1) || (ver != 0 && v != 0x2bc830a3) {
		return c.End
	}
	sink.Span(Span{Start: p, End: e, Type: Crypto, Score: 1})
	return e
}

func detectETH(text []byte, c Candidate, sink Sink) int {
	p := c.Pos
	if text[p] != '0' || !leftBoundary(text, p) {
		return c.End
	}
	e := c.End
	for e < len(text) && isHex(text[e]) && e-c.End <= 40 {
		e++
	}
	if e-c.End != 40 || !rightBoundary(text, e) {
		return c.End
	}
	h := text[c.End:e]
	if !hasHexLetter(h) || allSame(h) {
		return e
	}
	digits := 0
	for _, ch := range h {
		if isDigit(ch) {
			digits++
		}
	}
	if digits == 0 {
		return e
	}
	sink.Span(Span{Start: p, End: e, Type: Crypto, Score: 0.85})
	return e
}

func base58Gate(c int) bool { return c >= 0 && base58Index[c] >= 0 }
