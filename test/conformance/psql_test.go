package conformance

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

const psqlBin = "/usr/bin/psql"

// psqlResult is what one psql run printed.
type psqlResult struct {
	Stdout, Stderr string
	Exit           int
}

// psqlCmd builds a psql command (no psqlrc, errors do not stop it, verbose
// errors with SQLSTATE) reaching addr as app, with a clean PG* environment.
func (e *env) psqlCmd(t *testing.T, ctx context.Context, addr, app string, args ...string) *exec.Cmd {
	t.Helper()
	if _, err := os.Stat(psqlBin); err != nil {
		t.Fatalf("psql is missing (%v): install the Debian package postgresql-client", err)
	}
	host, port, _ := net.SplitHostPort(addr)
	cmd := exec.CommandContext(ctx, psqlBin, append([]string{"-X", "-v", "ON_ERROR_STOP=0", "-v", "VERBOSITY=verbose"}, args...)...)
	var envv []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PG") && !strings.HasPrefix(kv, "LC_") && !strings.HasPrefix(kv, "LANG") {
			envv = append(envv, kv)
		}
	}
	envv = append(envv, "PGHOST="+host, "PGPORT="+port, "PGUSER="+e.cfg.User, "PGDATABASE="+e.cfg.Database,
		"PGAPPNAME="+app, "PGSSLMODE=prefer", "PGTZ=UTC", "PGCLIENTENCODING=UTF8", "PGCONNECT_TIMEOUT=10",
		"LC_ALL=C.UTF-8", "PAGER=", "PSQL_PAGER=")
	if e.cfg.Password != "" {
		envv = append(envv, "PGPASSWORD="+e.cfg.Password)
	}
	cmd.Env = envv
	return cmd
}

func (e *env) directAddr() string {
	return net.JoinHostPort(e.cfg.Host, itoaPort(e.cfg.Port))
}

func (e *env) psql(t *testing.T, addr string, args ...string) psqlResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := e.psqlCmd(t, ctx, addr, appName("psql"), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	res := psqlResult{Stdout: out.String(), Stderr: errb.String()}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		res.Exit = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("psql: %v", err)
	}
	return res
}

// psqlBoth runs the same psql arguments directly and through maskwire and
// requires identical stdout, stderr and exit status.
func (e *env) psqlBoth(t *testing.T, args ...string) psqlResult {
	t.Helper()
	direct := e.psql(t, e.directAddr(), args...)
	proxied := e.psql(t, e.proxy, args...)
	if direct.Exit != proxied.Exit {
		t.Errorf("exit status: direct %d, through maskwire %d\nstderr through maskwire:\n%s", direct.Exit, proxied.Exit, proxied.Stderr)
	}
	if direct.Stdout != proxied.Stdout {
		t.Errorf("stdout differs\n--- direct\n%s\n--- through maskwire\n%s", clip(direct.Stdout), clip(proxied.Stdout))
	}
	if direct.Stderr != proxied.Stderr {
		t.Errorf("stderr differs\n--- direct\n%s\n--- through maskwire\n%s", clip(direct.Stderr), clip(proxied.Stderr))
	}
	return direct
}

func clip(s string) string {
	if len(s) > 3000 {
		return s[:1500] + "\n...[" + strconv.Itoa(len(s)-3000) + " bytes]...\n" + s[len(s)-1500:]
	}
	return s
}

const typesQuery = `select 1::int2 as i2, 2147483647::int4 as i4, (-9223372036854775808)::int8 as i8,
 12345678901234567890.123456789::numeric as num, 'NaN'::numeric as nan, 1.5e300::float8 as f8, '-Infinity'::float4 as f4,
 'héllo wörld ✓ 日本語 🎉'::text as uni, E'tab\there\nnewline \\ "q"'::text as ctrl, ''::text as empty,
 '\xdeadbeef00'::bytea as ba, '{"a": [1, 2, {"b": null}], "ü": "✓"}'::json as js, '{"b": 2, "a": 1}'::jsonb as jb,
 array[1,2,null,4]::int[] as ia, array['a b', 'c"d', null, 'ü']::text[] as ta, '{{1,2},{3,4}}'::int[] as ia2,
 '2024-02-29 13:14:15.123456+05:30'::timestamptz as tstz, '2024-02-29 13:14:15'::timestamp as ts,
 'infinity'::timestamp as tinf, '2024-01-01'::date as d, '1 day 02:03:04'::interval as iv,
 null::text as n_text, null::int as n_int, true as b, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid as u,
 '192.168.0.1/24'::inet as ip, point(1.5, 2) as pt`

func TestPsqlTypes(t *testing.T) {
	e := newEnv(t)
	res := e.psqlBoth(t, "-c", typesQuery, "-c", "select 1 as a; select 'two' as b, 2.5 as c; values (1, 'x'), (2, null)",
		"-c", "select g, md5(g::text) from generate_series(1, 20000) g")
	for _, want := range []string{"日本語 🎉", `\xdeadbeef00`, "{1,2,NULL,4}", "(20000 rows)", "two", "2.5"} {
		if !strings.Contains(res.Stdout, want) {
			t.Errorf("psql output lacks %q", want)
		}
	}
}

func TestPsqlMetaCommands(t *testing.T) {
	e := newEnv(t)
	res := e.psqlBoth(t, "-c", `\d pg_catalog.pg_class`, "-c", `\l`, "-c", `\df+ pg_catalog.int4pl`)
	if !strings.Contains(res.Stdout, "relname") {
		t.Errorf("\\d pg_class printed no relname column:\n%s", res.Stdout)
	}
}

func TestPsqlErrorsKeepSession(t *testing.T) {
	e := newEnv(t)
	res := e.psqlBoth(t,
		"-c", "create temp table t(x int)", "-c", "insert into t values (1), (0)",
		"-c", "selec 1",
		"-c", "select 10 / x from t",
		"-c", "select 1; select nosuchcol from t; select 3",
		"-c", "begin", "-c", "select nosuchcol from t", "-c", "select 1", "-c", "rollback",
		"-c", "select count(*) as still_here from t")
	for _, want := range []string{"42601", "syntax error", "22012", "division by zero", "42703", "25P02"} {
		if !strings.Contains(res.Stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, res.Stderr)
		}
	}
	if !strings.Contains(res.Stdout, "still_here") || !strings.Contains(res.Stdout, " 2\n") {
		t.Errorf("the session did not continue after the errors (the temp table is gone):\n%s", res.Stdout)
	}
}

func TestPsqlNotices(t *testing.T) {
	e := newEnv(t)
	res := e.psqlBoth(t,
		"-c", `DO $$ BEGIN RAISE NOTICE 'hello % ü', 42; RAISE WARNING 'careful' USING DETAIL = 'd', HINT = 'h'; END $$`,
		"-c", `create temp table n(x int); drop table if exists no_such_table_mwc; select 1 as after_notice`)
	for _, want := range []string{"NOTICE:  00000: hello 42 ü", "WARNING:  01000: careful", "DETAIL:  d", "HINT:  h", "does not exist, skipping"} {
		if !strings.Contains(res.Stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, res.Stderr)
		}
	}
}

// TestPsqlCopyBothWays copies a table out through psql's \copy in CSV and
// text, directly and through maskwire (the bytes must be equal), then copies
// the file back in through maskwire and out again directly.
func TestPsqlCopyBothWays(t *testing.T) {
	e := newEnv(t)
	admin := e.admin(t)
	src := e.uniqueTable(t, "copysrc")
	mustExec(t, admin, `create table `+src+` (id int, t text, b bytea, j jsonb, a int[], ts timestamptz, n numeric)`)
	mustExec(t, admin, `insert into `+src+` select g,
		case when g % 7 = 0 then null else 'row ' || g || E' ü\t"q"\\ ,x\n2;' end,
		decode(md5(g::text), 'hex'), jsonb_build_object('g', g, 's', 'ü'), array[g, g + 1, null],
		'2024-01-01 00:00:00+00'::timestamptz + g * interval '1 min', g / 7.0
		from generate_series(1, 5000) g`)
	dir := t.TempDir()
	for _, format := range []string{"csv", "text"} {
		t.Run(format, func(t *testing.T) {
			dst := e.uniqueTable(t, "copydst")
			mustExec(t, admin, `create table `+dst+` (like `+src+`)`)
			out := func(addr, table, file string) psqlResult {
				r := e.psql(t, addr, "-c", `\copy (select * from `+table+` order by id) to '`+file+`' with (format `+format+`)`)
				if r.Exit != 0 || r.Stderr != "" {
					t.Fatalf("\\copy out of %s via %s: exit %d: %s", table, addr, r.Exit, r.Stderr)
				}
				return r
			}
			directFile := filepath.Join(dir, "direct."+format)
			proxiedFile := filepath.Join(dir, "proxied."+format)
			out(e.directAddr(), src, directFile)
			r := out(e.proxy, src, proxiedFile)
			if r.Stdout != "COPY 5000\n" {
				t.Errorf("\\copy out through maskwire printed %q, want COPY 5000", r.Stdout)
			}
			sameFile(t, directFile, proxiedFile)

			in := e.psql(t, e.proxy, "-c", `\copy `+dst+` from '`+directFile+`' with (format `+format+`)`)
			if in.Exit != 0 || in.Stderr != "" || in.Stdout != "COPY 5000\n" {
				t.Fatalf("\\copy in through maskwire: exit %d, stdout %q, stderr %q", in.Exit, in.Stdout, in.Stderr)
			}
			backFile := filepath.Join(dir, "back."+format)
			out(e.directAddr(), dst, backFile)
			sameFile(t, directFile, backFile)
		})
	}
	t.Run("bad-input", func(t *testing.T) {
		bad := filepath.Join(dir, "bad.csv")
		if err := os.WriteFile(bad, []byte("1,ok\n2,ok\nnot-a-number,x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		dst := e.uniqueTable(t, "copybad")
		mustExec(t, admin, `create table `+dst+` (id int, t text)`)
		res := e.psqlBoth(t, "-c", `\copy `+dst+` from '`+bad+`' with (format csv)`, "-c", "select count(*) as rows_after from "+dst)
		if !strings.Contains(res.Stderr, "22P02") || !strings.Contains(res.Stdout, "rows_after") {
			t.Errorf("a failed \\copy must report 22P02 and leave the session usable:\nstdout %s\nstderr %s", res.Stdout, res.Stderr)
		}
	})
}

func sameFile(t *testing.T, a, b string) {
	t.Helper()
	x, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	y, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(x) < 1000 {
		t.Fatalf("%s is suspiciously short (%d bytes)", a, len(x))
	}
	if !bytes.Equal(x, y) {
		i := 0
		for i < len(x) && i < len(y) && x[i] == y[i] {
			i++
		}
		t.Errorf("%s and %s differ (%d vs %d bytes), first at byte %d", filepath.Base(a), filepath.Base(b), len(x), len(y), i)
	}
}

// TestPsqlCancelOnSIGINT: Ctrl-C in psql sends a CancelRequest with the key
// maskwire gave it; maskwire must route it to the right upstream backend.
func TestPsqlCancelOnSIGINT(t *testing.T) {
	e := newEnv(t)
	admin := e.admin(t)
	app := appName("psqlcancel")
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	cmd := e.psqlCmd(t, ctx, e.proxy, app, "-c", "select pg_sleep(30)")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitBackendRunning(t, admin, app, "pg_sleep", 10*time.Second)
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("psql still running 5s after SIGINT; stderr: %s", errb.String())
	}
	t.Logf("psql exited %v after SIGINT", time.Since(start))
	if !strings.Contains(errb.String(), "canceling statement due to user request") {
		t.Errorf("psql stderr lacks the cancel message:\n%s", errb.String())
	}
	waitNoBackends(t, admin, app, 2*time.Second)
}
