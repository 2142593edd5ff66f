package pgcluster

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
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

// TestCAIssue: a certificate from Issue verifies against its CA for each of
// its host names, and fails against another CA or for another name.
func TestCAIssue(t *testing.T) {
	ca, err := NewCA("test CA")
	if err != nil {
		t.Fatal(err)
	}
	certPEM, keyPEM, err := ca.Issue("127.0.0.1", "localhost")
	if err != nil {
		t.Fatal(err)
	}
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatalf("certificate and key do not pair: %v", err)
	}
	leaf, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(ca.PEM) {
		t.Fatal("CA PEM holds no certificate")
	}
	for _, name := range []string{"127.0.0.1", "localhost"} {
		if _, err := leaf.Verify(x509.VerifyOptions{Roots: pool, DNSName: name}); err != nil {
			t.Errorf("verify for %s: %v", name, err)
		}
	}
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: pool, DNSName: "example.com"}); err == nil {
		t.Error("certificate verified for a name it was not issued for")
	}
	other, err := NewCA("other CA")
	if err != nil {
		t.Fatal(err)
	}
	otherPool := x509.NewCertPool()
	otherPool.AddCert(other.Cert)
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: otherPool, DNSName: "localhost"}); err == nil {
		t.Error("certificate verified against a CA that did not issue it")
	}
}

// TestStartSSLCluster: with SSL and HBASSLOnly the cluster serves TLS with a
// certificate that verifies against Cluster.CAFile (DSN is verify-full), the
// backend reports ssl in pg_stat_ssl, a plaintext TCP connection is refused
// by pg_hba.conf, and the key is 0600 and owned by the server's user.
func TestStartSSLCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL cluster (several seconds); not in -short")
	}
	binDir, err := FindBinDir()
	if err != nil {
		t.Fatalf("no PostgreSQL server binaries: %v (install postgresql)", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := Start(ctx, Options{BinDir: binDir, SSL: true, HBA: HBASSLOnly, Databases: []string{"test"}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	if !strings.Contains(c.DSN("test"), "sslmode=verify-full") {
		t.Fatalf("DSN of an SSL cluster: %s, want sslmode=verify-full", c.DSN("test"))
	}

	st, err := os.Stat(filepath.Join(c.Dir, "data", "server.key"))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("server.key mode %v, want 0600", st.Mode().Perm())
	}
	if c.RunAs != "" {
		u, err := user.Lookup(c.RunAs)
		if err != nil {
			t.Fatal(err)
		}
		if uid := st.Sys().(*syscall.Stat_t).Uid; strconv.Itoa(int(uid)) != u.Uid {
			t.Errorf("server.key owned by uid %d, want %s (%s)", uid, u.Uid, c.RunAs)
		}
	}

	conn, err := pgconn.Connect(ctx, c.DSN("test"))
	if err != nil {
		t.Fatalf("verify-full against the cluster's CA: %v", err)
	}
	res, err := conn.Exec(ctx, "select ssl from pg_stat_ssl where pid = pg_backend_pid()").ReadAll()
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(res[0].Rows[0][0]); got != "t" {
		t.Fatalf("pg_stat_ssl.ssl = %q, want t", got)
	}

	plain := fmt.Sprintf("postgres://postgres@%s/test?sslmode=disable", c.Addr())
	_, err = pgconn.Connect(ctx, plain)
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "28000" || !strings.Contains(pe.Message, "no encryption") {
		t.Fatalf("plaintext connection to an SSL-only cluster: %v, want 28000 pg_hba.conf rejects ... no encryption", err)
	}
}
