package masking

import (
	"encoding/binary"
	"math"
	"strconv"

	"github.com/maskwire/maskwire/engine"
)

// textView says how a column's values read as text, for scanning.
type textView uint8

const (
	// viewText: the value's bytes are its text (text format, or the binary
	// format of text-like types); spans are spliced in place.
	viewText textView = iota
	// viewJSONB: binary jsonb, a version byte then JSON text.
	viewJSONB
	// viewInt, viewFloat, viewNumeric: binary numbers, rendered as decimal
	// text for scanning; a match replaces the whole value.
	viewInt
	viewFloat
	viewNumeric
	// viewOpaque: raw bytes (bytea) scanned as they are; a match replaces
	// the whole value.
	viewOpaque
	// viewNoText: binary types whose values cannot carry text (bool, uuid,
	// dates and times, geometry): nothing to scan.
	viewNoText
	// viewUnreadable: a binary format this masker does not read (arrays,
	// extension types). A value that must be scanned is redacted.
	viewUnreadable
)

func viewOf(c *engine.Column) textView {
	if c.Format == 0 {
		return viewText
	}
	switch c.TypeOID {
	case 25, 1043, 1042, 19, 114, 142, 705, 18: // text, varchar, bpchar, name, json, xml, unknown, char
		return viewText
	case 3802:
		return viewJSONB
	case 20, 21, 23, 26: // int8, int2, int4, oid
		return viewInt
	case 700, 701:
		return viewFloat
	case 1700:
		return viewNumeric
	case 17:
		return viewOpaque
	case 16, 2950, 1082, 1083, 1114, 1184, 1186, 1266, 600, 601, 602, 603, 604, 628, 718, 869, 650, 829, 774, 790:
		return viewNoText
	}
	return viewUnreadable
}

// render appends the text of a binary value to dst; spliceable says whether
// spans found in it can be replaced in place; ok is false when the value
// cannot be read.
func (v textView) render(dst, val []byte) (text []byte, spliceable, ok bool) {
	switch v {
	case viewText:
		return val, true, true
	case viewJSONB:
		if len(val) < 1 || val[0] != 1 {
			return dst, false, false
		}
		return val[1:], true, true
	case viewInt:
		switch len(val) {
		case 2:
			return strconv.AppendInt(dst, int64(int16(binary.BigEndian.Uint16(val))), 10), false, true
		case 4:
			return strconv.AppendInt(dst, int64(int32(binary.BigEndian.Uint32(val))), 10), false, true
		case 8:
			return strconv.AppendInt(dst, int64(binary.BigEndian.Uint64(val)), 10), false, true
		}
		return dst, false, false
	case viewFloat:
		switch len(val) {
		case 4:
			return strconv.AppendFloat(dst, float64(math.Float32frombits(binary.BigEndian.Uint32(val))), 'f', -1, 32), false, true
		case 8:
			return strconv.AppendFloat(dst, math.Float64frombits(binary.BigEndian.Uint64(val)), 'f', -1, 64), false, true
		}
		return dst, false, false
	case viewNumeric:
		out, ok := appendNumericText(dst, val)
		return out, false, ok
	case viewOpaque:
		return val, false, true
	case viewNoText:
		return dst, false, true
	}
	return dst, false, false
}

// appendNumericText renders PostgreSQL's binary numeric (ndigits, weight,
// sign, dscale, then base-10000 digits) as decimal text.
func appendNumericText(dst, b []byte) ([]byte, bool) {
	if len(b) < 8 {
		return dst, false
	}
	ndigits := int(binary.BigEndian.Uint16(b))
	weight := int(int16(binary.BigEndian.Uint16(b[2:])))
	sign := binary.BigEndian.Uint16(b[4:])
	dscale := int(binary.BigEndian.Uint16(b[6:]))
	if len(b) != 8+2*ndigits || dscale > 16383 {
		return dst, false
	}
	switch sign {
	case 0xC000:
		return append(dst, "NaN"...), true
	case 0xD000:
		return append(dst, "Infinity"...), true
	case 0xF000:
		return append(dst, "-Infinity"...), true
	case 0x4000:
		dst = append(dst, '-')
	case 0:
	default:
		return dst, false
	}
	digit := func(i int) int {
		if i < 0 || i >= ndigits {
			return 0
		}
		return int(binary.BigEndian.Uint16(b[8+2*i:]))
	}
	// Integer part: groups 0..weight.
	if weight < 0 {
		dst = append(dst, '0')
	} else {
		for i := 0; i <= weight; i++ {
			d := digit(i)
			if d > 9999 {
				return dst, false
			}
			if i == 0 {
				dst = strconv.AppendInt(dst, int64(d), 10)
			} else {
				dst = append(dst, byte('0'+d/1000), byte('0'+d/100%10), byte('0'+d/10%10), byte('0'+d%10))
			}
		}
	}
	if dscale > 0 {
		dst = append(dst, '.')
		written := 0
		for i := weight + 1; written < dscale; i++ {
			d := digit(i)
			for _, c := range [4]byte{byte('0' + d/1000), byte('0' + d/100%10), byte('0' + d/10%10), byte('0' + d%10)} {
				if written == dscale {
					break
				}
				dst = append(dst, c)
				written++
			}
		}
	}
	return dst, true
}
