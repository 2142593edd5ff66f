package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// target is one place to send load: a name for the table ("direct",
// "maskwire", "pgbouncer", ...) and a libpq DSN.
type target struct {
	Name, DSN string
}

// targetList is a repeatable -target name=DSN flag.
type targetList []target

func (t *targetList) String() string {
	var names []string
	for _, x := range *t {
		names = append(names, x.Name)
	}
	return strings.Join(names, ",")
}

func (t *targetList) Set(s string) error {
	name, dsn, ok := strings.Cut(s, "=")
	if !ok || name == "" || dsn == "" {
		return fmt.Errorf("want name=DSN, got %q", s)
	}
	for _, x := range *t {
		if x.Name == name {
			return fmt.Errorf("target %q given twice", name)
		}
	}
	*t = append(*t, target{name, dsn})
	return nil
}

func (t targetList) find(name string) int {
	for i, x := range t {
		if x.Name == name {
			return i
		}
	}
	return -1
}

func targetsFlag(fs *flag.FlagSet) *targetList {
	var t targetList
	fs.Var(&t, "target", "name=DSN; repeat for each target (ratios are against \"direct\" and \"pgbouncer\" when present)")
	return &t
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// fmtList prints every run so a reader can see the spread behind a median.
func fmtList(xs []float64, prec int) string {
	var b strings.Builder
	for i, x := range xs {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%.*f", prec, x)
	}
	return b.String()
}

// pairedRatio is the median and range of a[r]/b[r] over the runs r: each
// run of a against the run of b in the same round (interleaved, back to
// back), which a load that drifts between rounds disturbs less than a ratio
// of medians.
func pairedRatio(a, b []float64) string {
	n := min(len(a), len(b))
	if n == 0 {
		return "-"
	}
	rs := make([]float64, 0, n)
	for r := range n {
		if b[r] > 0 {
			rs = append(rs, a[r]/b[r])
		}
	}
	if len(rs) == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2fx (%.2f-%.2f)", median(rs), slices.Min(rs), slices.Max(rs))
}

// ratio is a/b printed as "1.23x", or "-" when either side is missing.
func ratio(a, b float64) string {
	if a == 0 || b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2fx", a/b)
}

func connect(ctx context.Context, dsn string) (*pgconn.PgConn, error) {
	cfg, err := pgconn.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	return connectConfig(ctx, cfg)
}

func connectConfig(ctx context.Context, cfg *pgconn.Config) (*pgconn.PgConn, error) {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	c, err := pgconn.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect %s:%d: %w", cfg.Host, cfg.Port, err)
	}
	return c, nil
}

func runFreeport(args []string) error {
	if len(args) != 0 {
		return errors.New("freeport takes no arguments")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer l.Close()
	fmt.Println(l.Addr().(*net.TCPAddr).Port)
	return nil
}
