package mask

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/maskwire/maskwire/classify"
)

// StringReplacer decides, per JSON string value, whether it is replaced.
// key is the member name of the nearest enclosing object member (for a
// string inside an array, the array's key; nil at the top level) and acts as
// a column hint; value is the decoded string. ReplaceJSONString appends the
// replacement (plain text, AppendJSON escapes it) to dst and reports true, or
// reports false to keep the string as it is. key and value are valid only
// during the call.
type StringReplacer interface {
	ReplaceJSONString(dst []byte, key, value []byte) ([]byte, bool)
}

// maxJSONDepth bounds nesting (PostgreSQL's own json parser stops near here
// too); deeper input is malformed.
const maxJSONDepth = 1000

// AppendJSON appends src, a JSON text (json, or jsonb in text form), with
// string values replaced as r decides. Object keys, numbers, literals,
// whitespace and structure are copied unchanged, so the output is valid JSON
// whenever the input is. Malformed input returns ErrMalformed with dst
// unchanged (the caller redacts). With a nil r it validates and copies.
func (s *Session) AppendJSON(dst, src []byte, r StringReplacer) ([]byte, error) {
	w := jsonWalker{s: s, src: src, dst: dst, r: r}
	start := len(dst)
	w.ws()
	if !w.value(nil, 0) {
		return dst[:start], ErrMalformed
	}
	w.ws()
	if w.i != len(src) {
		return w.dst[:start], ErrMalformed
	}
	return w.dst, nil
}

type jsonWalker struct {
	s   *Session
	src []byte
	i   int
	dst []byte
	r   StringReplacer
}

func (w *jsonWalker) ws() {
	st := w.i
	for w.i < len(w.src) {
		switch w.src[w.i] {
		case ' ', '\t', '\n', '\r':
			w.i++
			continue
		}
		break
	}
	w.dst = append(w.dst, w.src[st:w.i]...)
}

func (w *jsonWalker) value(key []byte, depth int) bool {
	if w.i >= len(w.src) || depth > maxJSONDepth {
		return false
	}
	switch c := w.src[w.i]; c {
	case '{':
		w.dst = append(w.dst, '{')
		w.i++
		w.ws()
		if w.i < len(w.src) && w.src[w.i] == '}' {
			w.dst = append(w.dst, '}')
			w.i++
			return true
		}
		for {
			if w.i >= len(w.src) || w.src[w.i] != '"' {
				return false
			}
			ks := w.i
			end, ok := w.stringEnd()
			if !ok {
				return false
			}
			w.dst = append(w.dst, w.src[ks:end]...)
			k := w.src[ks+1 : end-1]
			w.i = end
			w.ws()
			if w.i >= len(w.src) || w.src[w.i] != ':' {
				return false
			}
			w.dst = append(w.dst, ':')
			w.i++
			w.ws()
			if !w.value(k, depth+1) {
				return false
			}
			w.ws()
			if w.i >= len(w.src) {
				return false
			}
			if w.src[w.i] == '}' {
				w.dst = append(w.dst, '}')
				w.i++
				return true
			}
			if w.src[w.i] != ',' {
				return false
			}
			w.dst = append(w.dst, ',')
			w.i++
			w.ws()
		}
	case '[':
		w.dst = append(w.dst, '[')
		w.i++
		w.ws()
		if w.i < len(w.src) && w.src[w.i] == ']' {
			w.dst = append(w.dst, ']')
			w.i++
			return true
		}
		for {
			if !w.value(key, depth+1) {
				return false
			}
			w.ws()
			if w.i >= len(w.src) {
				return false
			}
			if w.src[w.i] == ']' {
				w.dst = append(w.dst, ']')
				w.i++
				return true
			}
			if w.src[w.i] != ',' {
				return false
			}
			w.dst = append(w.dst, ',')
			w.i++
			w.ws()
		}
	case '"':
		st := w.i
		end, ok := w.stringEnd()
		if !ok {
			return false
		}
		w.i = end
		raw := w.src[st+1 : end-1]
		if w.r == nil {
			w.dst = append(w.dst, w.src[st:end]...)
			return true
		}
		val := raw
		if hasByte(raw, '\\') {
			w.s.jdec = unescapeJSON(w.s.jdec[:0], raw)
			val = w.s.jdec
		}
		repl, ok := w.r.ReplaceJSONString(w.s.jrepl[:0], key, val)
		if !ok {
			w.dst = append(w.dst, w.src[st:end]...)
			return true
		}
		w.s.jrepl = repl[:0]
		w.dst = appendJSONString(w.dst, repl)
		return true
	case 't':
		return w.literal("true")
	case 'f':
		return w.literal("false")
	case 'n':
		return w.literal("null")
	default:
		return w.number()
	}
}

func hasByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

func (w *jsonWalker) literal(lit string) bool {
	if len(w.src)-w.i < len(lit) || string(w.src[w.i:w.i+len(lit)]) != lit {
		return false
	}
	w.dst = append(w.dst, lit...)
	w.i += len(lit)
	return true
}

// number checks the JSON number grammar and copies it.
func (w *jsonWalker) number() bool {
	b, i := w.src, w.i
	digits := func() int {
		n := 0
		for i < len(b) && isDigit(b[i]) {
			i++
			n++
		}
		return n
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	w.dst = append(w.dst, b[w.i:i]...)
	w.i = i
	return true
}

// stringEnd validates the string starting at w.i (a quote) and returns the
// index after its closing quote.
func (w *jsonWalker) stringEnd() (int, bool) {
	b := w.src
	for i := w.i + 1; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			return i + 1, true
		case c < 0x20:
			return 0, false
		case c == '\\':
			i++
			if i >= len(b) {
				return 0, false
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(b) {
					return 0, false
				}
				for k := 1; k <= 4; k++ {
					if _, ok := unhex(b[i+k]); !ok {
						return 0, false
					}
				}
				i += 4
			default:
				return 0, false
			}
		}
	}
	return 0, false
}

// unescapeJSON decodes the content of a validated JSON string.
func unescapeJSON(dst, raw []byte) []byte {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			dst = append(dst, c)
			continue
		}
		i++
		switch raw[i] {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r := hex4(raw[i+1:])
			i += 4
			if utf16.IsSurrogate(r) && i+6 < len(raw)+0 && raw[i+1] == '\\' && raw[i+2] == 'u' {
				if r2 := utf16.DecodeRune(r, hex4(raw[i+3:])); r2 != utf8.RuneError {
					r = r2
					i += 6
				}
			}
			dst = utf8.AppendRune(dst, r)
		default:
			dst = append(dst, raw[i])
		}
	}
	return dst
}

func hex4(b []byte) rune {
	var r rune
	for k := 0; k < 4; k++ {
		d, _ := unhex(b[k])
		r = r<<4 | rune(d)
	}
	return r
}

// appendJSONString appends s as a JSON string literal. Bytes that are not
// valid UTF-8 are kept (PostgreSQL text is valid UTF-8, and our tokens are
// ASCII).
func appendJSONString(dst, s []byte) []byte {
	const hexd = "0123456789abcdef"
	dst = append(dst, '"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hexd[c>>4], hexd[c&15])
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}

// tokenReplacer tokenizes every JSON string as type t.
type tokenReplacer struct {
	s          *Session
	t          classify.Type
	keepDomain bool
}

func (r *tokenReplacer) ReplaceJSONString(dst, _, value []byte) ([]byte, bool) {
	out, err := r.s.AppendToken(dst, r.t, value, r.keepDomain)
	if err != nil {
		out = AppendRedacted(dst, r.t, value)
	}
	return out, true
}

func (s *Session) tokenStrings(t classify.Type, keepDomain bool) StringReplacer {
	s.tokAll = tokenReplacer{s: s, t: t, keepDomain: keepDomain}
	return &s.tokAll
}
