package mask

import (
	"bytes"
	"encoding/hex"
	"unicode/utf8"

	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/policy"
)

// MaskChar replaces masked characters.
const MaskChar = '*'

// AppendMasked appends v partially masked: every character (rune, so the
// result stays valid UTF-8) but the last keepLast letters or digits becomes
// '*'; punctuation and spaces stay, so "4111 1111 1111 1111" keeps its
// grouping ("**** **** **** 1111"). With keepDomain and an email, the local
// part is masked whole and the domain kept ("****@example.com").
func AppendMasked(dst, v []byte, keepLast int, keepDomain bool) []byte {
	if keepDomain {
		if at := bytes.LastIndexByte(v, '@'); at > 0 {
			dst = appendStars(dst, v[:at], 0)
			return append(dst, v[at:]...)
		}
	}
	return appendStars(dst, v, keepLast)
}

func appendStars(dst, v []byte, keepLast int) []byte {
	// Find where the kept tail starts: the keepLast-th alphanumeric rune
	// from the end.
	keepFrom := len(v)
	for i, n := len(v), 0; i > 0 && n < keepLast; {
		_, size := utf8.DecodeLastRune(v[:i])
		i -= size
		if c := v[i]; size > 1 || isDigit(c) || isUpper(c) || isLower(c) {
			n++
		}
		keepFrom = i
	}
	for i := 0; i < keepFrom; {
		c := v[i]
		if c < utf8.RuneSelf {
			if isDigit(c) || isUpper(c) || isLower(c) {
				c = MaskChar
			}
			dst = append(dst, c)
			i++
			continue
		}
		_, size := utf8.DecodeRune(v[i:])
		dst = append(dst, MaskChar)
		i += size
	}
	return append(dst, v[keepFrom:]...)
}

// Placeholders of AppendRedacted.
const (
	RedactedText  = "REDACTED"
	RedactedEmail = "redacted@redacted.invalid"
)

// AppendRedacted appends a placeholder for a value of PII type t, valid for
// that type: an email placeholder is an email, an SSN becomes 000-00-0000
// style (area 000 is never issued), a card or phone keeps its layout with
// every digit 0 (all zeros passes Luhn), an IP becomes 0.0.0.0 or ::, other
// structured identifiers keep their shape (digits 0, letters X), anything
// else is "REDACTED". It never fails.
func AppendRedacted(dst []byte, t classify.Type, v []byte) []byte {
	switch t {
	case classify.EmailAddress:
		return append(dst, RedactedEmail...)
	case classify.IPAddress:
		if bytes.IndexByte(v, ':') >= 0 {
			return append(dst, "::"...)
		}
		return append(dst, "0.0.0.0"...)
	case classify.PhoneNumber, classify.CreditCard, classify.USSSN, classify.IBANCode, classify.MACAddress,
		classify.UKNINO, classify.CASIN, classify.ESNIF, classify.ITFiscalCode, classify.INAadhaar,
		classify.PLPESEL, classify.FIHETU, classify.NLBSN, classify.BRCPF, classify.AUTFN, classify.SGNRIC:
		for _, c := range v {
			switch {
			case isDigit(c):
				c = '0'
			case isUpper(c):
				c = 'X'
			case isLower(c):
				c = 'x'
			case c >= utf8.RuneSelf:
				c = 'X' // keeps UTF-8 valid; a byte per byte of input
			}
			dst = append(dst, c)
		}
		return dst
	}
	return append(dst, RedactedText...)
}

// HashLen is the length of AppendHash's output.
const HashLen = 64

// AppendHash appends the lower-case hex of HMAC-SHA256(key, v) (64 bytes).
// Unlike a token it keeps no format, only equality.
func (s *Session) AppendHash(dst, v []byte) []byte {
	s.mac.Reset()
	s.one[0] = tagHash
	s.mac.Write(s.one[:])
	s.mac.Write(v)
	s.mac.Sum(s.hsum[:0])
	return hex.AppendEncode(dst, s.hsum[:])
}

// AppendText applies action a to v, a text value (or a span of free text) of
// PII type t. Allow copies v; Null appends RedactedText (inside text a NULL
// cannot stand for a span; for a whole column value the caller encodes SQL
// NULL instead). A tokenize that cannot read v redacts it: nothing raw leaves
// on an error.
func (s *Session) AppendText(dst []byte, a policy.Action, t classify.Type, v []byte) []byte {
	switch a.Kind {
	case policy.Allow:
		return append(dst, v...)
	case policy.Tokenize:
		out, err := s.AppendToken(dst, t, v, a.KeepDomain)
		if err != nil {
			return AppendRedacted(dst, t, v)
		}
		return out
	case policy.Mask:
		return AppendMasked(dst, v, a.KeepLast, a.KeepDomain)
	case policy.Hash:
		return s.AppendHash(dst, v)
	case policy.Null:
		return append(dst, RedactedText...)
	}
	return AppendRedacted(dst, t, v)
}
