package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// procSample is a process's cumulative CPU time and I/O syscall counters
// (/proc/PID/stat and /proc/PID/io, all threads). The difference of two
// samples around a run says what a proxy spent on it: CPU seconds are far
// less sensitive to a busy machine than wall time, and bytes per syscall
// show whether the proxy batches its reads and writes.
type procSample struct {
	cpuTicks                   int64 // utime + stime, in clock ticks
	syscr, syscw, rchar, wchar int64
}

// clockTicks is USER_HZ; 100 on every Linux this runs on.
const clockTicks = 100

func readProc(pid int) (procSample, error) {
	var s procSample
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return s, err
	}
	// Fields after the parenthesised command name; utime and stime are the
	// 14th and 15th fields of the whole line.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return s, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 13 {
		return s, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	s.cpuTicks = ut + st

	io, err := os.ReadFile(fmt.Sprintf("/proc/%d/io", pid))
	if err != nil {
		return s, err
	}
	sc := bufio.NewScanner(bytes.NewReader(io))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ": ")
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		switch k {
		case "syscr":
			s.syscr = n
		case "syscw":
			s.syscw = n
		case "rchar":
			s.rchar = n
		case "wchar":
			s.wchar = n
		}
	}
	return s, nil
}

func (a procSample) sub(b procSample) procSample {
	return procSample{a.cpuTicks - b.cpuTicks, a.syscr - b.syscr, a.syscw - b.syscw, a.rchar - b.rchar, a.wchar - b.wchar}
}

func (a procSample) cpuSeconds() float64 { return float64(a.cpuTicks) / clockTicks }

// pidList is a repeatable -pid name=PID flag naming the process behind a
// target.
type pidList map[string]int

func (p pidList) String() string { return fmt.Sprint(map[string]int(p)) }

func (p pidList) Set(s string) error {
	name, v, ok := strings.Cut(s, "=")
	pid, err := strconv.Atoi(v)
	if !ok || name == "" || err != nil || pid <= 0 {
		return fmt.Errorf("want name=PID, got %q", s)
	}
	p[name] = pid
	return nil
}
