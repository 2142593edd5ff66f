package mask

import (
	"encoding/binary"
	"encoding/hex"
	"math"
	"net/netip"
	"strconv"
	"unsafe"

	"github.com/maskwire/maskwire/classify"
)

// PostgreSQL type OIDs the typed transforms know (pg_type.dat).
const (
	OIDBool        uint32 = 16
	OIDBytea       uint32 = 17
	OIDName        uint32 = 19
	OIDInt8        uint32 = 20
	OIDInt2        uint32 = 21
	OIDInt4        uint32 = 23
	OIDText        uint32 = 25
	OIDJSON        uint32 = 114
	OIDCIDR        uint32 = 650
	OIDFloat4      uint32 = 700
	OIDFloat8      uint32 = 701
	OIDUnknown     uint32 = 705
	OIDMacaddr     uint32 = 829
	OIDInet        uint32 = 869
	OIDBpchar      uint32 = 1042
	OIDVarchar     uint32 = 1043
	OIDDate        uint32 = 1082
	OIDTime        uint32 = 1083
	OIDTimestamp   uint32 = 1114
	OIDTimestamptz uint32 = 1184
	OIDNumeric     uint32 = 1700
	OIDUUID        uint32 = 2950
	OIDJSONB       uint32 = 3802
)

// Format codes.
const (
	Text   int16 = 0
	Binary int16 = 1
)

// IsTextual reports whether values of oid are plain text in both formats
// (the text-like types, whose PII tokens keep the PII format).
func IsTextual(oid uint32) bool {
	switch oid {
	case OIDText, OIDVarchar, OIDBpchar, OIDName, OIDUnknown:
		return true
	}
	return false
}

// AppendTyped appends the token of v, a value of a column of PostgreSQL type
// oid in format (0 text, 1 binary), that stays valid for that type:
//
//   - text, varchar, name: the PII format token of t (AppendToken);
//     bpchar keeps its padded length.
//   - int2/int4/int8: a non-negative integer of the same width (binary: 2, 4
//     or 8 bytes); the token depends on the integer, not its format.
//   - numeric: text keeps sign, digit count and decimal point; binary keeps
//     the header (weight, sign, dscale) with new base-10000 digits. NaN and
//     infinities are kept.
//   - float4/float8: text keeps the mantissa's digit count and the exponent;
//     binary is a finite value of the same width.
//   - uuid: a version-8 (RFC 9562 "custom") UUID, 36 chars or 16 bytes.
//   - date, timestamp, timestamptz: a date in 1930-01-01..2009-12-31 at
//     midnight (binary: int32 days / int64 microseconds since 2000-01-01).
//   - inet, cidr: an address of the same family (see AppendIP); cidr host
//     bits are zero.
//   - bytea: random bytes of the same length (text: \x hex; binary: raw).
//   - json, jsonb: every string value is replaced by the token of type t
//     (keys, numbers and structure kept); AppendJSON decides per string.
//
// Other types, and malformed values, give ErrMalformed: the caller redacts
// (AppendRedactTyped).
func (s *Session) AppendTyped(dst []byte, oid uint32, format int16, t classify.Type, v []byte, keepDomain bool) ([]byte, error) {
	bin := format == Binary
	switch oid {
	case OIDText, OIDVarchar, OIDName, OIDUnknown:
		return s.AppendToken(dst, t, v, keepDomain)
	case OIDBpchar:
		return s.appendBpchar(dst, t, v, keepDomain)
	case OIDInt2, OIDInt4, OIDInt8:
		return s.appendInt(dst, oid, bin, v)
	case OIDNumeric:
		if bin {
			return s.appendNumericBinary(dst, v)
		}
		return s.appendDecimalText(dst, v, false)
	case OIDFloat4, OIDFloat8:
		if bin {
			return s.appendFloatBinary(dst, oid, v)
		}
		return s.appendDecimalText(dst, v, true)
	case OIDUUID:
		return s.appendUUID(dst, bin, v)
	case OIDDate, OIDTimestamp, OIDTimestamptz:
		return s.appendDate(dst, oid, bin, v)
	case OIDInet, OIDCIDR:
		if bin {
			return s.appendInetBinary(dst, v)
		}
		if oid == OIDCIDR {
			return s.appendCIDRText(dst, v)
		}
		return s.AppendIP(dst, v)
	case OIDBytea:
		return s.appendBytea(dst, bin, v)
	case OIDJSON:
		return s.AppendJSON(dst, v, s.tokenStrings(t, keepDomain))
	case OIDJSONB:
		if bin {
			if len(v) == 0 || v[0] != 1 {
				return dst, ErrMalformed
			}
			start := len(dst)
			dst = append(dst, 1)
			out, err := s.AppendJSON(dst, v[1:], s.tokenStrings(t, keepDomain))
			if err != nil {
				return dst[:start], err
			}
			return out, nil
		}
		return s.AppendJSON(dst, v, s.tokenStrings(t, keepDomain))
	}
	return dst, ErrMalformed
}

func (s *Session) appendBpchar(dst []byte, t classify.Type, v []byte, keepDomain bool) ([]byte, error) {
	trim := len(v)
	for trim > 0 && v[trim-1] == ' ' {
		trim--
	}
	start := len(dst)
	out, err := s.AppendToken(dst, t, v[:trim], keepDomain)
	if err != nil || len(out)-start > len(v) {
		// A longer format token would change the declared length: use the
		// same-length generic token instead.
		out = s.AppendGeneric(dst[:start], v[:trim])
	}
	for len(out)-start < len(v) {
		out = append(out, ' ')
	}
	return out, nil
}

// hashUint64 hashes an 8-byte canonical form under tag.
func (s *Session) hashUint64(tag byte, x uint64) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], x)
	s.seedOf(tag, b[:], false)
}

func (s *Session) appendInt(dst []byte, oid uint32, bin bool, v []byte) ([]byte, error) {
	width := 8
	switch oid {
	case OIDInt2:
		width = 2
	case OIDInt4:
		width = 4
	}
	var x int64
	if bin {
		if len(v) != width {
			return dst, ErrMalformed
		}
		switch width {
		case 2:
			x = int64(int16(binary.BigEndian.Uint16(v)))
		case 4:
			x = int64(int32(binary.BigEndian.Uint32(v)))
		default:
			x = int64(binary.BigEndian.Uint64(v))
		}
	} else {
		var ok bool
		if x, ok = parseInt(v); !ok {
			return dst, ErrMalformed
		}
	}
	s.hashUint64(tagInt, uint64(x))
	u := binary.BigEndian.Uint64(s.seed[:8])
	switch width {
	case 2:
		y := uint16(u) & 0x7fff
		if bin {
			return binary.BigEndian.AppendUint16(dst, y), nil
		}
		return strconv.AppendUint(dst, uint64(y), 10), nil
	case 4:
		y := uint32(u) & 0x7fffffff
		if bin {
			return binary.BigEndian.AppendUint32(dst, y), nil
		}
		return strconv.AppendUint(dst, uint64(y), 10), nil
	}
	y := u & 0x7fffffffffffffff
	if bin {
		return binary.BigEndian.AppendUint64(dst, y), nil
	}
	return strconv.AppendUint(dst, y, 10), nil
}

func parseInt(v []byte) (int64, bool) {
	neg := false
	if len(v) > 0 && (v[0] == '-' || v[0] == '+') {
		neg = v[0] == '-'
		v = v[1:]
	}
	if len(v) == 0 || len(v) > 19 {
		return 0, false
	}
	var x uint64
	for _, c := range v {
		if !isDigit(c) {
			return 0, false
		}
		x = x*10 + uint64(c-'0')
	}
	if neg {
		if x > 1<<63 {
			return 0, false
		}
		return -int64(x), true
	}
	if x > math.MaxInt64 {
		return 0, false
	}
	return int64(x), true
}

// appendDecimalText tokenizes a numeric or float in text: digits replaced,
// sign, point and exponent kept (for floats the exponent's digits too, so
// the value stays in range). NaN and infinities are kept as they are.
func (s *Session) appendDecimalText(dst, v []byte, float bool) ([]byte, error) {
	switch string(v) {
	case "NaN", "Infinity", "-Infinity":
		return append(dst, v...), nil
	}
	// Validate: [-]digits[.digits][e[+-]digits]
	i := 0
	if i < len(v) && (v[i] == '-' || v[i] == '+') {
		i++
	}
	mant, intDigits, sawPoint := 0, 0, false
	for ; i < len(v); i++ {
		c := v[i]
		if isDigit(c) {
			mant++
			if !sawPoint {
				intDigits++
			}
			continue
		}
		if c == '.' && !sawPoint {
			sawPoint = true
			continue
		}
		break
	}
	expAt := len(v)
	if i < len(v) {
		if !float || (v[i] != 'e' && v[i] != 'E') {
			return dst, ErrMalformed
		}
		expAt = i
		i++
		if i < len(v) && (v[i] == '-' || v[i] == '+') {
			i++
		}
		if i == len(v) {
			return dst, ErrMalformed
		}
		for ; i < len(v); i++ {
			if !isDigit(v[i]) {
				return dst, ErrMalformed
			}
		}
	}
	if mant == 0 {
		return dst, ErrMalformed
	}
	s.seedOf(tagNumeric, v, false)
	first := true
	for _, c := range v[:expAt] {
		if isDigit(c) {
			d := s.digit()
			if first && intDigits > 1 && d == 0 {
				d = 1 + s.digit()%9 // no leading zero
			}
			first = false
			c = '0' + d
		}
		dst = append(dst, c)
	}
	return append(dst, v[expAt:]...), nil
}

// Binary numeric (numeric_send): int16 ndigits, int16 weight, uint16 sign,
// uint16 dscale, then ndigits base-10000 digits.
func (s *Session) appendNumericBinary(dst, v []byte) ([]byte, error) {
	if len(v) < 8 {
		return dst, ErrMalformed
	}
	nd := int(int16(binary.BigEndian.Uint16(v)))
	sign := binary.BigEndian.Uint16(v[4:])
	if nd < 0 || len(v) != 8+2*nd {
		return dst, ErrMalformed
	}
	switch sign {
	case 0x0000, 0x4000:
	case 0xC000, 0xD000, 0xF000: // NaN, +Inf, -Inf: not PII
		return append(dst, v...), nil
	default:
		return dst, ErrMalformed
	}
	for i := 0; i < nd; i++ {
		if binary.BigEndian.Uint16(v[8+2*i:]) >= 10000 {
			return dst, ErrMalformed
		}
	}
	s.seedOf(tagNumeric, v, false)
	dst = append(dst, v[:8]...)
	for i := 0; i < nd; i++ {
		d := (uint16(s.next())<<8 | uint16(s.next())) % 10000
		if i == 0 && d == 0 {
			d = 1 // no leading zero digit: keeps the weight meaningful
		}
		dst = binary.BigEndian.AppendUint16(dst, d)
	}
	return dst, nil
}

func (s *Session) appendFloatBinary(dst []byte, oid uint32, v []byte) ([]byte, error) {
	want := 8
	if oid == OIDFloat4 {
		want = 4
	}
	if len(v) != want {
		return dst, ErrMalformed
	}
	s.seedOf(tagNumeric, v, false)
	f := float64(binary.BigEndian.Uint32(s.seed[:4])) / 1000 // finite, 0..4294967.295
	if want == 4 {
		return binary.BigEndian.AppendUint32(dst, math.Float32bits(float32(f))), nil
	}
	return binary.BigEndian.AppendUint64(dst, math.Float64bits(f)), nil
}

func (s *Session) appendUUID(dst []byte, bin bool, v []byte) ([]byte, error) {
	var raw [16]byte
	if bin {
		if len(v) != 16 {
			return dst, ErrMalformed
		}
		copy(raw[:], v)
	} else if !parseUUID(&raw, v) {
		return dst, ErrMalformed
	}
	s.seedOf(tagUUID, raw[:], false)
	var u [16]byte
	copy(u[:], s.seed[:16])
	u[6] = u[6]&0x0f | 0x80 // version 8
	u[8] = u[8]&0x3f | 0x80 // variant 10
	if bin {
		return append(dst, u[:]...), nil
	}
	return appendUUIDText(dst, &u), nil
}

func appendUUIDText(dst []byte, u *[16]byte) []byte {
	dst = hex.AppendEncode(dst, u[0:4])
	dst = append(dst, '-')
	dst = hex.AppendEncode(dst, u[4:6])
	dst = append(dst, '-')
	dst = hex.AppendEncode(dst, u[6:8])
	dst = append(dst, '-')
	dst = hex.AppendEncode(dst, u[8:10])
	dst = append(dst, '-')
	return hex.AppendEncode(dst, u[10:16])
}

// parseUUID reads the canonical 36-char form (PostgreSQL's text output).
func parseUUID(u *[16]byte, v []byte) bool {
	if len(v) != 36 || v[8] != '-' || v[13] != '-' || v[18] != '-' || v[23] != '-' {
		return false
	}
	j := 0
	for i := 0; i < 36; i += 2 {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			i--
			continue
		}
		hi, ok1 := unhex(v[i])
		lo, ok2 := unhex(v[i+1])
		if !ok1 || !ok2 {
			return false
		}
		u[j] = hi<<4 | lo
		j++
	}
	return j == 16
}

func unhex(c byte) (byte, bool) {
	switch {
	case isDigit(c):
		return c - '0', true
	case c-'a' < 6:
		return c - 'a' + 10, true
	case c-'A' < 6:
		return c - 'A' + 10, true
	}
	return 0, false
}

// Token dates: 1930-01-01 .. 2009-12-31, as days since 2000-01-01.
const (
	tokenDayFirst = -25567 // 1930-01-01
	tokenDaySpan  = 29220  // through 2009-12-31
	usecPerDay    = 86400 * 1000000
)

func (s *Session) appendDate(dst []byte, oid uint32, bin bool, v []byte) ([]byte, error) {
	var days int64
	if bin {
		switch {
		case oid == OIDDate && len(v) == 4:
			d := int32(binary.BigEndian.Uint32(v))
			if d == math.MaxInt32 || d == math.MinInt32 { // infinity
				return append(dst, v...), nil
			}
			days = int64(d)
		case oid != OIDDate && len(v) == 8:
			us := int64(binary.BigEndian.Uint64(v))
			if us == math.MaxInt64 || us == math.MinInt64 {
				return append(dst, v...), nil
			}
			days = floorDiv(us, usecPerDay)
		default:
			return dst, ErrMalformed
		}
	} else {
		switch string(v) {
		case "infinity", "-infinity":
			return append(dst, v...), nil
		}
		var ok bool
		if days, ok = parseISODate(v, oid != OIDDate); !ok {
			return dst, ErrMalformed
		}
	}
	s.hashUint64(tagDate, uint64(days))
	tok := tokenDayFirst + int64(binary.BigEndian.Uint32(s.seed[:4])%tokenDaySpan)
	if bin {
		if oid == OIDDate {
			return binary.BigEndian.AppendUint32(dst, uint32(int32(tok))), nil
		}
		return binary.BigEndian.AppendUint64(dst, uint64(tok*usecPerDay)), nil
	}
	y, m, d := civilFromDays(tok + 10957) // days since 1970-01-01
	dst = appendPad(dst, y, 4)
	dst = append(dst, '-')
	dst = appendPad(dst, m, 2)
	dst = append(dst, '-')
	dst = appendPad(dst, d, 2)
	switch oid {
	case OIDTimestamp:
		dst = append(dst, " 00:00:00"...)
	case OIDTimestamptz:
		dst = append(dst, " 00:00:00+00"...)
	}
	return dst, nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && (a < 0) {
		q--
	}
	return q
}

func appendPad(dst []byte, x, width int) []byte {
	var b [8]byte
	i := len(b)
	for x > 0 || i > len(b)-width {
		i--
		b[i] = byte('0' + x%10)
		x /= 10
	}
	return append(dst, b[i:]...)
}

// parseISODate reads "YYYY-MM-DD" (DateStyle ISO), and with rest allowed a
// time and zone after it (which do not enter the token), returning days since
// 2000-01-01.
func parseISODate(v []byte, rest bool) (int64, bool) {
	if len(v) < 10 || v[4] != '-' || v[7] != '-' || (!rest && len(v) != 10) {
		return 0, false
	}
	if len(v) > 10 && v[10] != ' ' && v[10] != 'T' {
		return 0, false
	}
	num := func(b []byte) (int, bool) {
		x := 0
		for _, c := range b {
			if !isDigit(c) {
				return 0, false
			}
			x = x*10 + int(c-'0')
		}
		return x, true
	}
	y, ok1 := num(v[0:4])
	m, ok2 := num(v[5:7])
	d, ok3 := num(v[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, false
	}
	return daysFromCivil(y, m, d) - 10957, true
}

// daysFromCivil returns days since 1970-01-01 (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

func civilFromDays(z int64) (int, int, int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return int(y), int(m), int(d)
}

var zero16 [16]byte

func (s *Session) appendCIDRText(dst, v []byte) ([]byte, error) {
	if len(v) == 0 {
		return dst, ErrMalformed
	}
	p, err := netip.ParsePrefix(unsafe.String(&v[0], len(v)))
	if err != nil {
		// No "/n": a cidr without a prefix length is a host address.
		return s.AppendIP(dst, v)
	}
	tok, err := s.ipToken(p.Addr().Unmap()).Prefix(p.Bits())
	if err != nil {
		return dst, ErrMalformed
	}
	return tok.AppendTo(dst), nil
}

// Binary inet/cidr (inet_send): family (2 = IPv4, 3 = IPv6), bits, is_cidr,
// address length, address.
func (s *Session) appendInetBinary(dst, v []byte) ([]byte, error) {
	if len(v) < 4 {
		return dst, ErrMalformed
	}
	fam, bits, isCIDR, n := v[0], v[1], v[2], int(v[3])
	if !((fam == 2 && n == 4 && bits <= 32) || (fam == 3 && n == 16 && bits <= 128)) || len(v) != 4+n {
		return dst, ErrMalformed
	}
	var a netip.Addr
	if n == 4 {
		a = netip.AddrFrom4([4]byte(v[4:8]))
	} else {
		a = netip.AddrFrom16([16]byte(v[4:20]))
	}
	tok := s.ipToken(a)
	if isCIDR != 0 {
		if p, err := tok.Prefix(int(bits)); err == nil {
			tok = p.Addr()
		}
	}
	dst = append(dst, fam, bits, isCIDR, byte(n))
	if n == 4 {
		b := tok.As4()
		return append(dst, b[:]...), nil
	}
	b := tok.As16()
	return append(dst, b[:]...), nil
}

func (s *Session) appendBytea(dst []byte, bin bool, v []byte) ([]byte, error) {
	n := len(v)
	if bin {
		s.seedOf(tagBytes, v, false)
	} else {
		s.begin(tagBytes)
		if len(v) < 2 || v[0] != '\\' || v[1] != 'x' || len(v)%2 != 0 {
			return dst, ErrMalformed // the escape format is not read: redact
		}
		hx := v[2:]
		n = len(hx) / 2
		for len(hx) > 0 {
			k := min(len(hx)/2, len(s.low))
			for i := 0; i < k; i++ {
				hi, ok1 := unhex(hx[2*i])
				lo, ok2 := unhex(hx[2*i+1])
				if !ok1 || !ok2 {
					return dst, ErrMalformed
				}
				s.low[i] = hi<<4 | lo
			}
			s.write(s.low[:k])
			hx = hx[2*k:]
		}
		s.finish()
	}
	if bin {
		for i := 0; i < n; i++ {
			dst = append(dst, s.next())
		}
		return dst, nil
	}
	dst = append(dst, '\\', 'x')
	const hexd = "0123456789abcdef"
	for i := 0; i < n; i++ {
		b := s.next()
		dst = append(dst, hexd[b>>4], hexd[b&15])
	}
	return dst, nil
}

// AppendRedactTyped appends a placeholder valid for type oid in format: 0
// for numbers, the nil UUID, 1970-01-01 for dates, 0.0.0.0 for inet,
// "REDACTED" as a JSON string for json/jsonb, an empty bytea, "REDACTED"
// for text and any other type in text format. It never fails; ok is false
// only for a binary value of a type it does not know, for which there is no
// placeholder: the caller sends NULL instead.
func AppendRedactTyped(dst []byte, oid uint32, format int16) (out []byte, ok bool) {
	bin := format == Binary
	switch oid {
	case OIDBool:
		if bin {
			return append(dst, 0), true
		}
		return append(dst, 'f'), true
	case OIDInt2:
		if bin {
			return append(dst, 0, 0), true
		}
		return append(dst, '0'), true
	case OIDInt4, OIDFloat4:
		if bin {
			return append(dst, 0, 0, 0, 0), true
		}
		return append(dst, '0'), true
	case OIDInt8, OIDFloat8:
		if bin {
			return append(dst, 0, 0, 0, 0, 0, 0, 0, 0), true
		}
		return append(dst, '0'), true
	case OIDNumeric:
		if bin {
			return append(dst, 0, 0, 0, 0, 0, 0, 0, 0), true // ndigits 0: zero
		}
		return append(dst, '0'), true
	case OIDUUID:
		if bin {
			return append(dst, zero16[:]...), true
		}
		return append(dst, "00000000-0000-0000-0000-000000000000"...), true
	case OIDDate:
		if bin {
			return binary.BigEndian.AppendUint32(dst, redactDays), true
		}
		return append(dst, "1970-01-01"...), true
	case OIDTimestamp, OIDTimestamptz:
		if bin {
			return binary.BigEndian.AppendUint64(dst, redactUsec), true
		}
		if oid == OIDTimestamptz {
			return append(dst, "1970-01-01 00:00:00+00"...), true
		}
		return append(dst, "1970-01-01 00:00:00"...), true
	case OIDTime:
		if bin {
			return append(dst, 0, 0, 0, 0, 0, 0, 0, 0), true
		}
		return append(dst, "00:00:00"...), true
	case OIDInet, OIDCIDR:
		if bin {
			cidr := byte(0)
			if oid == OIDCIDR {
				cidr = 1
			}
			return append(dst, 2, 32, cidr, 4, 0, 0, 0, 0), true
		}
		if oid == OIDCIDR {
			return append(dst, "0.0.0.0/32"...), true
		}
		return append(dst, "0.0.0.0"...), true
	case OIDMacaddr:
		if bin {
			return append(dst, 0, 0, 0, 0, 0, 0), true
		}
		return append(dst, "00:00:00:00:00:00"...), true
	case OIDBytea:
		if bin {
			return dst, true
		}
		return append(dst, '\\', 'x'), true
	case OIDJSON:
		return append(dst, `"REDACTED"`...), true
	case OIDJSONB:
		if bin {
			dst = append(dst, 1)
		}
		return append(dst, `"REDACTED"`...), true
	case OIDText, OIDVarchar, OIDBpchar, OIDName, OIDUnknown:
		return append(dst, RedactedText...), true
	}
	if bin {
		return dst, false
	}
	return append(dst, RedactedText...), true
}

// 1970-01-01 as PostgreSQL binary date and timestamp values.
var (
	redactDaysI int32 = -10957
	redactDays        = uint32(redactDaysI)
	redactUsec        = uint64(int64(redactDaysI) * usecPerDay)
)
