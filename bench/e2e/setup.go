package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// The tables e2e streams. The comment on each table records the generator
// version and row count, so a changed generator or -rows rebuilds it.
const (
	plainTable = "plain8" // 8 columns, no PII
	piiTable   = "pii12"  // 12 columns, 6 of them PII
	genVersion = "e2e-v1"
)

const plainDDL = `CREATE TABLE plain8 AS
SELECT g::int8 AS id,
       ((g * 7919) % 10000)::int4 AS qty,
       (((g * 104729) % 1000000) / 100.0)::float8 AS amount,
       (g % 3 = 0) AS flag,
       (g % 100)::int2 AS bucket,
       'c' || to_hex(g % 65536) AS code,
       (ARRAY['alpha','beta','gamma','delta','omega'])[g % 5 + 1] AS label,
       timestamp '2024-01-01' + g * interval '37 seconds' AS created_at
FROM generate_series(1::int8, $ROWS) AS g`

const piiDDL = `CREATE TABLE pii12 (
	id int8 PRIMARY KEY,
	full_name text NOT NULL,
	email text NOT NULL,
	phone text NOT NULL,
	ssn text NOT NULL,
	card_number text NOT NULL,
	iban text NOT NULL,
	created_on date NOT NULL,
	amount numeric(10,2) NOT NULL,
	status text NOT NULL,
	quantity int4 NOT NULL,
	is_active bool NOT NULL)`

func runSetup(args []string) error {
	fs := flag.NewFlagSet("setup", flag.ExitOnError)
	dsn := fs.String("dsn", "postgres://postgres@127.0.0.1:5432/maskwire_bench?sslmode=disable", "DSN of the benchmark database (created if missing)")
	rows := fs.Int("rows", 1_000_000, "rows in plain8 and pii12")
	scale := fs.Int("pgbench-scale", 10, "pgbench -i -s scale (0 skips pgbench tables)")
	fs.Parse(args)
	ctx := context.Background()

	cfg, err := pgconn.ParseConfig(*dsn)
	if err != nil {
		return err
	}
	if err := createDatabase(ctx, cfg); err != nil {
		return err
	}
	c, err := connectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer c.Close(ctx)

	marker := genVersion + " rows=" + strconv.Itoa(*rows)
	if err := ensureTable(ctx, c, plainTable, marker, func() error {
		_, err := c.Exec(ctx, "SET synchronous_commit = off; "+strings.ReplaceAll(plainDDL, "$ROWS", strconv.Itoa(*rows))).ReadAll()
		return err
	}); err != nil {
		return err
	}
	if err := ensureTable(ctx, c, piiTable, marker, func() error {
		if _, err := c.Exec(ctx, piiDDL).ReadAll(); err != nil {
			return err
		}
		return copyPII(ctx, c, *rows)
	}); err != nil {
		return err
	}
	if *scale > 0 {
		if err := ensurePgbench(ctx, c, *dsn, *scale); err != nil {
			return err
		}
	}
	return nil
}

func createDatabase(ctx context.Context, cfg *pgconn.Config) error {
	admin := cfg.Copy()
	admin.Database = "postgres"
	c, err := connectConfig(ctx, admin)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	res, err := c.Exec(ctx, "SELECT 1 FROM pg_database WHERE datname = '"+cfg.Database+"'").ReadAll()
	if err != nil {
		return err
	}
	if len(res[0].Rows) == 1 {
		return nil
	}
	fmt.Fprintf(os.Stderr, "setup: creating database %s\n", cfg.Database)
	_, err = c.Exec(ctx, `CREATE DATABASE "`+cfg.Database+`"`).ReadAll()
	return err
}

// ensureTable rebuilds table unless it exists with the expected marker.
func ensureTable(ctx context.Context, c *pgconn.PgConn, table, marker string, build func() error) error {
	res, err := c.Exec(ctx, "SELECT coalesce(obj_description(to_regclass('"+table+"'), 'pg_class'), '')").ReadAll()
	if err != nil {
		return err
	}
	if string(res[0].Rows[0][0]) == marker {
		fmt.Fprintf(os.Stderr, "setup: %s is ready (%s)\n", table, marker)
		return nil
	}
	start := time.Now()
	fmt.Fprintf(os.Stderr, "setup: building %s (%s)...\n", table, marker)
	if _, err := c.Exec(ctx, "DROP TABLE IF EXISTS "+table).ReadAll(); err != nil {
		return err
	}
	if err := build(); err != nil {
		return fmt.Errorf("build %s: %w", table, err)
	}
	// Freeze and analyze so every later read pays the same server cost (no
	// hint-bit writes on the first scan).
	if _, err := c.Exec(ctx, "VACUUM (FREEZE, ANALYZE) "+table).ReadAll(); err != nil {
		return err
	}
	if _, err := c.Exec(ctx, "COMMENT ON TABLE "+table+" IS '"+marker+"'").ReadAll(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "setup: %s built in %s\n", table, time.Since(start).Round(time.Millisecond))
	return nil
}

func copyPII(ctx context.Context, c *pgconn.PgConn, rows int) error {
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriterSize(pw, 1<<20)
		f := newFakePerson(1)
		var line []byte
		for id := 1; id <= rows; id++ {
			line = f.appendRow(line[:0], id)
			if _, err := w.Write(line); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		pw.CloseWithError(w.Flush())
	}()
	_, err := c.CopyFrom(ctx, pr, "COPY "+piiTable+" FROM STDIN")
	pr.Close()
	return err
}

func ensurePgbench(ctx context.Context, c *pgconn.PgConn, dsn string, scale int) error {
	want := int64(scale) * 100000
	res, err := c.Exec(ctx, "SELECT to_regclass('pgbench_accounts') IS NOT NULL").ReadAll()
	if err != nil {
		return err
	}
	var n int64 = -1
	if string(res[0].Rows[0][0]) == "t" {
		if res, err = c.Exec(ctx, "SELECT count(*) FROM pgbench_accounts").ReadAll(); err != nil {
			return err
		}
		n, _ = strconv.ParseInt(string(res[0].Rows[0][0]), 10, 64)
	}
	if n == want {
		fmt.Fprintf(os.Stderr, "setup: pgbench tables are ready (scale %d)\n", scale)
		return nil
	}
	path, err := exec.LookPath("pgbench")
	if err != nil {
		return errors.New("pgbench not found: apt-get install postgresql-client (or postgresql-contrib)")
	}
	fmt.Fprintf(os.Stderr, "setup: pgbench -i -s %d...\n", scale)
	cmd := exec.CommandContext(ctx, path, "-i", "-q", "-s", strconv.Itoa(scale), dsn)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pgbench -i: %w", err)
	}
	return nil
}
