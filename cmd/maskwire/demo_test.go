package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/maskwire/maskwire/internal/pgtest"
)

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		// The test binary re-executed as maskwire itself (reload_test.go).
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(pgtest.Run(m))
}

// TestDemoShowsRawAndMasked runs maskwire demo against the test PostgreSQL:
// every PII column of the demo rows comes out different through maskwire,
// the id does not.
func TestDemoShowsRawAndMasked(t *testing.T) {
	var out, errb bytes.Buffer
	if code := runDemo([]string{"--dsn", pgtest.DSN(t), "--once"}, &out, &errb); code != 0 {
		t.Fatalf("demo exited %d: %s\n%s", code, errb.String(), out.String())
	}
	rows := 0
	for _, line := range strings.Split(out.String(), "\n") {
		f := strings.Fields(line)
		if len(f) < 3 {
			continue
		}
		switch f[0] {
		case "id":
			if f[1] != f[2] {
				t.Errorf("id changed: %q", line)
			}
			rows++
		case "email", "card_number", "phone":
			if !strings.HasSuffix(line, "*") {
				t.Errorf("%s not masked: %q", f[0], line)
			}
		}
	}
	if rows != 3 {
		t.Fatalf("%d demo rows, want 3:\n%s", rows, out.String())
	}
}
