package masking

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/maskwire/maskwire/codec"
	"github.com/maskwire/maskwire/engine"
	"github.com/maskwire/maskwire/policy"
)

func newTestMasker(t *testing.T) *sessionMasker {
	t.Helper()
	t.Setenv(policy.DefaultKeyEnv, "masking-test-key-0123456789")
	plan := policy.Default()
	opts, err := FromPlan(func() *policy.Plan { return plan }, nil)
	if err != nil {
		t.Fatal(err)
	}
	return NewFactory(opts)(engine.SessionInfo{User: "u", Database: "d"}).(*sessionMasker)
}

func rowsAppended(m *sessionMasker) uint64 { return m.copy.filter.appended }

// copyData frames line as a CopyData message.
func copyData(line []byte) codec.Frame {
	raw, start := codec.BeginMessage(nil, codec.CopyData)
	raw = codec.FinishMessage(append(raw, line...), start)
	return codec.Frame{Type: codec.CopyData, Body: raw[5:], Raw: raw}
}

func TestParseCopy(t *testing.T) {
	cases := []struct {
		sql   string
		ok    bool
		query string
		csv   bool
		bin   bool
		head  bool
		delim byte
	}{
		{"COPY customers TO STDOUT", true, "select * from customers", false, false, false, '\t'},
		{"copy public.customers (email, ssn) to stdout with (format csv, header)", true, "select email, ssn from public.customers", true, false, true, ','},
		{`copy "My Table" to stdout csv header`, true, `select * from "My Table"`, true, false, true, ','},
		{"copy (select email, (ssn) from t where x = ')') to stdout with (format binary)", true, "select email, (ssn) from t where x = ')'", false, true, false, '\t'},
		{"copy t to stdout with (format csv, delimiter ';')", true, "select * from t", true, false, false, ';'},
		{"copy t to stdout with (format csv, header false)", true, "select * from t", true, false, false, ','},
		{"copy t to stdout with (null 'NULL')", false, "", false, false, false, 0},
		{"copy t to '/tmp/x'", false, "", false, false, false, 0},
		{"copy t from stdin", false, "", false, false, false, 0},
		{"select 1", false, "", false, false, false, 0},
		{"copy (select 1 to stdout", false, "", false, false, false, 0},
	}
	for _, c := range cases {
		s, ok := parseCopy(c.sql)
		if ok != c.ok {
			t.Errorf("%q: ok = %v, want %v", c.sql, ok, c.ok)
			continue
		}
		if ok && (s.query != c.query || s.csv != c.csv || s.binary != c.bin || s.header != c.head || s.delim != c.delim) {
			t.Errorf("%q: got %+v", c.sql, s)
		}
	}
}

func fields(t *testing.T, body []byte) []string {
	t.Helper()
	var r codec.DataRowReader
	r.Reset(body)
	var out []string
	for r.Next() {
		if r.IsNull() {
			out = append(out, "<NULL>")
		} else {
			out = append(out, string(r.Value()))
		}
	}
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	return out
}

func TestCSVRoundTrip(t *testing.T) {
	c := &copyOut{delim: ','}
	line := []byte("1,\"a, \"\"quoted\"\" value\",,\"\",plain\n")
	body, ok := c.parseCSV(nil, line)
	if !ok {
		t.Fatal("parse failed")
	}
	got := fields(t, body)
	want := []string{"1", `a, "quoted" value`, "<NULL>", "", "plain"}
	if len(got) != len(want) {
		t.Fatalf("%q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("field %d: %q, want %q", i, got[i], want[i])
		}
	}
	// Written back, the line reads the same.
	var out []byte
	for i, f := range got {
		if i > 0 {
			out = append(out, ',')
		}
		if f != "<NULL>" {
			out = appendCSVField(out, []byte(f), ',')
		}
	}
	body2, ok := c.parseCSV(nil, out)
	if !ok || !bytes.Equal(body, body2) {
		t.Fatalf("round trip: %q", out)
	}
	// A trailing delimiter is one more NULL field.
	if body, ok := c.parseCSV(nil, []byte("a,")); !ok || len(fields(t, body)) != 2 {
		t.Fatal("trailing delimiter")
	}
}

func TestTextEscapes(t *testing.T) {
	c := &copyOut{delim: '\t'}
	body, ok := c.parseText(nil, []byte("a\\tb\\\\c\t\\N\t\\x41\\101\\n\n"))
	if !ok {
		t.Fatal("parse failed")
	}
	got := fields(t, body)
	if len(got) != 3 || got[0] != "a\tb\\c" || got[1] != "<NULL>" || got[2] != "AA\n" {
		t.Fatalf("%q", got)
	}
	if out := appendTextField(nil, []byte("a\tb\\c\n"), '\t'); string(out) != `a\tb\\c\n` {
		t.Fatalf("escape: %q", out)
	}
}

// TestCleanCopyRowsPassUnscanned: a COPY of clean columns scans only the
// spot-checked rows (a regression: every row was scanned, 4.7x slower).
func TestCleanCopyRowsPassUnscanned(t *testing.T) {
	m := newTestMasker(t)
	cols := []engine.Column{{Name: "id", TableOID: 7, Attnum: 1, TypeOID: 23}, {Name: "status", TableOID: 7, Attnum: 2, TypeOID: 25}}
	c := &m.copy
	c.delim, c.active = '\t', true
	// Let the columns be judged clean first.
	c.filter.plan(m, &engine.Result{SQL: "copy t to stdout", Columns: cols})
	for i := range 64 {
		line := []byte(fmt.Sprintf("%d\tshipped\n", i))
		if _, err := m.appendCopyRow(nil, copyData(line)); err != nil {
			t.Fatal(err)
		}
	}
	c.filter.plan(m, &engine.Result{SQL: "copy t to stdout", Columns: cols})
	if !c.filter.cleanOnly {
		t.Fatal("columns not judged clean")
	}
	before := m.report.Rows
	scannedBefore := rowsAppended(m)
	for i := range 5000 {
		f := copyData([]byte(fmt.Sprintf("%d\tshipped\n", i)))
		out, err := m.appendCopyRow(nil, f)
		if err != nil || !bytes.Equal(out, f.Raw) {
			t.Fatalf("row %d: %q %v", i, out, err)
		}
	}
	if scanned := rowsAppended(m) - scannedBefore; scanned > 10 {
		t.Fatalf("%d of 5000 clean COPY rows were re-encoded; want only the spot checks (~5)", scanned)
	}
	if m.report.Rows-before != 5000 {
		t.Fatalf("rows counted: %d", m.report.Rows-before)
	}
}
