package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/maskwire/maskwire/internal/pgcluster"
	"github.com/maskwire/maskwire/transport"
)

const demoUsage = `usage: maskwire demo [--dsn DSN] [--listen ADDR] [--once]

Shows maskwire end to end on this machine. It finds a PostgreSQL: --dsn,
else $MASKWIRE_DEMO_DSN, else the PG* environment when $PGHOST is set, else
127.0.0.1:5432, else it starts a disposable cluster from the installed server
binaries (initdb/pg_ctl, in a temporary directory, removed on exit). It loads
a small table of fake customers (schema maskwire_demo), starts the proxy,
queries the table through it, and waits for Ctrl-C while you try it with psql.

Flags:
`

func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("maskwire demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsnFlag := fs.String("dsn", "", "PostgreSQL to use (`DSN`); the demo creates schema maskwire_demo in it")
	listen := fs.String("listen", "127.0.0.1:0", "proxy listen `ADDR` (port 0: a free port)")
	once := fs.Bool("once", false, "exit after printing instead of waiting for Ctrl-C")
	verbose := fs.Bool("v", false, "log proxy sessions to stderr")
	fs.Usage = func() { fmt.Fprint(stderr, demoUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	dsn, cluster, err := demoPostgres(ctx, *dsnFlag, stdout)
	if cluster != nil {
		defer func() {
			fmt.Fprintln(stdout, "stopping the disposable PostgreSQL...")
			cluster.Stop()
		}()
	}
	if err != nil {
		fmt.Fprintf(stderr, "maskwire demo: %v\n", err)
		return 1
	}
	if err := loadDemoData(ctx, dsn); err != nil {
		fmt.Fprintf(stderr, "maskwire demo: loading the demo table: %v\n", err)
		return 1
	}
	pc, err := pgconn.ParseConfig(dsn)
	if err != nil {
		fmt.Fprintf(stderr, "maskwire demo: %v\n", err)
		return 2
	}
	up := transport.Upstream{Network: "tcp", Addr: net.JoinHostPort(pc.Host, fmt.Sprint(pc.Port)), Host: pc.Host,
		User: pc.User, Database: pc.Database, SSLMode: transport.SSLDisable}
	if strings.HasPrefix(pc.Host, "/") {
		up.Network, up.Addr = "unix", fmt.Sprintf("%s/.s.PGSQL.%d", pc.Host, pc.Port)
	}
	log := slog.New(slog.DiscardHandler)
	if *verbose {
		log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	ms, err := newMaskingSetup("", "", dsn, log)
	if err != nil {
		fmt.Fprintf(stderr, "maskwire demo: %v\n", err)
		return 1
	}
	defer ms.Close()
	tcfg := transport.Config{Upstream: up, Logger: log, ShutdownTimeout: 5 * time.Second}
	tcfg.Engine.NewMasker = ms.NewMasker()
	srv, err := transport.New(tcfg)
	if err != nil {
		fmt.Fprintf(stderr, "maskwire demo: %v\n", err)
		return 1
	}
	l, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(stderr, "maskwire demo: cannot listen on %s: %v\n", *listen, err)
		return 1
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, l) }()
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
		<-served
	}()

	proxyDSN := fmt.Sprintf("postgres://%s@%s/%s?sslmode=disable", pc.User, l.Addr(), pc.Database)
	if pc.Password != "" {
		proxyDSN = fmt.Sprintf("postgres://%s:PASSWORD@%s/%s?sslmode=disable", pc.User, l.Addr(), pc.Database)
	}
	fmt.Fprintf(stdout, "maskwire is listening on %s, relaying to PostgreSQL at %s\n\n", l.Addr(), up.Addr)
	const q = "SELECT * FROM maskwire_demo.customers ORDER BY id LIMIT 3"
	fmt.Fprintf(stdout, "%s\n(raw: straight from PostgreSQL; masked: the same query through maskwire)\n\n", q)
	if err := printSideBySide(ctx, stdout, dsn, strings.Replace(proxyDSN, "PASSWORD", pc.Password, 1), q); err != nil {
		fmt.Fprintf(stderr, "maskwire demo: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "\nTry it yourself:\n\n  psql '%s' \\\n    -c 'SELECT * FROM maskwire_demo.customers'\n\n", proxyDSN)
	if *once {
		return 0
	}
	fmt.Fprintln(stdout, "Press Ctrl-C to stop.")
	<-ctx.Done()
	fmt.Fprintln(stdout)
	return 0
}

// demoPostgres finds a PostgreSQL for the demo, or starts a disposable one
// (the caller stops the returned cluster).
func demoPostgres(ctx context.Context, dsnFlag string, stdout io.Writer) (string, *pgcluster.Cluster, error) {
	probe := func(dsn string) error {
		pctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		defer cancel()
		return pgcluster.Ping(pctx, dsn)
	}
	var tried []string
	for _, c := range []struct{ dsn, from string }{
		{dsnFlag, "--dsn"},
		{os.Getenv("MASKWIRE_DEMO_DSN"), "$MASKWIRE_DEMO_DSN"},
	} {
		if c.dsn == "" {
			continue
		}
		if err := probe(c.dsn); err != nil {
			return "", nil, fmt.Errorf("PostgreSQL from %s does not answer: %v", c.from, err)
		}
		return c.dsn, nil, nil
	}
	if os.Getenv("PGHOST") != "" {
		// An empty DSN takes PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD...
		if err := probe(""); err != nil {
			return "", nil, fmt.Errorf("PostgreSQL from $PGHOST=%s does not answer: %v", os.Getenv("PGHOST"), err)
		}
		return "", nil, nil
	}
	local := "postgres://postgres@" + pgcluster.DefaultAddr + "/postgres?sslmode=disable"
	err := probe(local)
	if err == nil {
		fmt.Fprintf(stdout, "using the PostgreSQL on %s\n", pgcluster.DefaultAddr)
		return local, nil, nil
	}
	tried = append(tried, fmt.Sprintf("%s: %v", pgcluster.DefaultAddr, err))
	binDir, berr := pgcluster.FindBinDir()
	if berr != nil {
		return "", nil, fmt.Errorf("no PostgreSQL found (%s) and cannot start one: %v.\n"+
			"Install PostgreSQL (apt-get install postgresql) or pass --dsn", strings.Join(tried, "; "), berr)
	}
	fmt.Fprintf(stdout, "no PostgreSQL on %s; starting a disposable one from %s ...\n", pgcluster.DefaultAddr, binDir)
	sctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	c, err := pgcluster.Start(sctx, pgcluster.Options{BinDir: binDir})
	if err != nil {
		return "", nil, fmt.Errorf("starting a disposable PostgreSQL: %v", err)
	}
	fmt.Fprintf(stdout, "disposable PostgreSQL on %s (data in %s, removed on exit)\n", c.Addr(), c.Dir)
	return c.DSN("postgres"), c, nil
}

// Fake people: the names are common given and family names, the e-mail
// domains are reserved for examples (RFC 2606), the phone numbers are in the
// 555-01xx fictional range and the card numbers are the networks' published
// test numbers.
var demoCustomers = []struct{ name, email, phone, card, city, note string }{
	{"Maria Garcia", "maria.garcia@example.com", "+1 202-555-0143", "4111 1111 1111 1111", "Austin", "prefers email"},
	{"James Smith", "jsmith@example.org", "+1 312-555-0178", "5555 5555 5555 4444", "Chicago", "call after 5pm on 312-555-0178"},
	{"Aiko Tanaka", "aiko.tanaka@example.net", "+1 415-555-0102", "3782 822463 10005", "San Francisco", ""},
	{"Lukas Becker", "lukas.becker@example.com", "+1 646-555-0199", "6011 1111 1111 1117", "New York", "VIP; card on file"},
	{"Fatima Khan", "fatima.khan@example.org", "+1 617-555-0125", "4012 8888 8888 1881", "Boston", "asked to be reached at fk@example.org"},
	{"Oliver Brown", "oliver.b@example.net", "+1 206-555-0161", "5105 1051 0510 5100", "Seattle", ""},
	{"Sofia Rossi", "sofia.rossi@example.com", "+1 305-555-0137", "4000 0566 5566 5556", "Miami", "billing dispute 2024-03"},
	{"Chen Wei", "chen.wei@example.org", "+1 718-555-0114", "3566 0020 2036 0505", "Brooklyn", ""},
	{"Emma Johnson", "emma.j@example.com", "+1 503-555-0188", "4242 4242 4242 4242", "Portland", "newsletter"},
	{"Noah Williams", "noah.w@example.net", "+1 512-555-0156", "2223 0031 2200 3222", "Austin", ""},
}

func loadDemoData(ctx context.Context, dsn string) error {
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	conn, err := pgconn.Connect(cctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	var sql strings.Builder
	sql.WriteString(`CREATE SCHEMA IF NOT EXISTS maskwire_demo;
DROP TABLE IF EXISTS maskwire_demo.customers;
CREATE TABLE maskwire_demo.customers (
  id serial PRIMARY KEY, full_name text, email text, phone text,
  card_number text, city text, notes text);
INSERT INTO maskwire_demo.customers (full_name, email, phone, card_number, city, notes) VALUES `)
	for i, c := range demoCustomers {
		if i > 0 {
			sql.WriteString(", ")
		}
		fmt.Fprintf(&sql, "(%s, %s, %s, %s, %s, %s)", lit(c.name), lit(c.email), lit(c.phone), lit(c.card), lit(c.city), lit(c.note))
	}
	_, err = conn.Exec(cctx, sql.String()).ReadAll()
	return err
}

func lit(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// printSideBySide runs q directly and through maskwire and prints each row
// as column | raw | masked.
func printSideBySide(ctx context.Context, w io.Writer, directDSN, proxyDSN, q string) error {
	raw, err := queryText(ctx, directDSN, q)
	if err != nil {
		return fmt.Errorf("query PostgreSQL directly: %w", err)
	}
	masked, err := queryText(ctx, proxyDSN, q)
	if err != nil {
		return fmt.Errorf("query through maskwire: %w", err)
	}
	if len(raw.Rows) != len(masked.Rows) {
		return fmt.Errorf("%d rows direct, %d through maskwire", len(raw.Rows), len(masked.Rows))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for r := range raw.Rows {
		fmt.Fprintln(tw, "column\traw\tmasked by maskwire")
		for i, f := range raw.FieldDescriptions {
			mark := ""
			if string(raw.Rows[r][i]) != string(masked.Rows[r][i]) {
				mark = "  *"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s%s\n", f.Name, raw.Rows[r][i], masked.Rows[r][i], mark)
		}
		fmt.Fprintln(tw, "\t\t")
	}
	return tw.Flush()
}

func queryText(ctx context.Context, dsn, q string) (*pgconn.Result, error) {
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	conn, err := pgconn.Connect(cctx, dsn)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.Background())
	res, err := conn.Exec(cctx, q).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(res) != 1 {
		return nil, fmt.Errorf("%d results, want 1", len(res))
	}
	return res[0], nil
}
