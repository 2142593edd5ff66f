// Package pgcluster finds a real PostgreSQL or starts a disposable one from
// the installed server binaries (initdb, pg_ctl). The test harness
// (internal/pgtest) and `maskwire demo` share it.
//
// A disposable cluster lives in a temporary directory, listens on 127.0.0.1
// on a free port, trusts every local connection, and is run by an
// unprivileged user when the caller is root (PostgreSQL refuses to run as
// root). It must never be left running: callers Stop it. With Options.SSL it
// serves TLS with a certificate from a test CA generated in Go; Options.HBA
// replaces pg_hba.conf (HBASSLOnly refuses plaintext TCP connections).
package pgcluster

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// DefaultAddr is where a local PostgreSQL usually listens.
const DefaultAddr = "127.0.0.1:5432"

// ErrNoBinaries reports that no PostgreSQL server binaries were found.
var ErrNoBinaries = errors.New("initdb not found in PATH or /usr/lib/postgresql/*/bin")

// FindBinDir returns the directory holding initdb, pg_ctl and postgres: the
// one initdb in PATH resolves to, else the newest /usr/lib/postgresql/*/bin.
func FindBinDir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dir := filepath.Dir(p)
		if isExec(filepath.Join(dir, "pg_ctl")) {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		if isExec(filepath.Join(d, "initdb")) && isExec(filepath.Join(d, "pg_ctl")) {
			return d, nil
		}
	}
	return "", ErrNoBinaries
}

func versionOf(binDir string) float64 {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(binDir)), 64)
	return v
}

func isExec(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

// Ping reports whether a PostgreSQL at dsn accepts a connection (startup and
// authentication included) within the context's deadline.
func Ping(ctx context.Context, dsn string) error {
	conn, err := pgconn.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	return conn.Close(ctx)
}

// Options configure Start.
type Options struct {
	// BinDir holds initdb and pg_ctl; "" uses FindBinDir.
	BinDir string
	// Port to listen on (127.0.0.1); 0 picks a free one.
	Port int
	// Databases to create after start (the cluster always has "postgres").
	Databases []string
	// Settings are extra server settings (name -> value), passed as -c.
	Settings map[string]string
	// SSL turns TLS on (ssl=on) with a server certificate for 127.0.0.1 and
	// localhost issued by a fresh test CA (Cluster.CA, Cluster.CAFile),
	// generated in Go at start.
	SSL bool
	// HBA, when not nil, replaces pg_hba.conf, one rule a line (e.g.
	// HBASSLOnly). nil keeps initdb's: trust for every connection.
	HBA []string
}

// Cluster is a running disposable PostgreSQL.
type Cluster struct {
	BinDir string
	Dir    string // temporary directory: data/, postgres.log, the socket
	Port   int
	RunAs  string // the OS user running the server ("" = the caller)
	// SSL is Options.SSL. CA issued the server certificate; CAFile is its
	// PEM (for sslrootcert), outside the data directory.
	SSL     bool
	CA      *CA
	CAFile  string
	cred    *syscall.Credential
	stopped bool
}

// Addr is the cluster's host:port.
func (c *Cluster) Addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(c.Port)) }

// DSN is a connection string for user postgres (trust) and the database:
// sslmode=disable, or with SSL sslmode=verify-full against the cluster's CA.
func (c *Cluster) DSN(database string) string {
	if c.SSL {
		return fmt.Sprintf("postgres://postgres@%s/%s?sslmode=verify-full&sslrootcert=%s",
			c.Addr(), database, url.QueryEscape(c.CAFile))
	}
	return fmt.Sprintf("postgres://postgres@%s/%s?sslmode=disable", c.Addr(), database)
}

// LogPath is the server's log file.
func (c *Cluster) LogPath() string { return filepath.Join(c.Dir, "postgres.log") }

// Start initialises and starts a disposable cluster. On error nothing is
// left running.
func Start(ctx context.Context, opt Options) (c *Cluster, err error) {
	binDir := opt.BinDir
	if binDir == "" {
		if binDir, err = FindBinDir(); err != nil {
			return nil, err
		}
	}
	dir, err := os.MkdirTemp("", "maskwire-pg-")
	if err != nil {
		return nil, err
	}
	c = &Cluster{BinDir: binDir, Dir: dir, Port: opt.Port, SSL: opt.SSL}
	defer func() {
		if err != nil {
			c.Stop()
		}
	}()
	if os.Geteuid() == 0 {
		if err = c.dropPrivileges(); err != nil {
			return nil, err
		}
	}
	if c.Port == 0 {
		if c.Port, err = FreePort(); err != nil {
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := c.run(ctx, "initdb", "-D", data, "-U", "postgres", "-A", "trust",
		"-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	settings := map[string]string{
		"listen_addresses":        "127.0.0.1",
		"port":                    strconv.Itoa(c.Port),
		"unix_socket_directories": dir,
		"fsync":                   "off",
		"synchronous_commit":      "off",
		"full_page_writes":        "off",
		"max_connections":         "200",
	}
	if opt.SSL {
		ssl, err := c.setupSSL(data)
		if err != nil {
			return nil, fmt.Errorf("TLS certificate for the cluster: %w", err)
		}
		for k, v := range ssl {
			settings[k] = v
		}
	}
	if opt.HBA != nil {
		hba := strings.Join(opt.HBA, "\n") + "\n"
		// initdb made the file, owned by the server's user: keep it.
		if err := os.WriteFile(filepath.Join(data, "pg_hba.conf"), []byte(hba), 0o600); err != nil {
			return nil, fmt.Errorf("pg_hba.conf: %w", err)
		}
	}
	for k, v := range opt.Settings {
		settings[k] = v
	}
	var o strings.Builder
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&o, "-c %s='%s' ", k, settings[k])
	}
	if out, err := c.run(ctx, "pg_ctl", "-D", data, "-l", c.LogPath(), "-w", "-t", "60",
		"-o", o.String(), "start"); err != nil {
		return nil, fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, tail(c.LogPath(), 2000))
	}
	for _, db := range opt.Databases {
		if err := c.createDatabase(ctx, db); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c *Cluster) createDatabase(ctx context.Context, name string) error {
	conn, err := pgconn.Connect(ctx, c.DSN("postgres"))
	if err != nil {
		return fmt.Errorf("connect to new cluster: %w", err)
	}
	defer conn.Close(ctx)
	ident := `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+ident).ReadAll(); err != nil {
		return fmt.Errorf("create database %s: %w", name, err)
	}
	return nil
}

// Stop stops the server (fast shutdown) and removes its directory.
func (c *Cluster) Stop() error {
	if c == nil || c.stopped {
		return nil
	}
	c.stopped = true
	var err error
	data := filepath.Join(c.Dir, "data")
	if _, statErr := os.Stat(filepath.Join(data, "postmaster.pid")); statErr == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		if out, e := c.run(ctx, "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"); e != nil {
			err = fmt.Errorf("pg_ctl stop: %v\n%s", e, out)
		}
	}
	if e := os.RemoveAll(c.Dir); e != nil && err == nil {
		err = e
	}
	return err
}

// dropPrivileges picks the user to run the server as (postgres, else nobody)
// and hands it the temporary directory.
func (c *Cluster) dropPrivileges() error {
	var u *user.User
	var err error
	for _, name := range []string{"postgres", "nobody"} {
		if u, err = user.Lookup(name); err == nil {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("running as root and no unprivileged user (postgres or nobody) to run PostgreSQL as: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	c.RunAs = u.Username
	c.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	return os.Chown(c.Dir, uid, gid)
}

func (c *Cluster) run(ctx context.Context, prog string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(c.BinDir, prog), args...)
	cmd.Dir = c.Dir
	cmd.Env = append(os.Environ(), "LC_ALL=C", "HOME="+c.Dir)
	if c.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	}
	// pg_ctl start leaves the postmaster holding inherited pipes; a file
	// avoids waiting for it to close them.
	f, err := os.CreateTemp("", "maskwire-pgcmd-")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	cmd.Stdout, cmd.Stderr = f, f
	err = cmd.Run()
	out, _ := os.ReadFile(f.Name())
	return out, err
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
