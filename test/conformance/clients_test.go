package conformance

import (
	"bytes"
	"context"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// Debian-packaged clients beyond psql/pgbench. A missing one is a failure
// that names the package to install, never a skip.
const (
	systemPython = "/usr/bin/python3"
	jdbcJar      = "/usr/share/java/postgresql.jar"
	javaBin      = "/usr/bin/java"
)

var rowsLine = regexp.MustCompile(`(?m)^ROWS (\d+)$`)

// runClient runs cmd with a 90s limit and returns its stdout; a failure
// includes stderr.
func runClient(t *testing.T, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Env = append(os.Environ(), "PGTZ=UTC", "TZ=UTC", "LC_ALL=C.UTF-8")
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\nstdout:\n%s\nstderr:\n%s", name, args, err, out.String(), errb.String())
	}
	return out.String()
}

// compareClientOutput requires equal output and that maskwire planned at
// least as many rows as the client read (the driver's own catalog queries
// add planned rows the program does not count).
func (e *env) compareClientOutput(t *testing.T, app, direct, proxied string) {
	t.Helper()
	if direct != proxied {
		t.Errorf("output differs\n--- direct\n%s\n--- through maskwire\n%s", clip(direct), clip(proxied))
	}
	m := rowsLine.FindStringSubmatch(proxied)
	if m == nil {
		t.Fatalf("the client printed no ROWS line:\n%s", proxied)
	}
	clientRows, _ := strconv.Atoi(m[1])
	_, violations, sessions := e.rec.session(app)
	if sessions == 0 {
		e.rec.mu.Lock()
		var names []string
		for name := range e.rec.sessions {
			names = append(names, name)
		}
		e.rec.mu.Unlock()
		t.Errorf("no masker was created for application_name %q (sessions seen: %q)", app, names)
	}
	for _, v := range violations {
		t.Errorf("row does not match its plan: %s", v)
	}
	if planned := e.rec.rowsPlanned(app); planned < clientRows {
		t.Errorf("the client read %d rows, maskwire planned only %d: rows were relayed without known columns", clientRows, planned)
	}
}

func TestPsycopg2(t *testing.T) {
	e := newEnv(t)
	if err := exec.Command(systemPython, "-c", "import psycopg2").Run(); err != nil {
		t.Fatalf("%s cannot import psycopg2 (%v): install the Debian package python3-psycopg2", systemPython, err)
	}
	script, _ := filepath.Abs("testdata/psycopg2_client.py")
	app := appName("psycopg2")
	direct := runClient(t, systemPython, script, e.directDSN("mwc_psycopg2_direct"))
	proxied := runClient(t, systemPython, script, e.proxyDSN(app))
	e.compareClientOutput(t, app, direct, proxied)
}

func TestPgjdbc(t *testing.T) {
	e := newEnv(t)
	for _, f := range []struct{ path, pkg string }{{javaBin, "openjdk-17-jre-headless"}, {jdbcJar, "libpostgresql-jdbc-java"}} {
		if _, err := os.Stat(f.path); err != nil {
			t.Fatalf("%s is missing (%v): install the Debian package %s", f.path, err, f.pkg)
		}
	}
	src, _ := filepath.Abs("testdata/JdbcClient.java")
	jdbcURL := func(addr, app string) string {
		host, port, _ := net.SplitHostPort(addr)
		// assumeMinServerVersion puts application_name in the startup message
		// (else pgjdbc sends a SET after startup, and the masker would not see it).
		q := url.Values{"user": {e.cfg.User}, "ApplicationName": {app}, "sslmode": {"disable"}, "assumeMinServerVersion": {"9.4"}}
		if e.cfg.Password != "" {
			q.Set("password", e.cfg.Password)
		}
		return "jdbc:postgresql://" + host + ":" + port + "/" + url.PathEscape(e.cfg.Database) + "?" + q.Encode()
	}
	app := appName("pgjdbc")
	direct := runClient(t, javaBin, "-cp", jdbcJar, src, jdbcURL(e.directAddr(), "mwc_pgjdbc_direct"))
	proxied := runClient(t, javaBin, "-cp", jdbcJar, src, jdbcURL(e.proxy, app))
	e.compareClientOutput(t, app, direct, proxied)
	// From prepareThreshold on, pgjdbc binds named statements with binary
	// results and does not Describe them again: those plans must say binary.
	res, _, _ := e.rec.session(app)
	binaryPlans := 0
	for _, r := range res {
		for _, c := range r.Columns {
			if c.Format == 1 && c.TypeOID == oidInt8 {
				binaryPlans++
				break
			}
		}
	}
	t.Logf("%d results planned, %d with a binary int8 column", len(res), binaryPlans)
	if binaryPlans < 5 {
		t.Errorf("only %d results were planned with binary int8 columns; pgjdbc's prepared executions were not tracked", binaryPlans)
	}
}
