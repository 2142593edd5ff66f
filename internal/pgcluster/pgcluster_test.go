package pgcluster

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestStartDisposableCluster starts a real cluster from the installed server
// binaries, runs a query on it, and checks Stop leaves nothing behind.
func TestStartDisposableCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL cluster (several seconds); not in -short")
	}
	binDir, err := FindBinDir()
	if err != nil {
		t.Fatalf("no PostgreSQL server binaries: %v (install postgresql)", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := Start(ctx, Options{BinDir: binDir, Databases: []string{"test"}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	if os.Geteuid() == 0 && c.RunAs == "" {
		t.Fatal("running as root but the cluster was not given an unprivileged user")
	}
	conn, err := pgconn.Connect(ctx, c.DSN("test"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := conn.Exec(ctx, "select current_database(), current_setting('port')").ReadAll()
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	row := res[0].Rows[0]
	if string(row[0]) != "test" || string(row[1]) != itoa(c.Port) {
		t.Fatalf("got database %q port %q, want test %d", row[0], row[1], c.Port)
	}
	dir := c.Dir
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "data")); !os.IsNotExist(err) {
		t.Fatalf("data directory still there after Stop: %v", err)
	}
	if err := Ping(ctx, c.DSN("test")); err == nil {
		t.Fatal("cluster still answers after Stop")
	}
}

func TestFindBinDirNamesWhatIsMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	dir, err := FindBinDir()
	if err == nil {
		// /usr/lib/postgresql/*/bin may still hold a server.
		if _, statErr := os.Stat(filepath.Join(dir, "initdb")); statErr != nil {
			t.Fatalf("FindBinDir returned %s without initdb", dir)
		}
		return
	}
	if err != ErrNoBinaries || err.Error() != "initdb not found in PATH or /usr/lib/postgresql/*/bin" {
		t.Fatalf("unexpected error %v", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
