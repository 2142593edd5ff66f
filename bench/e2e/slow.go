package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// pacedConn is a net.Conn whose reads never run ahead of rate bytes per
// second (measured from the first paced read), in steps of at most step
// bytes: a client that consumes a large result slowly.
type pacedConn struct {
	net.Conn
	rate  float64 // bytes per second; 0 = unpaced
	step  int
	start time.Time
	read  int64
}

func (c *pacedConn) Read(p []byte) (int, error) {
	if c.rate > 0 {
		if c.start.IsZero() {
			c.start = time.Now()
		}
		if len(p) > c.step {
			p = p[:c.step]
		}
		// Wait until the budget covers this read.
		due := c.start.Add(time.Duration(float64(c.read+int64(len(p))) / c.rate * float64(time.Second)))
		if d := time.Until(due); d > 0 {
			time.Sleep(d)
		}
	}
	n, err := c.Conn.Read(p)
	c.read += int64(n)
	return n, err
}

// rssSampler reads VmRSS of a process every interval.
type rssSampler struct {
	pid      int
	mu       sync.Mutex
	max, cur int64 // bytes
	samples  int
	stop     chan struct{}
	done     chan struct{}
}

func readStatus(pid int, field string) (int64, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%d/status", field, pid)
}

func startSampler(pid int, every time.Duration) (*rssSampler, error) {
	if _, err := readStatus(pid, "VmRSS"); err != nil {
		return nil, err
	}
	s := &rssSampler{pid: pid, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			if v, err := readStatus(pid, "VmRSS"); err == nil {
				s.mu.Lock()
				s.cur = v
				s.max = max(s.max, v)
				s.samples++
				s.mu.Unlock()
			}
			select {
			case <-s.stop:
				return
			case <-t.C:
			}
		}
	}()
	return s, nil
}

func (s *rssSampler) get() (cur, maxRSS int64, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur, s.max, s.samples
}

func (s *rssSampler) reset() {
	s.mu.Lock()
	s.max, s.samples = s.cur, 0
	s.mu.Unlock()
}

func (s *rssSampler) close() { close(s.stop); <-s.done }

func mb(b int64) float64 { return float64(b) / (1 << 20) }

func runSlow(args []string) error {
	fs := flag.NewFlagSet("slow", flag.ExitOnError)
	name := fs.String("name", "maskwire", "name of the target in the table")
	dsn := fs.String("dsn", "", "DSN of the proxy to read through")
	pid := fs.Int("pid", 0, "process whose VmRSS is sampled (the proxy)")
	direct := fs.String("direct", "", "optional DSN straight to PostgreSQL, to show the server backend's wait_event (ClientWrite = backpressure reached the server)")
	table := fs.String("table", plainTable, "table to read (SELECT * FROM table, simple protocol)")
	rateMB := fs.Float64("rate", 2, "client read rate, MB/s (10^6 bytes)")
	dur := fs.Duration("for", 30*time.Second, "how long to read before the client hangs up")
	every := fs.Duration("every", 200*time.Millisecond, "VmRSS sampling interval")
	fs.Parse(args)
	if *dsn == "" || *pid == 0 {
		return errors.New("-dsn and -pid are required")
	}
	ctx := context.Background()
	cfg, err := pgconn.ParseConfig(*dsn)
	if err != nil {
		return err
	}
	var paced *pacedConn
	dial := cfg.DialFunc
	cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		nc, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		paced = &pacedConn{Conn: nc, step: 16 << 10}
		return paced, nil
	}
	c, err := connectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer c.Close(ctx)

	sampler, err := startSampler(*pid, *every)
	if err != nil {
		return fmt.Errorf("sample pid %d: %w", *pid, err)
	}
	defer sampler.close()
	time.Sleep(2 * *every)
	before, _, _ := sampler.get()
	sampler.reset()

	paced.rate = *rateMB * 1e6
	start := time.Now()
	deadline := start.Add(*dur)
	rr := c.Exec(ctx, "SELECT * FROM "+*table)
	var s streamed
	var waitEvent string
	finished := false
	for rr.NextResult() {
		r := rr.ResultReader()
		for r.NextRow() {
			s.countRow(r.Values())
			if s.rows%4096 == 0 && time.Now().After(deadline) {
				break
			}
		}
		if time.Now().After(deadline) {
			break
		}
	}
	elapsed := time.Since(start)
	if !time.Now().After(deadline) {
		finished = true
		rr.Close()
	} else {
		if *direct != "" {
			waitEvent = serverWaitEvent(ctx, *direct, *table)
		}
		// Hang up mid-stream, as an impatient client would.
		c.Conn().Close()
	}
	_, peak, n := sampler.get()
	time.Sleep(2 * time.Second)
	after, _, _ := sampler.get()
	hwm, _ := readStatus(*pid, "VmHWM")

	state := "hung up mid-stream"
	if finished {
		state = "read to the end"
	}
	fmt.Printf("| target | client rate | read for | rows read | MB read | achieved MB/s | RSS before | max RSS while reading (%d samples, every %s) | RSS 2 s after hang-up | VmHWM (process lifetime) | server backend wait_event | end |\n", n, *every)
	fmt.Printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n")
	fmt.Printf("| %s | %.1f MB/s | %.1f s | %d | %.1f | %.2f | %.1f MiB | **%.1f MiB** | %.1f MiB | %.1f MiB | %s | %s |\n",
		*name, *rateMB, elapsed.Seconds(), s.rows, float64(s.bytes)/1e6, float64(s.bytes)/1e6/elapsed.Seconds(),
		mb(before), mb(peak), mb(after), mb(hwm), orDash(waitEvent), state)
	return nil
}

// serverWaitEvent reports what the PostgreSQL backend running the slow query
// is waiting on; "Client/ClientWrite" means the server itself is blocked
// writing to the proxy, i.e. the proxy stopped reading.
func serverWaitEvent(ctx context.Context, dsn, table string) string {
	c, err := connect(ctx, dsn)
	if err != nil {
		return "error: " + err.Error()
	}
	defer c.Close(ctx)
	res, err := c.Exec(ctx, "SELECT coalesce(wait_event_type,'') || '/' || coalesce(wait_event,'') FROM pg_stat_activity WHERE query = 'SELECT * FROM "+table+"' AND pid <> pg_backend_pid()").ReadAll()
	if err != nil {
		return "error: " + err.Error()
	}
	var ev []string
	for _, r := range res[0].Rows {
		ev = append(ev, string(r[0]))
	}
	if len(ev) == 0 {
		return "(no backend found)"
	}
	return strings.Join(ev, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
