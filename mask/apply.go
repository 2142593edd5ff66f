package mask

import (
	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/policy"
)

// Apply appends what stands in for v, a whole column value of PII type t in
// a column of PostgreSQL type oid sent in format (0 text, 1 binary), under
// action a. It is the one call a row filter needs per value:
//
//   - textual columns (text, varchar, bpchar, name): AppendText semantics
//     (tokenize keeps the PII format, mask keeps the last N / the domain,
//     redact writes a placeholder valid for the PII type, hash writes hex);
//     bpchar keeps its padded length for tokenize.
//   - json/jsonb: every string value gets the action (AppendText), keys,
//     numbers and structure stay, the output is valid JSON (jsonb binary
//     keeps its version byte).
//   - other typed columns: tokenize and hash give the type-preserving token
//     (AppendTyped: a keyed hash cannot be written as hex into an int8);
//     mask and redact give the type's placeholder (AppendRedactTyped).
//
// Allow copies v. Null is the caller's: it encodes SQL NULL and does not
// call Apply (Apply redacts if it does). On an error (v malformed for its
// type) dst is returned unchanged: the caller redacts with
// AppendRedactTyped, or sends NULL when that reports no placeholder.
func (s *Session) Apply(dst []byte, a policy.Action, t classify.Type, oid uint32, format int16, v []byte) ([]byte, error) {
	if a.Kind == policy.Allow {
		return append(dst, v...), nil
	}
	switch {
	case IsTextual(oid):
		if oid == OIDBpchar && a.Kind == policy.Tokenize {
			return s.appendBpchar(dst, t, v, a.KeepDomain)
		}
		return s.AppendText(dst, a, t, v), nil
	case oid == OIDJSON || oid == OIDJSONB:
		s.actAll = actionReplacer{s: s, a: a, t: t}
		if oid == OIDJSONB && format == Binary {
			if len(v) == 0 || v[0] != 1 {
				return dst, ErrMalformed
			}
			start := len(dst)
			out, err := s.AppendJSON(append(dst, 1), v[1:], &s.actAll)
			if err != nil {
				return dst[:start], err
			}
			return out, nil
		}
		return s.AppendJSON(dst, v, &s.actAll)
	}
	switch a.Kind {
	case policy.Tokenize, policy.Hash:
		return s.AppendTyped(dst, oid, format, t, v, a.KeepDomain)
	}
	out, ok := AppendRedactTyped(dst, oid, format)
	if !ok {
		return dst, ErrMalformed
	}
	return out, nil
}

// actionReplacer applies one action to every JSON string.
type actionReplacer struct {
	s *Session
	a policy.Action
	t classify.Type
}

func (r *actionReplacer) ReplaceJSONString(dst, _, value []byte) ([]byte, bool) {
	return r.s.AppendText(dst, r.a, r.t, value), true
}
