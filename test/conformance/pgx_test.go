package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
)

var allModes = []pgx.QueryExecMode{
	pgx.QueryExecModeCacheStatement, pgx.QueryExecModeCacheDescribe, pgx.QueryExecModeDescribeExec,
	pgx.QueryExecModeExec, pgx.QueryExecModeSimpleProtocol,
}

// queryAll runs sql and returns every row's decoded values and the command tag.
func queryAll(t *testing.T, c *pgx.Conn, sql string, args ...any) ([][]any, string, error) {
	t.Helper()
	rows, err := c.Query(ctxT(t, 30*time.Second), sql, args...)
	if err != nil {
		return nil, "", err
	}
	var out [][]any
	for rows.Next() {
		v, err := rows.Values()
		if err != nil {
			rows.Close()
			return out, "", err
		}
		out = append(out, v)
	}
	rows.Close()
	return out, rows.CommandTag().String(), rows.Err()
}

// checkRecorded requires that maskwire planned every row the client got for
// app (no DataRow relayed without known columns) and saw no row that
// contradicts its plan.
func (e *env) checkRecorded(t *testing.T, app string, clientRows int) []resultLog {
	t.Helper()
	res, violations, sessions := e.rec.session(app)
	if sessions == 0 {
		t.Errorf("maskwire created no masker for application_name %q (NewMasker not called?)", app)
	}
	for _, v := range violations {
		t.Errorf("row does not match its plan: %s", v)
	}
	planned := 0
	for _, r := range res {
		planned += r.Rows
	}
	if planned != clientRows {
		t.Errorf("client received %d DataRows, maskwire relayed %d through a column plan (%d results planned): "+
			"rows were relayed without known columns", clientRows, planned, len(res))
	}
	return res
}

const modesQuery = `select n, $1::text || n as label, n * 1.5::numeric as num, n::float8 / 3 as f,
	array[n, n + 1] as arr, now() - now() as zero_iv, null::int as nothing, n % 2 = 0 as even,
	('2024-01-01'::date + n) as d
	from generate_series(1, $2::int) n`

// TestPgxQueryExecModes runs the same parameterized query many times in every
// pgx exec mode; in the cache modes, later executions get no RowDescription
// from the server, and the rows must still decode as they do directly.
func TestPgxQueryExecModes(t *testing.T) {
	e := newEnv(t)
	for _, mode := range allModes {
		t.Run(mode.String(), func(t *testing.T) {
			direct, proxied, app := e.both(t, mode)
			clientRows := 0
			for i := 1; i <= 15; i++ {
				want, wantTag, wantErr := queryAll(t, direct, modesQuery, "ü-", i)
				got, gotTag, gotErr := queryAll(t, proxied, modesQuery, "ü-", i)
				if wantErr != nil {
					t.Fatalf("direct: %v", wantErr)
				}
				if gotErr != nil {
					t.Fatalf("execution %d through maskwire: %v", i, gotErr)
				}
				if !reflect.DeepEqual(want, got) || wantTag != gotTag {
					t.Fatalf("execution %d: direct %v %q, through maskwire %v %q", i, want, wantTag, got, gotTag)
				}
				clientRows += len(got)
			}
			res := e.checkRecorded(t, app, clientRows)
			for _, r := range res {
				if r.Rows > 0 && len(r.Columns) != 9 {
					t.Errorf("result %q planned with %d columns, want 9", r.SQL, len(r.Columns))
				}
			}
		})
	}
}

// TestPgxBinaryFormats decodes binary-format values through maskwire and
// requires them equal to the direct ones, and the plan to say binary.
func TestPgxBinaryFormats(t *testing.T) {
	e := newEnv(t)
	direct, proxied, app := e.both(t, pgx.QueryExecModeCacheStatement)
	const q = `select (-9223372036854775807)::int8, 2.5e-300::float8, 98765432109876543210.0123456789::numeric,
		'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, '2024-02-29 13:14:15.123456+05:30'::timestamptz,
		'\x00ff10deadbeef'::bytea, array[1, null, 3]::int4[], array['ü', null, 'a,b']::text[],
		array[1.5, 2.25]::float8[], true, '{"k": [1, "ü"]}'::jsonb, 'héllo'::text, null::int8
		from generate_series(1, 3)`
	type row struct {
		I8   int64
		F8   float64
		Num  string
		U    [16]byte
		TS   time.Time
		B    []byte
		IA   []*int32
		TA   []*string
		FA   []float64
		Bo   bool
		J    map[string]any
		T    string
		Null *int64
	}
	scan := func(c *pgx.Conn) []row {
		rows, err := c.Query(ctxT(t, 10*time.Second), q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []row
		for rows.Next() {
			var r row
			var num string
			if err := rows.Scan(&r.I8, &r.F8, &num, &r.U, &r.TS, &r.B, &r.IA, &r.TA, &r.FA, &r.Bo, &r.J, &r.T, &r.Null); err != nil {
				t.Fatalf("scan: %v", err)
			}
			r.Num = num
			r.TS = r.TS.UTC()
			out = append(out, r)
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("rows: %v", err)
		}
		return out
	}
	for i := 0; i < 3; i++ {
		want, got := scan(direct), scan(proxied)
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("binary values differ:\ndirect  %+v\nproxied %+v", want, got)
		}
	}
	res := e.checkRecorded(t, app, 9)
	for _, r := range res {
		if !strings.Contains(r.SQL, "2.5e-300") {
			continue
		}
		for i, c := range r.Columns {
			if i < 10 && c.Format != 1 { // pgx reads jsonb, text in text format
				t.Errorf("column %d (type %d) planned with format %d, pgx asked for binary", i, c.TypeOID, c.Format)
			}
		}
	}
}

// TestPgxBatchErrorMidway sends a batch whose third query fails; pgx reports
// the error for that query and the rest behave exactly as they do directly.
func TestPgxBatchErrorMidway(t *testing.T) {
	e := newEnv(t)
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeDescribeExec,
		pgx.QueryExecModeExec, pgx.QueryExecModeSimpleProtocol} {
		t.Run(mode.String(), func(t *testing.T) {
			direct, proxied, _ := e.both(t, mode)
			run := func(c *pgx.Conn) []string {
				mustExec(t, c, "create temp table b (x int)")
				batch := &pgx.Batch{}
				batch.Queue("insert into b values (1)")
				batch.Queue("select x, 'ü' from b")
				batch.Queue("select 1 / (x - 1) from b")
				batch.Queue("insert into b values (2)")
				batch.Queue("select count(*) from b")
				var out []string
				br := c.SendBatch(ctxT(t, 10*time.Second), batch)
				for i := 0; i < batch.Len(); i++ {
					rows, err := br.Query()
					if err == nil {
						var vals [][]any
						for rows.Next() {
							v, _ := rows.Values()
							vals = append(vals, v)
						}
						rows.Close()
						err = rows.Err()
						out = append(out, fmt.Sprintf("%d: %v %s", i, vals, rows.CommandTag()))
					}
					if err != nil {
						out = append(out, fmt.Sprintf("%d: error %s", i, errText(err)))
					}
				}
				if err := br.Close(); err != nil {
					out = append(out, "close: "+errText(err))
				}
				var n int
				if err := c.QueryRow(ctxT(t, 10*time.Second), "select count(*) from b").Scan(&n); err != nil {
					out = append(out, "after: "+errText(err))
				} else {
					out = append(out, fmt.Sprintf("after: %d rows", n))
				}
				return out
			}
			want, got := run(direct), run(proxied)
			if !reflect.DeepEqual(want, got) {
				t.Errorf("batch results differ\ndirect:  %q\nproxied: %q", want, got)
			}
			if !strings.Contains(strings.Join(got, "\n"), "22012") {
				t.Errorf("the division by zero was not reported: %q", got)
			}
		})
	}
}

// errText reduces an error to what must be equal direct and through maskwire.
func errText(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Severity + " " + pgErr.Code + " " + pgErr.Message
	}
	return err.Error()
}

// TestPgxCopyFrom copies 10,000 rows in through maskwire and the same rows
// directly into a twin table; the tables must be equal.
func TestPgxCopyFrom(t *testing.T) {
	e := newEnv(t)
	direct, proxied, _ := e.both(t, pgx.QueryExecModeCacheStatement)
	a, b := e.uniqueTable(t, "copyfrom_proxied"), e.uniqueTable(t, "copyfrom_direct")
	for _, tbl := range []string{a, b} {
		mustExec(t, direct, "create table "+tbl+" (id int8, name text, amount float8, raw bytea, at timestamptz, tags text[], maybe int4)")
	}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	src := make([][]any, 10000)
	for i := range src {
		var maybe any
		if i%3 == 0 {
			maybe = int32(i)
		}
		src[i] = []any{int64(i), fmt.Sprintf("name %d ü\t\"q\"\\ 日本", i), float64(i) / 7, []byte{byte(i), 0, byte(i >> 8)},
			base.Add(time.Duration(i) * time.Second), []string{"a", fmt.Sprint(i)}, maybe}
	}
	cols := []string{"id", "name", "amount", "raw", "at", "tags", "maybe"}
	n, err := proxied.CopyFrom(ctxT(t, 30*time.Second), pgx.Identifier{a}, cols, pgx.CopyFromRows(src))
	if err != nil || n != 10000 {
		t.Fatalf("CopyFrom through maskwire: %d rows, %v", n, err)
	}
	if n, err := direct.CopyFrom(ctxT(t, 30*time.Second), pgx.Identifier{b}, cols, pgx.CopyFromRows(src)); err != nil || n != 10000 {
		t.Fatalf("CopyFrom direct: %d rows, %v", n, err)
	}
	digest := func(tbl string) string {
		var s string
		if err := direct.QueryRow(ctxT(t, 10*time.Second), "select count(*) || ' ' || md5(string_agg(t::text, '|' order by id)) from "+tbl+" t").Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if da, db := digest(a), digest(b); da != db {
		t.Errorf("table copied through maskwire %q differs from the direct copy %q", da, db)
	}
	// The connection keeps working after COPY.
	if _, _, err := queryAll(t, proxied, "select 1"); err != nil {
		t.Errorf("after CopyFrom: %v", err)
	}
}

// TestPgxCopyTo streams COPY TO STDOUT in text, CSV and binary through
// maskwire; the bytes and command tag must equal the direct ones.
func TestPgxCopyTo(t *testing.T) {
	e := newEnv(t)
	direct, proxied, _ := e.both(t, pgx.QueryExecModeCacheStatement)
	const sel = `select g, 'ü ' || g || E'\t\\', g / 3.0, case when g % 5 = 0 then null else decode(md5(g::text), 'hex') end
		from generate_series(1, 20000) g`
	for _, opts := range []string{"", "(format csv, header)", "(format binary)"} {
		sql := "copy (" + sel + ") to stdout " + opts
		var want, got bytes.Buffer
		wantTag, err := direct.PgConn().CopyTo(ctxT(t, 30*time.Second), &want, sql)
		if err != nil {
			t.Fatal(err)
		}
		gotTag, err := proxied.PgConn().CopyTo(ctxT(t, 30*time.Second), &got, sql)
		if err != nil {
			t.Fatalf("COPY TO %s through maskwire: %v", opts, err)
		}
		if wantTag.String() != gotTag.String() || !bytes.Equal(want.Bytes(), got.Bytes()) {
			t.Errorf("COPY TO %s: direct %q (%d bytes), through maskwire %q (%d bytes)", opts, wantTag, want.Len(), gotTag, got.Len())
		}
	}
	// An error inside COPY TO reaches the client and the session goes on.
	_, err := proxied.PgConn().CopyTo(ctxT(t, 10*time.Second), &bytes.Buffer{}, "copy (select 1 / (g - 500) from generate_series(1, 1000) g) to stdout")
	if errText(err) != "ERROR 22012 division by zero" {
		t.Errorf("failing COPY TO through maskwire: %v", err)
	}
	if _, _, err := queryAll(t, proxied, "select 1"); err != nil {
		t.Errorf("after a failed COPY TO: %v", err)
	}
}

// TestPgxListenNotify: a NOTIFY from a direct connection reaches a listener
// connected through maskwire, payload intact.
func TestPgxListenNotify(t *testing.T) {
	e := newEnv(t)
	direct, proxied, _ := e.both(t, pgx.QueryExecModeCacheStatement)
	channel := fmt.Sprintf("mwc_chan_%d", appSeq.Add(1))
	mustExec(t, proxied, "listen "+channel)
	payload := "payload ü 日本 " + strings.Repeat("x", 500)
	for i := 0; i < 3; i++ {
		mustExec(t, direct, "select pg_notify($1, $2)", channel, fmt.Sprint(payload, i))
		n, err := proxied.WaitForNotification(ctxT(t, 5*time.Second))
		if err != nil {
			t.Fatalf("notification %d through maskwire: %v", i, err)
		}
		if n.Channel != channel || n.Payload != fmt.Sprint(payload, i) {
			t.Errorf("notification %d: channel %q payload %q", i, n.Channel, n.Payload)
		}
	}
	// A notification delivered while the listener runs a query arrives too.
	mustExec(t, direct, "select pg_notify($1, 'during')", channel)
	if _, _, err := queryAll(t, proxied, "select pg_sleep(0.1)"); err != nil {
		t.Fatal(err)
	}
	n, err := proxied.WaitForNotification(ctxT(t, 5*time.Second))
	if err != nil || n.Payload != "during" {
		t.Fatalf("notification during a query: %v %v", n, err)
	}
}

// TestPgxContextCancel: a context that expires during pg_sleep(10) returns
// within about a second, as directly; the upstream backend must not go on
// sleeping once the client is gone or has cancelled.
func TestPgxContextCancel(t *testing.T) {
	e := newEnv(t)
	admin := e.admin(t)
	handlers := map[string]func(*pgconn.PgConn) ctxwatch.Handler{
		"deadline": nil, // pgx's default: close the connection
		"cancel-request": func(c *pgconn.PgConn) ctxwatch.Handler {
			return &pgconn.CancelRequestContextWatcherHandler{Conn: c, DeadlineDelay: 5 * time.Second}
		},
	}
	for _, name := range []string{"deadline", "cancel-request"} {
		t.Run(name, func(t *testing.T) {
			run := func(dsn string) (err error, elapsed time.Duration, closed bool, after error) {
				cfg, perr := pgx.ParseConfig(dsn)
				if perr != nil {
					t.Fatal(perr)
				}
				if h := handlers[name]; h != nil {
					cfg.BuildContextWatcherHandler = h
				}
				c, cerr := pgx.ConnectConfig(ctxT(t, 10*time.Second), cfg)
				if cerr != nil {
					t.Fatal(cerr)
				}
				defer c.Close(context.Background())
				ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
				defer cancel()
				start := time.Now()
				_, err = c.Exec(ctx, "select pg_sleep(10)")
				elapsed = time.Since(start)
				closed = c.IsClosed()
				if !closed {
					_, _, after = queryAll(t, c, "select 1")
				}
				return
			}
			app := appName("ctxcancel")
			wantErr, _, wantClosed, wantAfter := run(e.directDSN(""))
			gotErr, elapsed, gotClosed, gotAfter := run(e.proxyDSN(app))
			t.Logf("direct: %v (closed %v); through maskwire: %v after %v (closed %v)", wantErr, wantClosed, gotErr, elapsed, gotClosed)
			if gotErr == nil || elapsed > 1500*time.Millisecond {
				t.Errorf("through maskwire: err %v after %v, want a cancel error within ~1s", gotErr, elapsed)
			}
			if errText(wantErr) != errText(gotErr) && !(errors.Is(wantErr, context.DeadlineExceeded) && errors.Is(gotErr, context.DeadlineExceeded)) {
				t.Errorf("cancel error: direct %v, through maskwire %v", wantErr, gotErr)
			}
			if wantClosed != gotClosed || (wantAfter == nil) != (gotAfter == nil) {
				t.Errorf("after cancel: direct closed=%v next query %v; through maskwire closed=%v next query %v",
					wantClosed, wantAfter, gotClosed, gotAfter)
			}
			waitNoBackends(t, admin, app, 2*time.Second)
		})
	}
}
