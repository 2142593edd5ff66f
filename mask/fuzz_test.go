package mask

import (
	"encoding/json"
	"testing"

	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/policy"
)

var fuzzOIDs = []uint32{OIDText, OIDBpchar, OIDInt2, OIDInt4, OIDInt8, OIDNumeric, OIDFloat4, OIDFloat8, OIDUUID,
	OIDDate, OIDTimestamp, OIDTimestamptz, OIDInet, OIDCIDR, OIDBytea, OIDJSON, OIDJSONB}

// FuzzTransforms: no transform panics; a PII token of a type either fails
// with ErrMalformed or keeps the type's validity; a text-format typed token
// parses as its type, a binary one has the type's width, and JSON stays
// valid.
func FuzzTransforms(f *testing.F) {
	for _, s := range []string{"alice@example.com", "4111 1111 1111 1111", "123-45-6789", "DE89 3704 0044 0532 0130 00",
		"10.0.0.1/8", "::1", "-12.5e3", "1985-07-14 10:00:00+02", `{"a":["b@c.de",1]}`, `\x00ff`, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
		"", "\x00\x01\x00\x00\x00\x00\x00\x00\x00\x05", "\xff\xfe"} {
		f.Add([]byte(s), uint8(0), uint8(0))
	}
	s := newSession(f)
	f.Fuzz(func(t *testing.T, v []byte, sel, sel2 uint8) {
		typ := classify.Type(sel) % classify.NumTypes
		out, err := s.AppendToken(nil, typ, v, sel2&1 == 1)
		if err == nil {
			switch typ {
			case classify.CreditCard:
				if !LuhnValid(out) {
					t.Fatalf("card token %q of %q fails Luhn", out, v)
				}
			case classify.IBANCode:
				if !IBANValid(out) {
					t.Fatalf("iban token %q of %q invalid", out, v)
				}
			case classify.USSSN, classify.PhoneNumber:
				if shape(string(out)) != shape(string(v)) {
					t.Fatalf("%v token %q of %q changes shape", typ, out, v)
				}
			}
		}
		AppendMasked(nil, v, int(sel2), sel2&2 == 2)
		AppendRedacted(nil, typ, v)
		s.AppendText(nil, policy.Action{Kind: policy.Kind(sel2 % 6)}, typ, v)

		oid := fuzzOIDs[int(sel)%len(fuzzOIDs)]
		format := int16(sel2 & 1)
		if oid == OIDText || oid == OIDBpchar || oid == OIDJSON {
			format = Text
		}
		tok, err := s.AppendTyped(nil, oid, format, typ, v, false)
		if err != nil {
			tok, _ = AppendRedactTyped(nil, oid, format)
		}
		if format == Text {
			if err := parsesAs(oid, tok); err != nil && !(err != nil && isSpecial(v)) {
				t.Fatalf("oid %d text token %q of %q: %v", oid, tok, v, err)
			}
		} else if w := binaryWidth(oid); w > 0 && len(tok) != w {
			t.Fatalf("oid %d binary token %x of %x: width %d", oid, tok, v, len(tok))
		}
		if oid == OIDJSONB && format == Binary && (len(tok) == 0 || tok[0] != 1 || !json.Valid(tok[1:])) {
			t.Fatalf("jsonb token %q", tok)
		}
		if oid == OIDBpchar && err == nil && len(tok) != len(v) {
			t.Fatalf("bpchar %q -> %q changes length", v, tok)
		}
	})
}

// isSpecial: NaN, infinities and other non-PII values passed through as is.
func isSpecial(v []byte) bool {
	switch string(v) {
	case "NaN", "Infinity", "-Infinity", "infinity", "-infinity":
		return true
	}
	return false
}

func binaryWidth(oid uint32) int {
	switch oid {
	case OIDInt2:
		return 2
	case OIDInt4, OIDFloat4, OIDDate:
		return 4
	case OIDInt8, OIDFloat8, OIDTimestamp, OIDTimestamptz:
		return 8
	case OIDUUID:
		return 16
	}
	return 0
}
