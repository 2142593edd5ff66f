package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// A streaming mode is one way a client reads a whole table.
//
//	text    simple protocol, text format (what psql does)
//	binary  extended protocol, every result column in binary format (pgx's usual path)
//	copy    COPY table TO STDOUT, text format (psql's \copy ... to)
var streamModes = map[string]func(ctx context.Context, c *pgconn.PgConn, table string) (streamed, error){
	"text":   streamText,
	"binary": streamBinary,
	"copy":   streamCopy,
}

// streamed is what one run read: rows and wire bytes (DataRow or CopyData
// messages as the server framed them, headers included).
type streamed struct {
	rows, bytes int64
}

func (s *streamed) countRow(values [][]byte) {
	n := int64(1 + 4 + 2) // type, length, column count
	for _, v := range values {
		n += 4 + int64(len(v))
	}
	s.rows++
	s.bytes += n
}

func drain(rr *pgconn.ResultReader) (streamed, error) {
	var s streamed
	for rr.NextRow() {
		s.countRow(rr.Values())
	}
	_, err := rr.Close()
	return s, err
}

func streamText(ctx context.Context, c *pgconn.PgConn, table string) (streamed, error) {
	mrr := c.Exec(ctx, "SELECT * FROM "+table)
	var total streamed
	for mrr.NextResult() {
		s, err := drain(mrr.ResultReader())
		if err != nil {
			mrr.Close()
			return total, err
		}
		total.rows += s.rows
		total.bytes += s.bytes
	}
	return total, mrr.Close()
}

func streamBinary(ctx context.Context, c *pgconn.PgConn, table string) (streamed, error) {
	return drain(c.ExecParams(ctx, "SELECT * FROM "+table, nil, nil, nil, []int16{1}))
}

type countWriter struct {
	bytes, lines int64
}

func (w *countWriter) Write(p []byte) (int, error) {
	w.bytes += int64(len(p)) + 5 // CopyData header
	for _, b := range p {
		if b == '\n' {
			w.lines++
		}
	}
	return len(p), nil
}

func streamCopy(ctx context.Context, c *pgconn.PgConn, table string) (streamed, error) {
	var w countWriter
	_, err := c.CopyTo(ctx, &w, "COPY "+table+" TO STDOUT")
	return streamed{rows: w.lines, bytes: w.bytes}, err
}

func runStream(args []string) error {
	fs := flag.NewFlagSet("stream", flag.ExitOnError)
	targets := targetsFlag(fs)
	table := fs.String("table", plainTable, "table to stream")
	modesFlag := fs.String("modes", "text,binary", "comma-separated: text, binary, copy")
	runs := fs.Int("runs", 5, "timed runs per target and mode")
	warmup := fs.Int("warmup", 1, "untimed runs per mode through the first target before timing")
	pids := pidList{}
	fs.Var(pids, "pid", "name=PID: the proxy process behind target name; its CPU time and read/write syscalls per run are reported (repeatable)")
	fs.Parse(args)
	if len(*targets) == 0 {
		return fmt.Errorf("no -target given")
	}
	modes := strings.Split(*modesFlag, ",")
	for _, m := range modes {
		if streamModes[m] == nil {
			return fmt.Errorf("unknown mode %q (want text, binary or copy)", m)
		}
	}
	ctx := context.Background()

	probes, err := probeTargets(ctx, *targets, *table)
	if err != nil {
		return err
	}
	for _, m := range modes {
		for range *warmup {
			if _, _, err := streamOnce(ctx, (*targets)[0], m, *table); err != nil {
				return err
			}
		}
	}

	// secs[mode][target] holds every timed run; runs are interleaved
	// (mode by mode, target by target, the starting target rotating) so the
	// noise of a shared machine lands on every target alike.
	secs := map[string][][]float64{}
	last := map[string][]streamed{}
	procs := map[string][][]procSample{}
	for _, m := range modes {
		secs[m] = make([][]float64, len(*targets))
		last[m] = make([]streamed, len(*targets))
		procs[m] = make([][]procSample, len(*targets))
	}
	for run := range *runs {
		for _, m := range modes {
			for k := range *targets {
				i := (k + run) % len(*targets)
				t := (*targets)[i]
				pid := pids[t.Name]
				var before procSample
				if pid != 0 {
					if before, err = readProc(pid); err != nil {
						return fmt.Errorf("%s: %w", t.Name, err)
					}
				}
				d, s, err := streamOnce(ctx, t, m, *table)
				if err != nil {
					return err
				}
				if pid != 0 {
					after, err := readProc(pid)
					if err != nil {
						return fmt.Errorf("%s: %w", t.Name, err)
					}
					procs[m][i] = append(procs[m][i], after.sub(before))
				}
				secs[m][i] = append(secs[m][i], d.Seconds())
				last[m][i] = s
				fmt.Fprintf(os.Stderr, "stream %s %s run %d %-14s %7.3fs %9d rows %6.1f MB\n",
					*table, m, run+1, t.Name, d.Seconds(), s.rows, float64(s.bytes)/1e6)
			}
		}
	}

	direct, bouncer := targets.find("direct"), targets.find("pgbouncer")
	fmt.Printf("| table | mode | target | rows | MB on the wire | median s | MB/s | time vs direct | paired vs direct: median (range) | time vs pgbouncer | columns changed | runs (s) |\n")
	fmt.Printf("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, m := range modes {
		for i, t := range *targets {
			med := median(secs[m][i])
			s := last[m][i]
			vsDirect, paired, vsBouncer := "-", "-", "-"
			if direct >= 0 && i != direct {
				vsDirect = ratio(med, median(secs[m][direct]))
				paired = pairedRatio(secs[m][i], secs[m][direct])
			}
			if bouncer >= 0 && i != bouncer {
				vsBouncer = ratio(med, median(secs[m][bouncer]))
			}
			fmt.Printf("| %s | %s | %s | %d | %.1f | %.3f | %.0f | %s | %s | %s | %s | %s |\n",
				*table, m, t.Name, s.rows, float64(s.bytes)/1e6, med, float64(s.bytes)/1e6/med,
				vsDirect, paired, vsBouncer, probes[i], fmtList(secs[m][i], 3))
		}
	}
	// A proxy that loses rows is broken, not fast: say so in the report.
	for _, m := range modes {
		for i, t := range *targets {
			if ref := last[m][0].rows; last[m][i].rows != ref {
				msg := fmt.Sprintf("**WARNING: %s returned %d rows in mode %s, %s returned %d; its timings above are meaningless.**",
					t.Name, last[m][i].rows, m, (*targets)[0].Name, ref)
				fmt.Printf("\n%s\n", msg)
				fmt.Fprintln(os.Stderr, msg)
			}
		}
	}
	if len(pids) > 0 {
		printProcTable(*table, modes, *targets, procs, last)
	}
	return nil
}

// printProcTable reports, per proxy and mode, the medians over runs of the
// proxy's CPU seconds and its read/write syscalls with their mean sizes.
func printProcTable(table string, modes []string, targets targetList, procs map[string][][]procSample, last map[string][]streamed) {
	fmt.Printf("\n| table | mode | proxy | proxy CPU s/run | CPU s per 100 MB | reads/run | avg read KB | writes/run | avg write KB |\n")
	fmt.Printf("|---|---|---|---:|---:|---:|---:|---:|---:|\n")
	for _, m := range modes {
		for i, t := range targets {
			ps := procs[m][i]
			if len(ps) == 0 {
				continue
			}
			var cpu, r, w, rb, wb []float64
			for _, p := range ps {
				cpu = append(cpu, p.cpuSeconds())
				r = append(r, float64(p.syscr))
				w = append(w, float64(p.syscw))
				rb = append(rb, float64(p.rchar))
				wb = append(wb, float64(p.wchar))
			}
			kb := func(bytes, calls float64) float64 {
				if calls == 0 {
					return 0
				}
				return bytes / calls / 1024
			}
			c := median(cpu)
			// /proc/PID/io counts the read(2)/write(2) family only: a proxy
			// relaying with recv(2)/send(2) (PgBouncer; maskwire's event loop
			// since session 7) shows only its other reads, so the columns
			// are filled in only when the reads counted cover the result.
			io := "| - | - | - | - |"
			if median(rb) >= float64(last[m][i].bytes)/2 {
				io = fmt.Sprintf("| %.0f | %.1f | %.0f | %.1f |", median(r), kb(median(rb), median(r)), median(w), kb(median(wb), median(w)))
			}
			fmt.Printf("| %s | %s | %s | %.2f | %.2f %s\n", table, m, t.Name,
				c, c/(float64(last[m][i].bytes)/1e8), io)
		}
	}
}

func streamOnce(ctx context.Context, t target, mode, table string) (time.Duration, streamed, error) {
	c, err := connect(ctx, t.DSN)
	if err != nil {
		return 0, streamed{}, fmt.Errorf("%s: %w", t.Name, err)
	}
	defer c.Close(ctx)
	start := time.Now()
	s, err := streamModes[mode](ctx, c, table)
	d := time.Since(start)
	if err != nil {
		return 0, s, fmt.Errorf("%s %s: %w", t.Name, mode, err)
	}
	return d, s, nil
}

// probeTargets reads the first rows of table through every target and
// reports, per target, which columns differ from the first target's (which
// should be "direct"): a masking target that changes nothing is a broken
// benchmark, not a fast one. The first row of each is printed on stderr.
func probeTargets(ctx context.Context, targets targetList, table string) ([]string, error) {
	const q = "SELECT * FROM %s ORDER BY 1 LIMIT 100"
	var ref [][][]byte
	var names []string
	out := make([]string, len(targets))
	for i, t := range targets {
		c, err := connect(ctx, t.DSN)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.Name, err)
		}
		res, err := c.Exec(ctx, fmt.Sprintf(q, table)).ReadAll()
		c.Close(ctx)
		if err != nil {
			return nil, fmt.Errorf("%s probe: %w", t.Name, err)
		}
		rows := res[0].Rows
		if len(rows) > 0 {
			fmt.Fprintf(os.Stderr, "probe %-14s %s\n", t.Name, bytesJoin(rows[0]))
		}
		if i == 0 {
			ref = rows
			for _, f := range res[0].FieldDescriptions {
				names = append(names, f.Name)
			}
			out[i] = "-"
			continue
		}
		var changed []string
		for col := range names {
			for r := range min(len(rows), len(ref)) {
				if col < len(rows[r]) && string(rows[r][col]) != string(ref[r][col]) {
					changed = append(changed, names[col])
					break
				}
			}
		}
		if len(changed) == 0 {
			out[i] = "0"
		} else {
			out[i] = fmt.Sprintf("%d (%s)", len(changed), strings.Join(changed, " "))
		}
	}
	return out, nil
}

func bytesJoin(vals [][]byte) string {
	var b strings.Builder
	for i, v := range vals {
		if i > 0 {
			b.WriteString(" | ")
		}
		if v == nil {
			b.WriteString("NULL")
		} else {
			b.Write(v)
		}
	}
	return b.String()
}
