package masking

import (
	"bytes"
	"testing"

	"github.com/maskwire/maskwire/codec"
	"github.com/maskwire/maskwire/corpora"
	"github.com/maskwire/maskwire/engine"
)

// TestSkippingQuietValuesChangesNothing: not scanning values without a
// trigger byte or keyword gives the same output as scanning them, over the
// corpora's free text and hard negatives.
func TestSkippingQuietValuesChangesNothing(t *testing.T) {
	var values [][]byte
	for _, name := range []string{"text", "negatives"} {
		samples, err := corpora.Load(name)
		if err != nil {
			t.Fatalf("corpora %s: %v", name, err)
		}
		for i, s := range samples {
			if i%4 == 0 { // a quarter keeps the test fast under -race
				values = append(values, []byte(s.Text))
			}
		}
	}
	cols := []engine.Column{{Name: "note", TypeOID: 25}}
	run := func(skip bool) []byte {
		m := newTestMasker(t)
		m.skipQuiet = skip
		f := m.PlanResult(&engine.Result{SQL: "select note", Columns: cols})
		if f == nil {
			t.Fatal("nothing planned")
		}
		var out []byte
		for _, v := range values {
			body := codec.AppendField([]byte{0, 1}, v)
			var err error
			if out, err = f.AppendRow(out, nil, body); err != nil {
				t.Fatal(err)
			}
		}
		return out
	}
	with, without := run(true), run(false)
	if !bytes.Equal(with, without) {
		t.Fatal("skipping trigger-free values changed the masked output")
	}
	if len(values) < 1000 {
		t.Fatalf("only %d values", len(values))
	}
}
