package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

var tpsLine = regexp.MustCompile(`(?m)^tps = ([0-9.]+) \((?:without initial connection time|excluding connections establishing)\)`)

func runPgbench(args []string) error {
	fs := flag.NewFlagSet("pgbench", flag.ExitOnError)
	targets := targetsFlag(fs)
	runs := fs.Int("runs", 3, "runs per target")
	secs := fs.Int("T", 10, "pgbench -T seconds per run")
	clients := fs.Int("c", 4, "pgbench -c clients")
	threads := fs.Int("j", 2, "pgbench -j threads")
	protocols := fs.String("M", "simple", "comma-separated pgbench -M query modes: simple, extended, prepared")
	fs.Parse(args)
	if len(*targets) == 0 {
		return errors.New("no -target given")
	}
	path, err := exec.LookPath("pgbench")
	if err != nil {
		return errors.New("pgbench not found: apt-get install postgresql-client")
	}
	modes := strings.Split(*protocols, ",")
	tps := map[string][][]float64{}
	for _, m := range modes {
		tps[m] = make([][]float64, len(*targets))
	}
	for run := range *runs {
		for _, m := range modes {
			for k := range *targets {
				i := (k + run) % len(*targets)
				t := (*targets)[i]
				cmd := exec.CommandContext(context.Background(), path, "-n", "-S", "-M", m,
					"-c", strconv.Itoa(*clients), "-j", strconv.Itoa(*threads), "-T", strconv.Itoa(*secs), t.DSN)
				var out bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &out
				if err := cmd.Run(); err != nil {
					return fmt.Errorf("%s: pgbench: %v\n%s", t.Name, err, out.String())
				}
				match := tpsLine.FindSubmatch(out.Bytes())
				if match == nil {
					return fmt.Errorf("%s: no tps line in pgbench output:\n%s", t.Name, out.String())
				}
				v, _ := strconv.ParseFloat(string(match[1]), 64)
				tps[m][i] = append(tps[m][i], v)
				fmt.Fprintf(os.Stderr, "pgbench -S -M %s run %d %-14s %9.0f tps\n", m, run+1, t.Name, v)
			}
		}
	}
	direct, bouncer := targets.find("direct"), targets.find("pgbouncer")
	fmt.Printf("| pgbench | target | median TPS | TPS vs direct | TPS vs pgbouncer | paired vs pgbouncer: median (range) | runs (TPS) |\n")
	fmt.Printf("|---|---|---:|---:|---:|---:|---|\n")
	for _, m := range modes {
		for i, t := range *targets {
			med := median(tps[m][i])
			vsDirect, vsBouncer, paired := "-", "-", "-"
			if direct >= 0 && i != direct {
				vsDirect = ratio(med, median(tps[m][direct]))
			}
			if bouncer >= 0 && i != bouncer {
				vsBouncer = ratio(med, median(tps[m][bouncer]))
				paired = pairedRatio(tps[m][i], tps[m][bouncer])
			}
			fmt.Printf("| -S -M %s -c %d -j %d -T %d | %s | %.0f | %s | %s | %s | %s |\n",
				m, *clients, *threads, *secs, t.Name, med, vsDirect, vsBouncer, paired, fmtList(tps[m][i], 0))
		}
	}
	return nil
}
