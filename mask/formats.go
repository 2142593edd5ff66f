package mask

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"slices"
	"unsafe"

	"github.com/maskwire/maskwire/classify"
)

// AppendToken appends the format-preserving token of v, a value (or a span
// of free text) of PII type t, and returns the extended buffer. keepDomain
// keeps an email's domain. On ErrMalformed dst is returned unchanged.
//
// Formats (see docs/arch/mask.md):
//   - EMAIL_ADDRESS: "<local>@<domain>", local = base32 token (the input's
//     length, 8..64), domain kept or "<base32>.invalid" (RFC 2606).
//   - PHONE_NUMBER: every digit replaced but an international number's
//     country code ("+44 ..." stays "+44 ..."), everything else (+, spaces, dashes,
//     parentheses) kept in place.
//   - CREDIT_CARD: same length and separators, first digit 9 (MII 9, no card
//     network), last four kept, Luhn-valid.
//   - US_SSN: area 900-999 and group 01-49 (never issued as an SSN nor as an
//     ITIN), the input's separators.
//   - IBAN_CODE: same country, length, letter/digit positions, spacing and
//     case; valid mod-97 check digits.
//   - IP_ADDRESS: IPv4 in 240.0.0.0/4 (reserved), IPv6 in 2001:db8::/32
//     (documentation); a /prefix suffix is kept.
//   - other structured identifiers: shape-preserving (digit for digit, letter
//     for letter, same case, punctuation kept).
//   - secrets, PERSON, LOCATION, anything else: generic token of the same
//     byte length ("tok_" + base32 when 8 bytes or longer).
func (s *Session) AppendToken(dst []byte, t classify.Type, v []byte, keepDomain bool) ([]byte, error) {
	cache := s.t.cache
	if cache != nil {
		if out, ok := s.cacheGet(dst, t, keepDomain, v); ok {
			return out, nil
		}
	}
	var out []byte
	var err error
	switch t {
	case classify.EmailAddress:
		out, err = s.AppendEmail(dst, v, keepDomain)
	case classify.PhoneNumber:
		out, err = s.AppendPhone(dst, v)
	case classify.CreditCard:
		out, err = s.AppendCard(dst, v)
	case classify.USSSN:
		out, err = s.AppendSSN(dst, v)
	case classify.IBANCode:
		out, err = s.AppendIBAN(dst, v)
	case classify.IPAddress:
		out, err = s.AppendIP(dst, v)
	case classify.MACAddress, classify.UKNINO, classify.CASIN, classify.ESNIF, classify.ITFiscalCode,
		classify.INAadhaar, classify.PLPESEL, classify.FIHETU, classify.NLBSN, classify.BRCPF,
		classify.AUTFN, classify.SGNRIC, classify.DateTime:
		out = s.AppendShape(dst, v)
	default:
		out = s.AppendGeneric(dst, v)
	}
	if cache != nil && err == nil {
		s.cachePut(t, keepDomain, v, out[len(dst):])
	}
	return out, err
}

// AppendGeneric appends a token of the same byte length as v: "tok_" and
// base32 characters when v has 8 bytes or more, else base32 only. The token
// is ASCII, so it is valid UTF-8 whatever v was.
func (s *Session) AppendGeneric(dst, v []byte) []byte {
	s.seedOf(tagGeneric, v, false)
	n := len(v)
	if n >= 8 {
		dst = append(dst, "tok_"...)
		n -= 4
	}
	return s.appendB32(dst, n)
}

// AppendShape appends a token with v's shape: each ASCII digit becomes a
// digit, each letter a letter of the same case, every other byte is kept.
func (s *Session) AppendShape(dst, v []byte) []byte {
	s.seedOf(tagShape, v, true)
	for _, c := range v {
		switch {
		case isDigit(c):
			c = '0' + s.digit()
		case isUpper(c):
			c = 'A' + s.letter()
		case isLower(c):
			c = 'a' + s.letter()
		}
		dst = append(dst, c)
	}
	return dst
}

// AppendEmail appends an email token. The token is derived from the whole
// address with ASCII case folded (Bob@X.com and bob@x.com give the same
// token).
func (s *Session) AppendEmail(dst, v []byte, keepDomain bool) ([]byte, error) {
	at := bytes.LastIndexByte(v, '@')
	if at <= 0 || at == len(v)-1 || bytes.IndexByte(v[at+1:], '.') < 0 {
		return dst, ErrMalformed
	}
	s.seedOf(tagEmail, v, true)
	if at <= 15 && !keepDomain {
		return s.appendEmailToken(dst, max(at, 8)), nil
	}
	dst = append(s.appendB32(dst, min(max(at, 8), 64)), '@')
	if keepDomain {
		return append(dst, v[at+1:]...), nil
	}
	return append(s.appendB32(dst, 10), ".invalid"...), nil
}

// dotInvalid is ".invalid" as a little-endian word.
const dotInvalid = '.' | 'i'<<8 | 'n'<<16 | 'v'<<24 | 'a'<<32 | 'l'<<40 | 'i'<<48 | 'd'<<56

// appendEmailToken appends the email token with a local part of n (8..15)
// characters and no domain kept: what appendB32(n), '@', appendB32(10) and
// ".invalid" write from the stream's start, cut from its first block in one
// pass (5(n+10) <= 128 bits) with whole-word stores. The stream is left
// where those calls leave it.
func (s *Session) appendEmailToken(dst []byte, n int) []byte {
	le := binary.LittleEndian
	lo, hi := le.Uint64(s.block[0:8]), le.Uint64(s.block[8:16])
	var c [32]byte // the characters of the block's bits, 8 per 40
	le.PutUint64(c[0:], b32x8(lo))
	le.PutUint64(c[8:], b32x8(lo>>40|hi<<24))
	le.PutUint64(c[16:], b32x8(hi>>16))
	if n >= 15 { // character 24
		le.PutUint64(c[24:], b32x8(hi>>56))
	}
	n &= 15
	size := n + 19 // n, '@', 10, ".invalid"
	dst = slices.Grow(dst, size)
	out := dst[len(dst) : len(dst)+size]
	le.PutUint64(out[0:], le.Uint64(c[0:]))
	le.PutUint64(out[8:], le.Uint64(c[8:])) // (size >= 27; past n: overwritten next)
	out[n] = '@'
	le.PutUint64(out[n+1:], le.Uint64(c[n:]))
	le.PutUint16(out[n+9:], le.Uint16(c[n+8:]))
	le.PutUint64(out[n+11:], dotInvalid)
	// b32 reads a byte only when fewer than 5 bits are left.
	e := 5 * uint(n+10)
	left := -e & 7
	s.acc, s.nb, s.pos = uint32(s.block[(e>>3)&15]>>(e&7))&(1<<left-1), left, (e+7)/8
	return dst[:len(dst)+size]
}

// digits hashes the ASCII digits of v under tag and returns their count.
//
// The digits enter the PRF packed two per byte (a final odd digit padded with
// 0xf), so up to 30 digits and the tag fit one AES block.
func (s *Session) digits(tag byte, v []byte) int {
	// The packed bytes are kept in two words (the message tag || packed
	// must fit one block: up to 30 digits); longer strings are streamed.
	var w0, w1 uint64 // packed bytes 0..7 and 8..15, little-endian
	n, k := 0, uint(0)
	// Runs of eight ASCII digits (a card without separators) are packed a
	// word at a time.
	le := binary.LittleEndian
	rest := v
	for len(rest) >= 8 && k <= 8 {
		x := le.Uint64(rest)
		const ones = 0x0101010101010101
		if x&(0xf0*ones) != 0x30*ones || (x+0x06*ones)&(0xf0*ones) != 0x30*ones {
			break // not eight digits
		}
		d := x & (0x0f * ones)                                    // digit values, byte i = rest[i]
		d = (d&0x00ff00ff00ff00ff)<<4 | (d>>8)&0x00ff00ff00ff00ff // 16-bit lanes: rest[2j]<<4 | rest[2j+1]
		d = (d | d>>8) & 0x0000ffff0000ffff
		d = (d | d>>16) & 0xffffffff
		if k < 8 {
			w0 |= d << (8 * k)
		} else {
			w1 |= d << (8 * (k - 8))
		}
		k += 4
		n += 8
		rest = rest[8:]
	}
	var hi byte
	for _, c := range rest {
		if c -= '0'; c >= 10 {
			continue
		}
		if n&1 == 0 {
			hi = c << 4
		} else {
			if k == 15 {
				return s.digitsLong(tag, v)
			}
			if k < 8 {
				w0 |= uint64(hi|c) << (8 * k)
			} else {
				w1 |= uint64(hi|c) << (8 * (k - 8))
			}
			k++
		}
		n++
	}
	if n&1 == 1 {
		if k == 15 {
			return s.digitsLong(tag, v)
		}
		if k < 8 {
			w0 |= uint64(hi|0x0f) << (8 * k)
		} else {
			w1 |= uint64(hi|0x0f) << (8 * (k - 8))
		}
		k++
	}
	s.seedBlock(uint64(tag)|w0<<8, w1<<8|w0>>56, k+1)
	return n
}

// digitsLong is digits for more than 30 digits, streamed.
func (s *Session) digitsLong(tag byte, v []byte) int {
	s.begin(tag)
	n := 0
	var hi byte
	for _, c := range v {
		if !isDigit(c) {
			continue
		}
		if n&1 == 0 {
			hi = (c - '0') << 4
		} else {
			s.p.writeByte(hi | (c - '0'))
		}
		n++
	}
	if n&1 == 1 {
		s.p.writeByte(hi | 0x0f)
	}
	s.finish()
	return n
}

// AppendPhone appends a phone token: the same number of digits at the same
// positions, every other byte kept; an international number ("+" then the
// country code) keeps its country code ("+1 (555) 010-9999" stays "+1 ...",
// "+44 20 7946 0958" stays "+44 ..."). The other digits depend on all the
// digits only, so "+1 (555) 010-9999" and "15550109999" give the same
// digits after the country code.
func (s *Session) AppendPhone(dst, v []byte) ([]byte, error) {
	n := s.digits(tagDigits, v)
	if n < 3 {
		return dst, ErrMalformed
	}
	start := len(dst)
	dst = s.appendDigitsOver(dst, v, n)
	if at, cc := countryCode(v); cc > 0 && n-cc >= 3 {
		copy(dst[start+at:start+at+cc], v[at:at+cc])
	}
	return dst, nil
}

// countryCode finds the E.164 country code of a number written "+<code>...":
// it returns the code's offset in v and its length in digits (0: no '+', or
// no code). Country codes are prefix-free, so the first digits tell the
// length; a shorter first digit group ("+35 3...") is taken as written.
func countryCode(v []byte) (at, n int) {
	i := 0
	for i < len(v) && v[i] == ' ' {
		i++
	}
	if i == len(v) || v[i] != '+' {
		return 0, 0
	}
	for i++; i < len(v) && v[i] == ' '; i++ {
	}
	g := 0 // the first digit group
	for g < 3 && i+g < len(v) && isDigit(v[i+g]) {
		g++
	}
	if g == 0 {
		return 0, 0
	}
	var d2 byte = 10 // the second digit, 10 when the group has one
	if g > 1 {
		d2 = v[i+1] - '0'
	}
	return i, min(g, ccLen(v[i]-'0', d2))
}

// ccLen is the length of the country code that starts with digits d1 d2
// (d2 10: unknown). ITU-T E.164: zones 1 and 7 are one-digit codes; in the
// other zones the codes of twoDigitCC have two digits, the rest three.
func ccLen(d1, d2 byte) int {
	switch {
	case d1 == 0:
		return 0
	case d1 == 1 || d1 == 7:
		return 1
	case d2 < 10 && twoDigitCC[d1]&(1<<d2) != 0:
		return 2
	}
	return 3
}

// twoDigitCC[d1] has bit d2 set when d1 d2 is a two-digit country code.
var twoDigitCC = [10]uint16{
	2: 1<<0 | 1<<7,                                    // 20 Egypt, 27 South Africa
	3: 1<<0 | 1<<1 | 1<<2 | 1<<3 | 1<<4 | 1<<6 | 1<<9, // 30-34, 36, 39
	4: 0x3ff &^ (1 << 2),                              // 40, 41, 43-49
	5: 0x1fe,                                          // 51-58
	6: 0x07f,                                          // 60-66
	8: 1<<1 | 1<<2 | 1<<4 | 1<<6,                      // 81, 82, 84, 86
	9: 0x03f | 1<<8,                                   // 90-95, 98
}

// AppendCard appends a card token: same length and separators, the last
// four digits kept, the first digit 9 (no card network issues numbers with
// major industry identifier 9, so a token never is a live card number), the
// digit before the last four chosen so the whole number passes Luhn.
func (s *Session) AppendCard(dst, v []byte) ([]byte, error) {
	n := s.digits(tagCard, v)
	if n < 12 || n > 19 {
		return dst, ErrMalformed
	}
	if n == len(v) {
		return s.appendCardDigits(dst, v), nil
	}
	// Right-to-left digit index r: the last four (r 0..3) are kept; r == 4
	// is the Luhn fix-up digit (never doubled: even r); position n-1 (the
	// first) is 9. The Luhn sum of the other digits is kept on the way.
	r := uint(n - 1)
	fix, sum := 0, 0
	dst = slices.Grow(dst, len(v))
	out := dst[len(dst) : len(dst)+len(v)]
	pos := s.pos
	for i, c := range v {
		if !isDigit(c) {
			out[i] = c
			continue
		}
		switch {
		case r < 4:
		case r == uint(n-1):
			c = '9'
		case r == 4:
			fix = i
			c = '0'
		default:
			if b := s.block[pos&15]; pos < 16 && b < 250 {
				c = '0' + b%10
				pos++
			} else {
				c, pos = s.digitSlow(pos)
				c += '0'
			}
		}
		sum += int(luhnValue[r&1][(c-'0')&15])
		out[i] = c
		r--
	}
	s.pos = pos
	out[fix] = '0' + byte((10-sum%10)%10)
	return dst[:len(dst)+len(v)], nil
}

// appendCardDigits is AppendCard for a card number of digits only (the
// same token): '9', the drawn digits, the Luhn digit, the last four.
func (s *Session) appendCardDigits(dst, v []byte) []byte {
	n := len(v)
	dst = slices.Grow(dst, n)
	out := dst[len(dst) : len(dst)+n]
	out[0] = '9'
	s.drawDigits(out[1 : n-5])
	out[n-5] = '0'
	copy(out[n-4:], v[n-4:])
	var sum int
	if n == 16 {
		le := binary.LittleEndian
		sum = luhn8(le.Uint64(out[0:8])) + luhn8(le.Uint64(out[8:16]))
	} else {
		for i, c := range out {
			sum += int(luhnValue[(n-1-i)&1][(c-'0')&15])
		}
	}
	out[n-5] = '0' + byte((10-sum%10)%10)
	return dst[:len(dst)+n]
}

// luhn8 is the Luhn share of eight ASCII digits loaded little-endian from
// an even offset of a 16-digit number: the digits at even offsets are
// doubled (2d, less 9 from 5 up), the others count as they are (SWAR).
func luhn8(x uint64) int {
	const ones = 0x0101010101010101
	d := x & (0x0f * ones)
	ge5 := (d + 3*ones) >> 3 & ones // 1 in the bytes holding 5..9
	dbl := 2*d - 9*ge5
	sum := dbl&0x00ff00ff00ff00ff + d&0xff00ff00ff00ff00
	return int(sum * ones >> 56)
}

// luhnValue[odd][d] is digit d's share of the Luhn sum at an odd (doubled)
// or even right-to-left position.
var luhnValue = [2][16]byte{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {0, 2, 4, 6, 8, 1, 3, 5, 7, 9}}

// LuhnValid reports whether the ASCII digits of b pass the Luhn check.
func LuhnValid(b []byte) bool {
	sum, r := 0, 0
	for i := len(b) - 1; i >= 0; i-- {
		c := b[i]
		if !isDigit(c) {
			continue
		}
		d := int(c - '0')
		if r%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		r++
	}
	return r > 0 && sum%10 == 0
}

// AppendSSN appends a US SSN token: area 900-999, group 01-49, serial
// 0001-9999, with the input's separators ("123-45-6789", "123 45 6789",
// "123456789"). Area 9xx is never issued as an SSN, and ITINs (also 9xx) use
// groups 50-65, 70-88, 90-92 and 94-99 only, so a token is neither.
func (s *Session) AppendSSN(dst, v []byte) ([]byte, error) {
	if s.digits(tagSSN, v) != 9 {
		return dst, ErrMalformed
	}
	// d: the token's nine ASCII digits, drawn as digit() would draw them.
	var d [9]byte
	d[0] = '9'
	s.drawDigits(d[1:3])
	pos := s.pos
	if pos >= 16 {
		s.refill()
		pos = 0
	}
	g := 1 + s.block[pos&15]%49 // 1..49 (tiny bias is irrelevant for a token)
	s.pos = pos + 1
	d[3], d[4] = '0'+g/10, '0'+g%10
	for {
		s.drawDigits(d[5:9])
		if binary.LittleEndian.Uint32(d[5:9]) != 0x30303030 { // serial 0000 is never issued
			break
		}
	}
	dst = slices.Grow(dst, len(v))
	out := dst[len(dst) : len(dst)+len(v)]
	k := 0
	for i, c := range v {
		if isDigit(c) && k < len(d) {
			c = d[k]
			k++
		}
		out[i] = c
	}
	return dst[:len(dst)+len(v)], nil
}

// AppendIBAN appends an IBAN token: same country code, length, spacing and
// case; each BBAN digit becomes a digit and each letter a letter (so the
// country's BBAN layout holds); the check digits are valid (ISO 13616
// mod-97).
func (s *Session) AppendIBAN(dst, v []byte) ([]byte, error) {
	if allDigitBBAN(v) {
		return s.appendIBANDigits(dst, v), nil
	}
	return s.appendIBAN(dst, v)
}

// allDigitBBAN reports whether v is a 15..34-character IBAN without
// spaces whose BBAN is all digits (most countries' layout): two letters,
// then digits only.
func allDigitBBAN(v []byte) bool {
	if len(v) < 15 || len(v) > 34 || !isUpper(v[0]|0x20-0x20) || !isUpper(v[1]|0x20-0x20) {
		return false
	}
	le := binary.LittleEndian
	const ones = 0x0101010101010101
	rest := v[2:]
	for len(rest) >= 8 {
		x := le.Uint64(rest)
		if x&(0xf0*ones) != 0x30*ones || (x+0x06*ones)&(0xf0*ones) != 0x30*ones {
			return false
		}
		rest = rest[8:]
	}
	for _, c := range rest {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// appendIBANDigits is appendIBAN for an IBAN allDigitBBAN accepts (the
// same token): every BBAN character is a drawn digit.
func (s *Session) appendIBANDigits(dst, v []byte) []byte {
	s.seedOf(tagIBAN, v, true)
	start := len(dst)
	dst = slices.Grow(dst, len(v))
	out := dst[start : start+len(v)]
	out[0], out[1] = v[0], v[1]
	s.drawDigits(out[4:])
	// The BBAN's remainder, eight digits at a time (acc < 97 * 10^8 + 10^8).
	var acc uint64
	le := binary.LittleEndian
	d := out[4:]
	for ; len(d) >= 8; d = d[8:] {
		acc = (acc*1e8 + eightDigits(le.Uint64(d))) % 97
	}
	for _, c := range d {
		acc = acc*10 + uint64(c-'0')
	}
	acc = (acc%97*100+uint64(v[0]|0x20-'a')+10)*100 + uint64(v[1]|0x20-'a') + 10
	check := 98 - (acc*100)%97
	out[2] = '0' + byte(check/10)
	out[3] = '0' + byte(check%10)
	return dst[:start+len(v)]
}

// eightDigits is the value of eight ASCII digits loaded little-endian
// (the first digit in the low byte).
func eightDigits(x uint64) uint64 {
	x &= 0x0f0f0f0f0f0f0f0f
	x = (x*10 + x>>8) & 0x00ff00ff00ff00ff        // pairs: 10*first + second
	x = (x*100 + x>>16) & 0x0000ffff0000ffff      // quads
	return (x*10000 + x>>32) & 0x00000000ffffffff // all eight
}

// appendIBAN is AppendIBAN's general path (spaces, letters in the BBAN,
// malformed values).
func (s *Session) appendIBAN(dst, v []byte) ([]byte, error) {
	// One pass validates the shape (2 letters, 2 digits, then 11..30
	// alphanumerics, spaces allowed anywhere after the country) and draws
	// the token; a malformed value drops what was written. The check digits
	// are 98 - (BBAN || country || "00") mod 97 (ISO 13616, as ibanMod97
	// computes it), letters counting as 10..35: the BBAN's remainder is
	// accumulated as its characters are drawn.
	s.seedOf(tagIBAN, v, true)
	start := len(dst)
	dst = slices.Grow(dst, len(v))
	out := dst[start : start+len(v)]
	k := 0 // alphanumerics so far
	var checkAt [2]int
	var cc [2]byte
	var acc uint64
	pos := s.pos
	for i, c := range v[:len(out)] {
		switch {
		case c == ' ':
			if k < 2 {
				return dst[:start], ErrMalformed
			}
			out[i] = c
			continue
		case k < 2: // country kept
			if !isUpper(c) && !isLower(c) {
				return dst[:start], ErrMalformed
			}
			cc[k] = c | 0x20
		case k < 4: // check digits, computed at the end
			if !isDigit(c) {
				return dst[:start], ErrMalformed
			}
			checkAt[k-2] = i
		case isDigit(c):
			var d byte
			if b := s.block[pos&15]; pos < 16 && b < 250 {
				d = b % 10
				pos++
			} else {
				d, pos = s.digitSlow(pos)
			}
			c = '0' + d
			acc = acc*10 + uint64(d)
		case isUpper(c) || isLower(c):
			var l byte
			if b := s.block[pos&15]; pos < 16 && b < 234 {
				l = b % 26
				pos++
			} else {
				l, pos = s.letterSlow(pos)
			}
			c = c&0x20 | 'A' + l
			acc = acc*100 + uint64(l) + 10
		default:
			return dst[:start], ErrMalformed
		}
		if acc >= 1<<50 {
			acc %= 97
		}
		if k++; k > 34 {
			return dst[:start], ErrMalformed
		}
		out[i] = c
	}
	if k < 15 {
		return dst[:start], ErrMalformed
	}
	s.pos = pos
	acc = (acc%97*100+uint64(cc[0]-'a')+10)*100 + uint64(cc[1]-'a') + 10 // < 2^24
	check := 98 - (acc*100)%97
	out[checkAt[0]] = '0' + byte(check/10)
	out[checkAt[1]] = '0' + byte(check%10)
	return dst[:start+len(v)], nil
}

// ibanMod97 computes the ISO 13616 remainder of b (spaces skipped) with its
// check digits as they are: BBAN, then country, then check digits.
func ibanMod97(b []byte) int {
	// ISO 13616: the first four characters move to the end, letters count
	// as 10..35. The remainder is accumulated in a uint64 and reduced only
	// when it nears overflow (acc < 2^50, so acc*100+35 < 2^57).
	var acc uint64
	for pass := 0; pass < 2; pass++ {
		k := 0
		for _, c := range b {
			if c == ' ' {
				continue
			}
			k++
			if (pass == 0) == (k <= 4) {
				if pass == 1 {
					break
				}
				continue
			}
			switch {
			case isDigit(c):
				acc = acc*10 + uint64(c-'0')
			case isUpper(c):
				acc = acc*100 + uint64(c-'A') + 10
			case isLower(c):
				acc = acc*100 + uint64(c-'a') + 10
			default:
				continue
			}
			if acc >= 1<<50 {
				acc %= 97
			}
		}
	}
	return int(acc % 97)
}

// IBANValid reports whether b (spaces allowed) has valid mod-97 check digits.
func IBANValid(b []byte) bool { return len(b) >= 5 && ibanMod97(b) == 1 }

// AppendIP appends an address of the same family as v (with its /prefix
// suffix when it has one): IPv4 tokens in 240.0.0.0/4, IPv6 in 2001:db8::/32.
func (s *Session) AppendIP(dst, v []byte) ([]byte, error) {
	addrPart, suffix := v, []byte(nil)
	if i := bytes.IndexByte(v, '/'); i >= 0 {
		addrPart, suffix = v[:i], v[i:]
		if len(suffix) < 2 || len(suffix) > 4 {
			return dst, ErrMalformed
		}
		for _, c := range suffix[1:] {
			if !isDigit(c) {
				return dst, ErrMalformed
			}
		}
	}
	if len(addrPart) == 0 {
		return dst, ErrMalformed
	}
	a, err := netip.ParseAddr(unsafe.String(&addrPart[0], len(addrPart)))
	if err != nil {
		return dst, ErrMalformed
	}
	dst = s.ipToken(a.Unmap()).AppendTo(dst)
	return append(dst, suffix...), nil
}

// ipToken returns the token of address a (hashed in its 16-byte form, so the
// text and binary forms of one address give the same token).
func (s *Session) ipToken(a netip.Addr) netip.Addr {
	b16 := a.As16()
	s.seedOf(tagIP, b16[:], false)
	if a.Is4() {
		return netip.AddrFrom4([4]byte{0xf0 | s.next()&0x0f, s.next(), s.next(), s.next()})
	}
	var b [16]byte
	b[0], b[1], b[2], b[3] = 0x20, 0x01, 0x0d, 0xb8
	for i := 4; i < 16; i++ {
		b[i] = s.next()
	}
	return netip.AddrFrom16(b)
}
