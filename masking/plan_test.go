package masking

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/codec"
	"github.com/maskwire/maskwire/engine"
	"github.com/maskwire/maskwire/policy"
)

// countingCatalog names every column of table 16384 "secret_notes".
type countingCatalog struct{ calls int }

func (c *countingCatalog) Column(db string, oid uint32, attnum int16) (ColumnRef, bool) {
	c.calls++
	return ColumnRef{Database: db, Schema: "public", Table: "t", Column: "secret_notes"}, true
}

func (c *countingCatalog) Describe(string, string) ([]engine.Column, bool) { return nil, false }

// TestRepeatedResultShapeSkipsLookups: a statement run again reuses its
// columns' names and forced actions (no catalog call), but a new policy
// (a reload), other columns or an older plan than replanEvery describe again,
// and the forced action of the new policy applies from its first row.
func TestRepeatedResultShapeSkipsLookups(t *testing.T) {
	t.Setenv(policy.DefaultKeyEnv, "masking-test-key-0123456789")
	allow, err := policy.Parse([]byte("rules:\n  - match: {column: \"*.*.*.secret_notes\"}\n    action: allow\n"), "allow.yaml")
	if err != nil {
		t.Fatal(err)
	}
	redact, err := policy.Parse([]byte("rules:\n  - match: {column: \"*.*.*.secret_notes\"}\n    action: redact\n"), "redact.yaml")
	if err != nil {
		t.Fatal(err)
	}
	current := allow
	cat := &countingCatalog{}
	opts, err := FromPlan(func() *policy.Plan { return current }, cat)
	if err != nil {
		t.Fatal(err)
	}
	m := NewFactory(opts)(engine.SessionInfo{User: "u", Database: "d"}).(*sessionMasker)
	cols := []engine.Column{{Name: "n", TableOID: 16384, Attnum: 1, TypeOID: 25}}
	res := &engine.Result{SQL: "select n from t", Columns: cols}
	value := []byte("reach me at jane.doe@example.com")
	// row returns what leaves for one row holding value.
	row := func() []byte {
		body := []byte{0, byte(len(res.Columns))}
		for range res.Columns {
			body = codec.AppendField(body, value)
		}
		f := m.PlanResult(res)
		if f == nil {
			return body
		}
		out, err := f.AppendRow(nil, nil, body)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}

	for i := range 5 {
		res.SQL = fmt.Sprintf("select n from t where id = %d", i) // other literals, same columns
		if got := row(); !bytes.Contains(got, value) {
			t.Fatalf("allowed column changed: %q", got)
		}
	}
	if cat.calls != 1 {
		t.Fatalf("5 runs of one statement: %d catalog calls, want 1", cat.calls)
	}

	current = redact // a reload
	got := row()
	if cat.calls != 2 {
		t.Fatalf("after a reload: %d catalog calls, want 2", cat.calls)
	}
	if bytes.Contains(got, []byte("jane.doe")) {
		t.Fatal("the reloaded policy's redact was not applied to the first row after the reload")
	}

	res.Columns = []engine.Column{{Name: "n", TableOID: 16384, Attnum: 2, TypeOID: 25}}
	row()
	if cat.calls != 3 {
		t.Fatalf("other columns: %d catalog calls, want 3", cat.calls)
	}
	m.filter.shapeAt = time.Now().Add(-2 * replanEvery)
	row()
	if cat.calls != 4 {
		t.Fatalf("a plan older than replanEvery: %d catalog calls, want 4", cat.calls)
	}

	// A computed column's verdict is keyed by its statement: another
	// statement is another shape.
	res.Columns = []engine.Column{{Name: "n", TypeOID: 25}, {Name: "m", TableOID: 16384, Attnum: 1, TypeOID: 25}}
	res.SQL = "select lower(n), m from t"
	row()
	row()
	if cat.calls != 5 {
		t.Fatalf("computed column, same statement twice: %d catalog calls, want 5", cat.calls)
	}
	res.SQL = "select upper(n), m from t"
	row()
	if cat.calls != 6 {
		t.Fatalf("computed column, another statement: %d catalog calls, want 6", cat.calls)
	}
}

// TestReusedVerdictsSeeAFlip: a session reuses the verdicts it resolved for
// a repeated result shape only while no verdict has changed anywhere in the
// process. When a spot check in another session finds PII in a column
// judged clean, the next result set of that shape is resolved again and its
// first row is scanned and masked.
func TestReusedVerdictsSeeAFlip(t *testing.T) {
	opts := defaultOptions(t)
	factory := NewFactory(opts)
	a := factory(engine.SessionInfo{User: "u", Database: "d"}).(*sessionMasker)
	b := factory(engine.SessionInfo{User: "u", Database: "d"}).(*sessionMasker)
	res := &engine.Result{SQL: "select note from t", Columns: []engine.Column{{Name: "note", TableOID: 16385, Attnum: 1, TypeOID: 25}}}
	// rows plans one result set of m and feeds it n rows of value.
	rows := func(m *sessionMasker, value string, n int) {
		body := codec.AppendField([]byte{0, 1}, []byte(value))
		f := m.PlanResult(res)
		if f == nil {
			t.Fatal("no row filter for a text column")
		}
		var out []byte
		var err error
		for range n {
			if out, err = f.AppendRow(out[:0], nil, body); err != nil {
				t.Fatal(err)
			}
		}
	}

	rows(a, "pending", 64) // a sample of clean values: the column is judged clean
	for range 3 {
		rows(b, "pending", 1)
		if k := b.filter.states[0].Verdict.Kind; k != classify.VerdictClean {
			t.Fatalf("b: verdict %v, want clean", k)
		}
	}
	gen := opts.Resolver.Gen()
	rows(b, "pending", 1)
	if !b.filter.cleanOnly || b.filter.PassRows() == 0 || b.filter.baseGen != gen {
		t.Fatal("b did not reuse the verdicts of its repeated result shape")
	}

	// A spot check in session a finds PII in the column: the verdict flips.
	rows(a, "call me at jane.doe@example.com", 1)
	if opts.Resolver.Gen() == gen {
		t.Fatal("the spot check's flip did not change the resolver's Gen")
	}
	// b's next result set of the same shape must not pass rows unscanned.
	if f := b.PlanResult(res); f == nil || b.filter.cleanOnly || f.(*rowFilter).PassRows() != 0 {
		t.Fatal("b reused a stale clean verdict after the flip: rows would pass unscanned")
	}
	if k := b.filter.states[0].Verdict.Kind; k != classify.VerdictFreeText {
		t.Fatalf("b: verdict %v after the flip, want free text", k)
	}
}

// TestSampleSpansShortResults: a column that only ever comes one row at a
// time (a point query) is still sampled and decided: the sample carries over
// from one result set of a repeated shape to the next, so after a full
// sample the column's rows pass (with spot checks) instead of being
// scanned one by one forever.
func TestSampleSpansShortResults(t *testing.T) {
	opts := defaultOptions(t)
	m := NewFactory(opts)(engine.SessionInfo{User: "u", Database: "d"}).(*sessionMasker)
	res := &engine.Result{SQL: "select status from t where id = $1", Columns: []engine.Column{{Name: "status", TableOID: 16386, Attnum: 2, TypeOID: 25}}}
	body := codec.AppendField([]byte{0, 1}, []byte("pending"))
	size := opts.Resolver.Options().SampleSize
	for i := 0; ; i++ {
		f := m.PlanResult(res)
		if f == nil {
			t.Fatal("no row filter for a text column")
		}
		if m.filter.states[0].Verdict.Kind == classify.VerdictClean {
			if i < size || i > size+1 {
				t.Fatalf("decided clean after %d one-row result sets, want %d", i, size)
			}
			if f.(*rowFilter).PassRows() == 0 {
				t.Fatal("a clean column's rows do not pass")
			}
			return
		}
		if i > 2*size {
			t.Fatalf("%d one-row result sets and still %v", i, m.filter.states[0].Verdict.Kind)
		}
		if _, err := f.AppendRow(nil, nil, body); err != nil {
			t.Fatal(err)
		}
	}
}

// defaultOptions are the masker's options with no rules and no catalog.
func defaultOptions(t *testing.T) *Options {
	t.Helper()
	t.Setenv(policy.DefaultKeyEnv, "masking-test-key-0123456789")
	plan, err := policy.Parse([]byte("rules: []\n"), "empty.yaml")
	if err != nil {
		t.Fatal(err)
	}
	opts, err := FromPlan(func() *policy.Plan { return plan }, nil)
	if err != nil {
		t.Fatal(err)
	}
	return opts
}
