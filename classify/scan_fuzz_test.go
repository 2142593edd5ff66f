package classify

import (
	"testing"
)

// FuzzScan checks Scan's contract on any input: no panic; every span inside the text with
// Start < End, a reportable Type and a Score in (0, 1]; spans in ascending order without
// overlaps; the same spans on a second scan; every span allowed by Context.Types. The seed
// corpus (every detector example and edge cases) runs in plain `go test`.
func FuzzScan(f *testing.F) {
	for _, exs := range detectorExamples {
		for _, ex := range exs {
			text, _ := parseMarkedNoT(ex.text)
			f.Add([]byte(text), uint32(ex.ctx.Column), uint64(0))
		}
	}
	for _, s := range []string{
		"", "@", "@@", ":", "::", ":::", "://", "www.", "0x", "bc1", "1", "+", "(", "-----BEGIN ",
		"a@", "@b.c", "+(", "((((1", "1-", "999999999999999999999999999999999999999999",
		"DE", "DE8", "GB82 WEST", "\xff\xfe@\xff.\xff", "1.1.1.1.1.1.1.1", "1::1::1", "[::]",
		"born 31/02/2000", "0" + string(make([]byte, 100)),
	} {
		f.Add([]byte(s), uint32(0), uint64(0))
		f.Add([]byte(s), uint32(ColumnDateOfBirth|ColumnPhone|ColumnNationalID), uint64(SetOf(Password, URL)))
	}
	sc := Default()
	f.Fuzz(func(t *testing.T, text []byte, hints uint32, types uint64) {
		ctx := Context{Column: ColumnHints(hints), Types: TypeSet(types) & AllTypes, Expect: Type(hints>>24) % NumTypes}
		var a, b SpanBuffer
		sc.Scan(text, ctx, &a)
		sc.Scan(text, ctx, &b)
		if len(a.Spans) != len(b.Spans) {
			t.Fatalf("not deterministic: %v vs %v", a.Spans, b.Spans)
		}
		prevEnd := 0
		for i, s := range a.Spans {
			if s != b.Spans[i] {
				t.Fatalf("not deterministic: %v vs %v", a.Spans, b.Spans)
			}
			if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
				t.Fatalf("span %v out of bounds for len %d", s, len(text))
			}
			if s.Start < prevEnd {
				t.Fatalf("spans overlap or are unsorted: %v", a.Spans)
			}
			prevEnd = s.End
			if s.Type == None || s.Type >= NumTypes || s.Score <= 0 || s.Score > 1 {
				t.Fatalf("bad span %v", s)
			}
			if ctx.Types != 0 && !ctx.Types.Has(s.Type) {
				t.Fatalf("span %v not in Context.Types %b", s, ctx.Types)
			}
		}
		_ = sc.HasTrigger(text)
	})
}

// parseMarkedNoT strips «TYPE|value» marks without a *testing.T.
func parseMarkedNoT(s string) (string, bool) {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if len(s)-i >= 2 && s[i:i+2] == "«" {
			j := i + 2
			for j < len(s) && s[j] != '|' {
				j++
			}
			i = j + 1
			continue
		}
		if len(s)-i >= 2 && s[i:i+2] == "»" {
			i += 2
			continue
		}
		out = append(out, s[i])
		i++
	}
	return string(out), true
}
