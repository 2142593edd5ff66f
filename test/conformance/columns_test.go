package conformance

import (
	"fmt"
	"testing"

	P "github.com/jackc/pgx/v5/pgproto3"
	"github.com/maskwire/maskwire/engine"
)

// Regression tests for the engine's column tracking: masking depends on the
// engine knowing the columns (table OID, attnum, type, format) of every
// DataRow, including when the server sends no RowDescription for it.

// columnsTable creates a table whose columns the masker must recognise by
// table OID and attnum, and returns its name.
func (e *env) columnsTable(t *testing.T) string {
	admin := e.admin(t)
	tbl := e.uniqueTable(t, "cols")
	mustExec(t, admin, "create table "+tbl+" (id int4, email text, amount numeric, born date, blob bytea, big int8)")
	mustExec(t, admin, "insert into "+tbl+` select g, 'user' || g || '@example.com', g * 1.25, '2000-01-01'::date + g,
		decode(md5(g::text), 'hex'), g * 1000000000000 from generate_series(1, 10) g`)
	return tbl
}

// describeDirect returns the RowDescription PostgreSQL gives for sql.
func (e *env) describeDirect(t *testing.T, sql string) []P.FieldDescription {
	t.Helper()
	c := e.dialRaw(t, e.directAddr(), "mwc_describe")
	c.send(&P.Parse{Query: sql}, &P.Describe{ObjectType: 'S'}, &P.Sync{})
	var fields []P.FieldDescription
	for {
		msg, err := c.fe.Receive()
		if err != nil {
			t.Fatal(err)
		}
		switch m := msg.(type) {
		case *P.RowDescription:
			for _, f := range m.Fields {
				f.Name = append([]byte(nil), f.Name...)
				fields = append(fields, f)
			}
		case *P.ErrorResponse:
			t.Fatalf("describe %q: %s", sql, m.Message)
		case *P.ReadyForQuery:
			return fields
		}
	}
}

// wantColumns says how the result's planned columns differ from the
// server's description with the given Bind result formats ("" when equal).
func wantColumns(got []engine.Column, fields []P.FieldDescription, formats []int16) string {
	if len(got) != len(fields) {
		return fmt.Sprintf("%d columns planned, the statement has %d", len(got), len(fields))
	}
	for i, f := range fields {
		var format int16
		switch {
		case len(formats) == 1:
			format = formats[0]
		case len(formats) > 1:
			format = formats[i]
		}
		c := got[i]
		if c.Name != string(f.Name) || c.TableOID != f.TableOID || c.Attnum != int16(f.TableAttributeNumber) ||
			c.TypeOID != f.DataTypeOID || c.TypeSize != f.DataTypeSize || c.TypeMod != f.TypeModifier || c.Format != format {
			return fmt.Sprintf("column %d planned as %+v, want name %q table %d attnum %d type %d size %d mod %d format %d",
				i, c, f.Name, f.TableOID, f.TableAttributeNumber, f.DataTypeOID, f.DataTypeSize, f.TypeModifier, format)
		}
	}
	return ""
}

// checkPlans requires that each result with rows, in order, has the columns
// of fields with the i-th format list, and that every row was planned.
func (e *env) checkPlans(t *testing.T, app string, clientRows int, fields []P.FieldDescription, formats ...[]int16) {
	t.Helper()
	res := e.checkRecorded(t, app, clientRows)
	var withRows []resultLog
	for _, r := range res {
		if r.Rows > 0 {
			withRows = append(withRows, r)
		}
	}
	if len(withRows) != len(formats) {
		t.Errorf("%d results with rows were planned, want %d", len(withRows), len(formats))
		return
	}
	for i, r := range withRows {
		if msg := wantColumns(r.Columns, fields, formats[i]); msg != "" {
			t.Errorf("result %d: %s", i, msg)
		}
	}
}

// TestPreparedStatementWithoutRowDescription: a named statement is parsed and
// described once (Parse+Describe S+Sync), then bound and executed many times
// in later Syncs without Describe — pgjdbc after prepareThreshold,
// node-postgres named statements. The server sends no RowDescription for
// those executions; the engine must plan them from the statement.
func TestPreparedStatementWithoutRowDescription(t *testing.T) {
	e := newEnv(t)
	tbl := e.columnsTable(t)
	sql := "select id, email, amount, born, blob, big from " + tbl + " where id <= $1"
	fields := e.describeDirect(t, sql)
	s := script{{&P.Parse{Name: "jdbc_s1", Query: sql, ParameterOIDs: []uint32{23}}, &P.Describe{ObjectType: 'S', Name: "jdbc_s1"}, &P.Sync{}}}
	var formats [][]int16
	for i := 1; i <= 6; i++ {
		f := []int16{0}
		if i%2 == 0 {
			f = []int16{1}
		}
		formats = append(formats, f)
		s = append(s, []P.FrontendMessage{
			&P.Bind{PreparedStatement: "jdbc_s1", Parameters: [][]byte{[]byte(fmt.Sprint(i + 2))}, ResultFormatCodes: f},
			&P.Execute{}, &P.Sync{}})
	}
	app, rows, trace := e.compareRaw(t, "nordesc", s)
	if rows != 3+4+5+6+7+8 {
		t.Errorf("%d rows through maskwire, want 33", rows)
	}
	if got := countType(trace, "RowDescription"); got != 1 {
		t.Errorf("%d RowDescriptions reached the client, want exactly the one Describe asked for", got)
	}
	e.checkPlans(t, app, rows, fields, formats...)
}

// TestBindResultFormatsPerColumn: Bind asks for mixed text/binary result
// columns; the Column.Format the masker sees must be what the rows use, in
// one pipeline with several Binds of the same statement.
func TestBindResultFormatsPerColumn(t *testing.T) {
	e := newEnv(t)
	tbl := e.columnsTable(t)
	sql := "select id, email, amount, born, blob, big from " + tbl + " order by id limit 3"
	fields := e.describeDirect(t, sql)
	mixed := []int16{1, 0, 1, 0, 1, 0}
	inverse := []int16{0, 1, 0, 1, 0, 1}
	app, rows, _ := e.compareRaw(t, "formats", script{
		{&P.Parse{Name: "fmt_s", Query: sql}, &P.Describe{ObjectType: 'S', Name: "fmt_s"}, &P.Sync{}},
		{
			&P.Bind{PreparedStatement: "fmt_s", ResultFormatCodes: mixed}, &P.Execute{},
			&P.Bind{PreparedStatement: "fmt_s", ResultFormatCodes: []int16{1}}, &P.Execute{},
			&P.Bind{PreparedStatement: "fmt_s"}, &P.Execute{},
			&P.Bind{PreparedStatement: "fmt_s", ResultFormatCodes: inverse}, &P.Describe{ObjectType: 'P'}, &P.Execute{},
			&P.Sync{},
		},
	})
	e.checkPlans(t, app, rows, fields, mixed, []int16{1}, nil, inverse)
}

// TestExecuteOfStatementNeverDescribed: Parse, Bind, Execute with no Describe
// at all (named and unnamed statements); the engine must still know the
// columns, and the client must see exactly what it would directly (no
// RowDescription it did not ask for).
func TestExecuteOfStatementNeverDescribed(t *testing.T) {
	e := newEnv(t)
	tbl := e.columnsTable(t)
	sql := "select id, email, amount, born, blob, big from " + tbl + " where id > $1 order by id"
	fields := e.describeDirect(t, sql)
	app, rows, trace := e.compareRaw(t, "nodescribe", script{
		{&P.Parse{Name: "nd_s", Query: sql}, &P.Bind{PreparedStatement: "nd_s", Parameters: [][]byte{[]byte("7")}, ResultFormatCodes: []int16{0, 1, 0, 1, 0, 1}}, &P.Execute{}, &P.Sync{}},
		{&P.Parse{Query: sql}, &P.Bind{Parameters: [][]byte{[]byte("5")}}, &P.Execute{}, &P.Sync{}},
		{&P.Bind{PreparedStatement: "nd_s", Parameters: [][]byte{[]byte("8")}, ResultFormatCodes: []int16{1}}, &P.Execute{MaxRows: 1}, &P.Execute{}, &P.Sync{}},
	})
	if got := countType(trace, "RowDescription"); got != 0 {
		t.Errorf("%d RowDescriptions reached a client that never asked for one", got)
	}
	if rows != 3+5+2 {
		t.Errorf("%d rows through maskwire, want 10", rows)
	}
	res := e.checkRecorded(t, app, rows)
	wantFormats := [][]int16{{0, 1, 0, 1, 0, 1}, nil, {1}, {1}}
	i := 0
	for _, r := range res {
		if r.Rows == 0 {
			continue
		}
		if i < len(wantFormats) {
			if msg := wantColumns(r.Columns, fields, wantFormats[i]); msg != "" {
				t.Errorf("result %d: %s", i, msg)
			}
		}
		i++
	}
	if i < 3 {
		t.Errorf("only %d results with rows were planned", i)
	}
}

// TestStatementRedefinedUnderSameName: a statement name reused for a query
// with other columns (Close + Parse, and the unnamed statement re-parsed)
// must not be planned with the old columns.
func TestStatementRedefinedUnderSameName(t *testing.T) {
	e := newEnv(t)
	tbl := e.columnsTable(t)
	q1 := "select id, email from " + tbl + " where id = 1"
	q2 := "select big, blob, born from " + tbl + " where id = 2"
	f1, f2 := e.describeDirect(t, q1), e.describeDirect(t, q2)
	app, rows, _ := e.compareRaw(t, "redefine", script{
		{&P.Parse{Name: "re_s", Query: q1}, &P.Describe{ObjectType: 'S', Name: "re_s"}, &P.Sync{}},
		{&P.Bind{PreparedStatement: "re_s"}, &P.Execute{}, &P.Sync{}},
		{&P.Close{ObjectType: 'S', Name: "re_s"}, &P.Parse{Name: "re_s", Query: q2}, &P.Sync{}},
		{&P.Bind{PreparedStatement: "re_s", ResultFormatCodes: []int16{1}}, &P.Execute{}, &P.Sync{}},
		{&P.Parse{Query: q1}, &P.Bind{}, &P.Execute{}, &P.Parse{Query: q2}, &P.Bind{}, &P.Execute{}, &P.Sync{}},
	})
	res := e.checkRecorded(t, app, rows)
	want := []struct {
		f   []P.FieldDescription
		fmt []int16
	}{{f1, nil}, {f2, []int16{1}}, {f1, nil}, {f2, nil}}
	i := 0
	for _, r := range res {
		if r.Rows == 0 {
			continue
		}
		if i < len(want) {
			if msg := wantColumns(r.Columns, want[i].f, want[i].fmt); msg != "" {
				t.Errorf("result %d: %s", i, msg)
			}
		}
		i++
	}
	if i != len(want) {
		t.Errorf("%d results with rows planned, want %d", i, len(want))
	}
}

func countType(trace []string, typ string) int {
	n := 0
	for _, m := range trace {
		if len(m) > len(typ)+10 && m[:10+len(typ)] == "*pgproto3."+typ && m[10+len(typ)] == '{' {
			n++
		}
	}
	return n
}
