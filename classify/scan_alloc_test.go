//go:build !race

package classify

import "testing"

// TestScanDoesNotAllocate enforces the hot-path rule: scanning a value allocates nothing, for
// free text full of findings, for text without triggers, and with a narrowed Context.
func TestScanDoesNotAllocate(t *testing.T) {
	sc := Default()
	cases := []struct {
		name string
		text []byte
		ctx  Context
	}{
		{"mixed", mixedText(4096, 3), Context{Column: ColumnFreeText}},
		{"no-trigger", noTriggerText(4096), Context{}},
		{"dob-column", []byte("1985-03-12"), Context{Column: ColumnDateOfBirth}},
		{"narrowed", mixedText(1024, 4), Context{Types: SetOf(EmailAddress, CreditCard)}},
		{"many-spans", []byte(manySpans), Context{}},
	}
	var sink countSink
	for _, c := range cases {
		sc.Scan(c.text, c.ctx, &sink) // warm the pool
		if n := testing.AllocsPerRun(100, func() { sc.Scan(c.text, c.ctx, &sink) }); n != 0 {
			t.Errorf("%s: Scan allocates %.1f times per run", c.name, n)
		}
		if n := testing.AllocsPerRun(100, func() { sc.HasTrigger(c.text) }); n != 0 {
			t.Errorf("%s: HasTrigger allocates %.1f times per run", c.name, n)
		}
	}
	if sink.n == 0 {
		t.Fatal("no spans at all: the test scanned nothing")
	}
}

const manySpans = "a@b.io c@d.io e@f.io g@h.io i@j.io k@l.io m@n.io o@p.io q@r.io s@t.io u@v.io w@x.io " +
	"y@z.io a1@b.io c1@d.io e1@f.io g1@h.io i1@j.io k1@l.io m1@n.io o1@p.io q1@r.io s1@t.io " +
	"10.0.0.1 10.0.0.2 10.0.0.3 10.0.0.4 10.0.0.5 10.0.0.6 10.0.0.7 10.0.0.8 10.0.0.9 10.0.0.10"
