package masking

import (
	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/engine"
	"github.com/maskwire/maskwire/mask"
	"github.com/maskwire/maskwire/policy"
)

// transforms applies actions to whole column values: text-like values by
// their PII type; typed values (int8, numeric, uuid, date, inet, bytea,
// json/jsonb...) so that they stay valid for the column type in its format.
type transforms struct {
	s *mask.Session
}

func (x *transforms) appendValue(dst []byte, a policy.Action, t classify.Type, col *engine.Column, v []byte) ([]byte, error) {
	if a.Kind == policy.Tokenize && mask.IsTextual(col.TypeOID) && col.TypeOID != mask.OIDBpchar {
		// The common case, without Apply's and AppendText's dispatch: the
		// PII format token, or its placeholder when v is not of the format.
		out, err := x.s.AppendToken(dst, t, v, a.KeepDomain)
		if err != nil {
			return mask.AppendRedacted(dst, t, v), nil
		}
		return out, nil
	}
	if !mask.IsTextual(col.TypeOID) && col.Format == 0 && !typedText(col.TypeOID) {
		// The text form of a type maskwire does not know (an extension type
		// such as citext): treated as text, in the detected type's format.
		return x.s.AppendText(dst, a, t, v), nil
	}
	return x.s.Apply(dst, a, t, col.TypeOID, col.Format, v)
}

// typedText: types whose text form must stay valid for the type.
func typedText(oid uint32) bool {
	switch oid {
	case mask.OIDInt2, mask.OIDInt4, mask.OIDInt8, mask.OIDNumeric, mask.OIDFloat4, mask.OIDFloat8,
		mask.OIDUUID, mask.OIDDate, mask.OIDTimestamp, mask.OIDTimestamptz, mask.OIDInet, mask.OIDCIDR,
		mask.OIDBytea, mask.OIDJSON, mask.OIDJSONB:
		return true
	}
	return classify.TypeOIDClass(oid) != classify.ClassText
}

// appendRedacted is the last resort after a failed transform: a placeholder
// valid for the column's type, or ok == false when the type has none (the
// caller sends NULL).
func (x *transforms) appendRedacted(dst []byte, t classify.Type, col *engine.Column, v []byte) ([]byte, bool) {
	if mask.IsTextual(col.TypeOID) || (col.Format == 0 && !typedText(col.TypeOID)) {
		return mask.AppendRedacted(dst, t, v), true
	}
	return mask.AppendRedactTyped(dst, col.TypeOID, col.Format)
}
