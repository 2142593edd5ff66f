//go:build !race

package masking

import (
	"fmt"
	"testing"

	"github.com/maskwire/maskwire/codec"
	"github.com/maskwire/maskwire/engine"
	"github.com/maskwire/maskwire/policy"
)

// TestRowPathDoesNotAllocate: once a result set is planned, masking a row
// (tokenized columns, a free-text column, clean columns) allocates nothing.
func TestRowPathDoesNotAllocate(t *testing.T) {
	t.Setenv(policy.DefaultKeyEnv, "alloc-test-key-0123456789")
	plan := policy.Default()
	opts, err := FromPlan(func() *policy.Plan { return plan }, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := NewFactory(opts)(engine.SessionInfo{User: "u", Database: "d"})
	cols := []engine.Column{
		{Name: "id", TableOID: 9, Attnum: 1, TypeOID: 23},
		{Name: "email", TableOID: 9, Attnum: 2, TypeOID: 25},
		{Name: "ssn", TableOID: 9, Attnum: 3, TypeOID: 25},
		{Name: "card_number", TableOID: 9, Attnum: 4, TypeOID: 25},
		{Name: "notes", TableOID: 9, Attnum: 5, TypeOID: 25},
		{Name: "status", TableOID: 9, Attnum: 6, TypeOID: 25},
	}
	row := func(i int) []byte {
		body := []byte{0, byte(len(cols))}
		for _, v := range []string{fmt.Sprint(i), fmt.Sprintf("user%d@example.com", i), "536-22-8471", "4556 7375 8689 9855",
			fmt.Sprintf("call +44 20 7946 %04d about order %d, or mail jo%d@example.org", i, i, i), "active"} {
			body = codec.AppendField(body, []byte(v))
		}
		return body
	}
	f := m.PlanResult(&engine.Result{SQL: "select", Columns: cols})
	if f == nil {
		t.Fatal("nothing planned")
	}
	buf := make([]byte, 0, 4096)
	for i := range 200 { // sample the columns, grow the buffers
		buf, _ = f.AppendRow(buf[:0], nil, row(i))
	}
	body := row(7)
	if n := testing.AllocsPerRun(200, func() {
		buf, err = f.AppendRow(buf[:0], nil, body)
	}); n != 0 || err != nil {
		t.Fatalf("AppendRow: %v allocs per row, err %v", n, err)
	}
}
