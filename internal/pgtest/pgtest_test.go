package pgtest

import (
	"context"
	"os"
	"strings"
	"testing"
)

func TestMain(m *testing.M) { os.Exit(Run(m)) }

func TestDSNAnswers(t *testing.T) {
	c := Connect(t)
	res, err := c.Exec(context.Background(), "select 1+1").ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := string(res[0].Rows[0][0]); got != "2" {
		t.Fatalf("select 1+1 = %q", got)
	}
	if !strings.Contains(DSN(t), Addr(t)) {
		t.Fatalf("Addr %s not in DSN %s", Addr(t), DSN(t))
	}
}

func TestRedact(t *testing.T) {
	for _, dsn := range []string{
		"postgres://u:s3cret@h:5432/db",
		"host=h user=u password=s3cret dbname=db",
	} {
		if got := Redact(dsn); strings.Contains(got, "s3cret") {
			t.Errorf("Redact(%q) = %q", dsn, got)
		}
	}
}
