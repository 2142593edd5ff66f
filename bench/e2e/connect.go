package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// runConnect measures what a new client waits for: the time to connect
// (TCP, startup, authentication, up to the first ReadyForQuery) and then to
// run a first query whose result has a column name no earlier query used (a
// new result shape, which a masking proxy must plan). Targets are
// interleaved connection by connection. Whatever load should be running
// meanwhile (pgbench, say) is the caller's to start.
func runConnect(args []string) error {
	fs := flag.NewFlagSet("connect", flag.ExitOnError)
	targets := targetsFlag(fs)
	n := fs.Int("n", 100, "connections per target")
	gap := fs.Duration("gap", 20*time.Millisecond, "pause between two connections")
	fs.Parse(args)
	if len(*targets) == 0 {
		return errors.New("no -target given")
	}
	conn := make([][]float64, len(*targets))
	query := make([][]float64, len(*targets))
	for i := range *n {
		for t, tg := range *targets {
			c, q, err := connectOnce(tg.DSN, i)
			if err != nil {
				return fmt.Errorf("%s: %w", tg.Name, err)
			}
			conn[t] = append(conn[t], c)
			query[t] = append(query[t], q)
			time.Sleep(*gap)
		}
	}
	fmt.Printf("#### New connections: %d per target, %v apart\n\n", *n, *gap)
	fmt.Println("| target | connect median | p90 | max | first query median | p90 | max |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
	for t, tg := range *targets {
		fmt.Printf("| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms |\n", tg.Name,
			median(conn[t]), quantile(conn[t], 0.9), slices.Max(conn[t]),
			median(query[t]), quantile(query[t], 0.9), slices.Max(query[t]))
	}
	return nil
}

// connectOnce connects to dsn, runs the i-th new-shape query and hangs up,
// returning both times in milliseconds.
func connectOnce(dsn string, i int) (connMS, queryMS float64, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	t0 := time.Now()
	c, err := pgconn.Connect(ctx, dsn)
	if err != nil {
		return 0, 0, err
	}
	defer c.Close(context.Background())
	t1 := time.Now()
	sql := fmt.Sprintf("select aid as a%d, abalance from pgbench_accounts where aid = %d", i, i+1)
	if _, err := c.Exec(ctx, sql).ReadAll(); err != nil {
		return 0, 0, err
	}
	t2 := time.Now()
	return ms(t1.Sub(t0)), ms(t2.Sub(t1)), nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// quantile is the q-quantile of xs (nearest rank, 0 for none).
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[int(q*float64(len(s)-1))]
}
