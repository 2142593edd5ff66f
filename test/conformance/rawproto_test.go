package conformance

import (
	"strings"
	"testing"
	"time"

	P "github.com/jackc/pgx/v5/pgproto3"
)

// TestPortalSuspension: Execute with a row limit stops with PortalSuspended;
// later Executes of the same portal return the rest, in the same Sync.
func TestPortalSuspension(t *testing.T) {
	e := newEnv(t)
	const q = "select g, 'v' || g as v from generate_series(1, 5) g"
	app, rows, trace := e.compareRaw(t, "suspend", script{{
		&P.Parse{Query: q}, &P.Bind{ResultFormatCodes: []int16{1, 0}},
		&P.Execute{MaxRows: 2}, &P.Execute{MaxRows: 2}, &P.Execute{MaxRows: 2}, &P.Sync{},
	}})
	want := "ParseComplete BindComplete DataRow DataRow PortalSuspended DataRow DataRow PortalSuspended DataRow CommandComplete ReadyForQuery"
	if got := msgTypes(trace); got != want {
		t.Errorf("messages through maskwire:\n%s\nwant\n%s", got, want)
	}
	for _, r := range e.checkRecorded(t, app, rows) {
		if len(r.Columns) != 2 || r.Columns[0].Format != 1 || r.Columns[1].Format != 0 {
			t.Errorf("portal planned as %+v, want 2 columns with formats [1 0]", r.Columns)
		}
	}
}

// TestSuspendedPortalResumedInLaterSync: a named portal inside a transaction
// fetched a few rows per Sync (pgjdbc's setFetchSize pattern); its rows in
// later Syncs come with no RowDescription and no Bind.
func TestSuspendedPortalResumedInLaterSync(t *testing.T) {
	e := newEnv(t)
	const q = "select g, md5(g::text) as h, g::float8 / 3 as f from generate_series(1, 7) g"
	s := script{
		{&P.Query{String: "begin"}},
		{&P.Parse{Name: "fetch_s", Query: q}, &P.Bind{DestinationPortal: "fetch_p", PreparedStatement: "fetch_s", ResultFormatCodes: []int16{0, 0, 1}},
			&P.Describe{ObjectType: 'P', Name: "fetch_p"}, &P.Execute{Portal: "fetch_p", MaxRows: 3}, &P.Sync{}},
		{&P.Execute{Portal: "fetch_p", MaxRows: 3}, &P.Sync{}},
		{&P.Execute{Portal: "fetch_p", MaxRows: 3}, &P.Sync{}},
		{&P.Close{ObjectType: 'P', Name: "fetch_p"}, &P.Sync{}},
		{&P.Query{String: "commit"}},
	}
	app, rows, _ := e.compareRaw(t, "fetchsize", s)
	if rows != 7 {
		t.Errorf("got %d rows through maskwire, want 7", rows)
	}
	for _, r := range e.checkRecorded(t, app, rows) {
		if r.Rows > 0 && (len(r.Columns) != 3 || r.Columns[2].Format != 1 || r.Columns[0].Format != 0) {
			t.Errorf("portal planned as %+v, want 3 columns with formats [0 0 1]", r.Columns)
		}
	}
}

// TestFunctionCall: the fast-path FunctionCall message (int4pl in binary,
// textcat in text, a NULL argument, an overflow error).
func TestFunctionCall(t *testing.T) {
	e := newEnv(t)
	admin := e.admin(t)
	var int4pl, textcat uint32
	if err := admin.QueryRow(ctxT(t, 5*time.Second), "select 'int4pl'::regproc::oid, 'textcat'::regproc::oid").Scan(&int4pl, &textcat); err != nil {
		t.Fatal(err)
	}
	_, _, trace := e.compareRaw(t, "fcall", script{
		{&P.FunctionCall{Function: int4pl, ArgFormatCodes: []uint16{1}, Arguments: [][]byte{{0, 0, 0, 2}, {0, 0, 0, 40}}, ResultFormatCode: 1}},
		{&P.FunctionCall{Function: textcat, Arguments: [][]byte{[]byte("héllo "), []byte("wörld")}, ResultFormatCode: 0}},
		{&P.FunctionCall{Function: int4pl, ArgFormatCodes: []uint16{1}, Arguments: [][]byte{nil, {0, 0, 0, 1}}, ResultFormatCode: 1}},
		{&P.FunctionCall{Function: int4pl, ArgFormatCodes: []uint16{1}, Arguments: [][]byte{{0x7f, 0xff, 0xff, 0xff}, {0, 0, 0, 1}}, ResultFormatCode: 1}},
		{&P.Query{String: "select 'still here'"}},
	})
	joined := strings.Join(trace, "\n")
	for _, want := range []string{`FunctionCallResponse{"Type":"FunctionCallResponse","Result":{"binary":"0000002a"}}`, "héllo wörld", `"Code":"22003"`, "still here"} {
		if !strings.Contains(joined, want) {
			t.Errorf("through maskwire, no %s in\n%s", want, joined)
		}
	}
}

// TestSimpleQueryManyStatements: one Query message with several statements
// (results of different shapes, an empty one, an error midway, an empty query).
func TestSimpleQueryManyStatements(t *testing.T) {
	e := newEnv(t)
	app, rows, trace := e.compareRaw(t, "multi", script{
		{&P.Query{String: "select 1 as a, 'ü' as b; select 'x' as only where false; values (3, null, 4.5), (5, 'y', null); show server_version_num; ;"}},
		{&P.Query{String: "select 1; select 1/0; select 2"}},
		{&P.Query{String: ""}},
		{&P.Query{String: "begin; set local work_mem = '8MB'; select * from (values (1, 'ü'), (2, null)) v(x, y); commit"}},
	})
	if got := strings.Count(msgTypes(trace), "RowDescription"); got != 6 {
		t.Errorf("%d RowDescriptions through maskwire, want 6:\n%s", got, msgTypes(trace))
	}
	if !strings.Contains(msgTypes(trace), "EmptyQueryResponse") {
		t.Errorf("no EmptyQueryResponse for the empty query")
	}
	res := e.checkRecorded(t, app, rows)
	for _, r := range res {
		if r.SQL == "" {
			t.Errorf("result with columns %+v was planned without its SQL", r.Columns)
		}
	}
}

// TestErrorInsidePipelineDiscardsUntilSync: after an error in a pipeline the
// server skips to the Sync; what follows works, as directly.
func TestErrorInsidePipelineDiscardsUntilSync(t *testing.T) {
	e := newEnv(t)
	app, rows, _ := e.compareRaw(t, "pipeerr", script{{
		&P.Parse{Name: "ok1", Query: "select $1::int * 2 as twice"}, &P.Bind{PreparedStatement: "ok1", Parameters: [][]byte{[]byte("21")}},
		&P.Describe{ObjectType: 'P'}, &P.Execute{},
		&P.Parse{Name: "bad", Query: "select nosuch"}, &P.Bind{PreparedStatement: "bad"}, &P.Execute{},
		&P.Bind{PreparedStatement: "ok1", Parameters: [][]byte{[]byte("1")}}, &P.Execute{}, &P.Sync{},
	}, {
		&P.Bind{PreparedStatement: "ok1", Parameters: [][]byte{[]byte("5")}}, &P.Execute{}, &P.Sync{},
	}, {
		&P.Parse{Name: "bad2", Query: "select 1"}, &P.Parse{Name: "bad2", Query: "select 2"}, &P.Sync{},
	}})
	e.checkRecorded(t, app, rows)
}
