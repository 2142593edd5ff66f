package masking

import (
	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/codec"
	"github.com/maskwire/maskwire/policy"
)

var redact = policy.Action{Kind: policy.Redact}

// jsonStrings masks the string values of a json/jsonb value: a member name
// acts as a column hint (a string under "ssn" or "email" is masked whole as
// that type), every other string is scanned and its spans replaced.
// Structure, keys and numbers are kept, so the output stays valid JSON.
type jsonStrings struct {
	m     *sessionMasker
	c     *colPlan
	found classify.TypeSet
	spans []classify.Span // every span found, for the column's verdict
}

// ReplaceJSONString implements mask.StringReplacer.
func (j *jsonStrings) ReplaceJSONString(dst []byte, key, value []byte) ([]byte, bool) {
	m := j.m
	h := classify.ColumnNameHintBytes(key)
	if h.Strength == classify.HintStrong && h.Type != classify.None {
		j.found = j.found.With(h.Type)
		j.spans = append(j.spans, classify.Span{Start: 0, End: len(value), Type: h.Type})
		a := j.c.decide(m, h.Type)
		if m.mode != ModeEnforce || a.Kind == policy.Allow {
			return dst, false
		}
		return m.xf.s.AppendText(dst, a, h.Type, value), true
	}
	sc := &m.scrub
	sc.spans.Reset()
	ctx := classify.Context{Column: classify.ColumnFreeText}
	sc.scanner.Scan(value, ctx, &sc.spans)
	if len(sc.spans.Spans) == 0 {
		return dst, false
	}
	j.spans = append(j.spans, sc.spans.Spans...)
	for _, sp := range sc.spans.Spans {
		j.found = j.found.With(sp.Type)
	}
	if m.mode != ModeEnforce {
		return dst, false
	}
	m.spanCol = j.c
	dst = sc.splice(dst, value)
	m.spanCol = nil
	return dst, true
}

func isJSON(oid uint32) bool { return oid == 114 || oid == 3802 }

// appendJSON is appendScanned for json and jsonb columns.
func (f *rowFilter) appendJSON(dst []byte, c *colPlan, st *classify.ColumnState, v []byte) []byte {
	m := f.m
	text, prefix := v, 0
	if c.col.Format == 1 && c.col.TypeOID == 3802 {
		if len(v) == 0 || v[0] != 1 {
			return f.appendUnreadable(dst, c, v)
		}
		text, prefix = v[1:], 1
	}
	j := &f.json
	j.m, j.c, j.found, j.spans = m, c, 0, j.spans[:0]
	before := len(dst)
	dst, mark := codec.BeginField(dst)
	dst = append(dst, v[:prefix]...)
	out, err := m.xf.s.AppendJSON(dst, text, j)
	if err != nil {
		return f.appendUnreadable(dst[:before], c, v)
	}
	m.o.Resolver.Observe(st, text, j.spans)
	m.observed(j.found)
	return codec.FinishField(out, mark)
}

// appendUnreadable: a value that must be checked but cannot be read does
// not leave as it is.
func (f *rowFilter) appendUnreadable(dst []byte, c *colPlan, v []byte) []byte {
	if f.m.mode != ModeEnforce {
		return codec.AppendField(dst, v)
	}
	return f.appendWhole(dst, c, redact, classify.None, v)
}
