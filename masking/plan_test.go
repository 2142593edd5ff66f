package masking

import (
	"bytes"
	"fmt"
	"testing"
	"time"

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
