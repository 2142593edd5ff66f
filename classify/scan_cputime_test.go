//go:build linux

package classify

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// TestScanCPUThroughput measures the span scan by the CPU time of the scanning thread, best of
// several rounds: on a shared machine where the other tenants' load halves or doubles wall-clock
// benchmark figures from one minute to the next, the fastest round's CPU time is the steadiest
// figure to compare two builds by (run both, interleaved). Opt-in:
//
//	MASKWIRE_SCAN_CPU=1 go test ./classify -run TestScanCPUThroughput -v
//
// It also scans the 64 KiB mixed text as sixteen separate 4 KiB values, and one 4 KiB piece
// alone, repeated: the first runs at the 64 KiB speed, the second faster (the branch predictor
// learns a short text scanned again and again; see docs/arch/classify.md).
func TestScanCPUThroughput(t *testing.T) {
	if os.Getenv("MASKWIRE_SCAN_CPU") == "" {
		t.Skip("set MASKWIRE_SCAN_CPU=1 to measure")
	}
	sc := Default()
	var sink countSink
	scan := func(b []byte) { sc.Scan(b, Context{Column: ColumnFreeText}, &sink) }
	report := func(name string, text []byte, fn func([]byte)) {
		t.Logf("%-28s %8.1f MB/s", name, cpuMBps(text, fn))
	}
	for _, sz := range benchSizes {
		report("mixed "+sz.name, mixedText(sz.n, 1), scan)
	}
	report("dense 4KiB", denseText(4096, 1), scan)
	for _, sz := range benchSizes {
		report("notrigger "+sz.name, noTriggerText(sz.n), scan)
	}
	t64 := mixedText(65536, 1)
	report("mixed 64KiB as 16 x 4KiB", t64, func(b []byte) {
		for o := 0; o < len(b); o += 4096 {
			scan(b[o : o+4096])
		}
	})
	report("mixed 64KiB piece 2 alone", t64[2*4096:3*4096], scan)
	// The notes of bench's FreeText stream (one ~120-byte prose value per row).
	var notes [][]byte
	for r := 0; r < 8; r++ {
		notes = append(notes, []byte([]string{
			fmt.Sprintf("Customer called about order %d, asked us to email the invoice to jane.doe%d@example.org before Friday; follow up next week.", 1000+r, 1000+r),
			fmt.Sprintf("Spoke with the account owner; they will update billing details in the portal. Ticket %d closed, no further action needed.", 1000+r),
			fmt.Sprintf("Callback requested on +44 20 7946 %04d regarding the delivery delay; shipment %d is held at the depot.", 1000+r, 1000+r),
			fmt.Sprintf("Refund of %d.%02d EUR approved by the team lead after reviewing the case notes and the customer history.", r, r),
		}[r%4]))
	}
	var all []byte
	for _, n := range notes {
		all = append(all, n...)
	}
	report("notes (bench FreeText)", all, func([]byte) {
		for _, n := range notes {
			scan(n)
		}
	})
	// Short values of a clean result set, as a spot check scans them (no column hints).
	total := 0.0
	for _, v := range []string{"12345", "SKU-00042", "shipped", "emea", "wh3", "2024-03-05 10:22:00+00", "1234.56", "EUR", "web"} {
		b := []byte(v)
		mbps := cpuMBps(b, func(b []byte) { sc.Scan(b, Context{}, &sink) })
		ns := float64(len(b)) / mbps * 1e3
		total += ns
		t.Logf("short %-22q %8.1f ns", v, ns)
	}
	t.Logf("short values, total %8.1f ns", total)
}

// threadCPU is the CPU time of the calling OS thread.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuMBps returns the best of seven rounds (each at least 100 ms of thread CPU time) of fn over
// text, in MB/s of thread CPU time.
func cpuMBps(text []byte, fn func([]byte)) float64 {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	best := 0.0
	for round := 0; round < 7; round++ {
		reps := 0
		t0 := threadCPU()
		var el time.Duration
		for el < 100*time.Millisecond {
			for k := 0; k < 16; k++ {
				fn(text)
			}
			reps += 16
			el = threadCPU() - t0
		}
		if v := float64(reps*len(text)) / el.Seconds() / 1e6; v > best {
			best = v
		}
	}
	return best
}
