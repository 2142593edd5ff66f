package classify

import "testing"

// TestExpectPicksTheColumnsIDType: a bare 9-digit number valid as several national IDs is
// reported as the type the column's name expects.
func TestExpectPicksTheColumnsIDType(t *testing.T) {
	// 046454286 passes Luhn (CA_SIN) and the SSA rules (US_SSN).
	for _, c := range []struct {
		ctx  Context
		want Type
	}{
		{ContextFor(CASIN), CASIN},
		{ContextFor(USSSN), USSSN},
		{Context{Column: ColumnNationalID}, USSSN},
	} {
		var b SpanBuffer
		Default().Scan([]byte("046454286"), c.ctx, &b)
		if len(b.Spans) != 1 || b.Spans[0].Type != c.want {
			t.Errorf("ctx %+v: got %v, want one %s", c.ctx, b.Spans, c.want)
		}
	}
	var b SpanBuffer
	Default().Scan([]byte("1985-03-12"), ContextFor(DateTime), &b)
	if len(b.Spans) != 1 || b.Spans[0].Type != DateTime {
		t.Errorf("DOB column: got %v", b.Spans)
	}
	if ctx := ColumnContext("x_nothing_y"); ctx.Column != ColumnFreeText || ctx.Expect != None {
		t.Errorf("ColumnContext(no hint) = %+v", ctx)
	}
}
