package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/maskwire/maskwire/internal/pgtest"
)

// runMainEnv makes the test binary run maskwire's main instead of the tests
// (TestMain), so that a test can start `maskwire serve` as its own process
// and send it real signals.
const runMainEnv = "MASKWIRE_TEST_RUN_MAIN"

// TestSIGHUPReloadsPolicyWithoutDroppingSessions runs `maskwire serve
// --config FILE` as a process, keeps one client session open across policy
// reloads, and checks that the session's next statement follows the reloaded
// rules, that an invalid file is refused with its line and reason while the
// running policy stays, and that the session (same backend) survives both.
func TestSIGHUPReloadsPolicyWithoutDroppingSessions(t *testing.T) {
	dsn := pgtest.DSN(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "policy.yaml")
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(cfg, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("masking: enforce\n")

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()

	var stderr pgtest.LockedBuffer
	cmd := exec.Command(os.Args[0], "serve", "--listen", addr, "--upstream", dsn, "--config", cfg)
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-exited
		}
	}()

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	host, port, _ := net.SplitHostPort(addr)
	var conn *pgx.Conn
	for deadline := time.Now().Add(15 * time.Second); ; {
		conn, err = pgx.Connect(ctx, fmt.Sprintf("postgres://postgres@%s:%s/postgres?sslmode=disable", host, port))
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("maskwire serve did not accept a session: %v\nstderr:\n%s", err, stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	defer conn.Close(context.Background())

	const raw = "alice.reload@example.com"
	query := func() (string, uint32) {
		t.Helper()
		var v string
		var pid uint32
		// simple protocol: the value is a literal the proxy sees leave the server
		if err := conn.QueryRow(ctx, "select '"+raw+"'::text as contact, pg_backend_pid()", pgx.QueryExecModeSimpleProtocol).Scan(&v, &pid); err != nil {
			t.Fatalf("query through maskwire: %v\nstderr:\n%s", err, stderr.String())
		}
		return v, pid
	}
	v, pid := query()
	if v == raw || !strings.Contains(v, "@") {
		t.Fatalf("default policy: got %q, want an email token for %q", v, raw)
	}

	// Allow emails, reload: the same session sees the raw value.
	write("masking: enforce\nrules:\n  - match: {type: EMAIL}\n    action: allow\n")
	hup := func() {
		t.Helper()
		if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
			t.Fatal(err)
		}
	}
	hup()
	var got string
	var pid2 uint32
	for deadline := time.Now().Add(10 * time.Second); ; {
		got, pid2 = query()
		if got == raw {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after SIGHUP with an allow rule the value is still %q\nstderr:\n%s", got, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if pid2 != pid {
		t.Fatalf("backend changed across the reload: %d then %d", pid, pid2)
	}

	// An invalid file: refused with file, line and reason; the allow rule stays.
	write("masking: enforce\nrules:\n  - match: {type: EMAIL}\n    action: alow\n")
	hup()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(stderr.String(), "masking policy reload failed"); {
		if time.Now().After(deadline) {
			t.Fatalf("no reload failure logged for an invalid file\nstderr:\n%s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if s := stderr.String(); !strings.Contains(s, "policy.yaml:4") || !strings.Contains(s, "alow") {
		t.Errorf("the reload failure does not name the line (policy.yaml:4) and the bad action:\n%s", s)
	}
	if got, pid3 := query(); got != raw || pid3 != pid {
		t.Fatalf("after a refused reload: value %q backend %d, want %q on backend %d", got, pid3, raw, pid)
	}

	// Back to the default: tokens again, same session.
	write("masking: enforce\n")
	hup()
	for deadline := time.Now().Add(10 * time.Second); ; {
		got, pid2 = query()
		if got == v {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after reloading the default policy the value is %q, want the first token %q\nstderr:\n%s", got, v, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if pid2 != pid {
		t.Fatalf("backend changed across the reload: %d then %d", pid, pid2)
	}
	if strings.Contains(stderr.String(), raw) {
		t.Errorf("the raw value appears in maskwire's log:\n%s", stderr.String())
	}

	conn.Close(ctx)
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("maskwire serve exited with %v after SIGTERM\nstderr:\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("maskwire serve did not stop within 15 s of SIGTERM\nstderr:\n%s", stderr.String())
	}
}
