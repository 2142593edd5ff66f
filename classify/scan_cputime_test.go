//go:build linux

package classify

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// BenchmarkScanCPUTime measures the span scan by the CPU time of the scanning thread as well as
// by the wall clock (metric cpu-MB/s): on a shared machine where the other tenants' load halves or
// doubles wall-clock figures from one minute to the next, thread CPU time is the steadier figure to
// compare two builds by (run both, interleaved, and compare with benchstat):
//
//	go test ./classify -run '^$' -bench ScanCPUTime -count 6
//
// It also scans the 64 KiB mixed text as sixteen separate 4 KiB values, and one 4 KiB piece
// alone, repeated: the first runs at the 64 KiB speed, the second faster (the branch predictor
// learns a short text scanned again and again; see docs/arch/classify.md).
func BenchmarkScanCPUTime(b *testing.B) {
	sc := Default()
	var sink countSink
	scan := func(t []byte) { sc.Scan(t, Context{Column: ColumnFreeText}, &sink) }
	run := func(name string, text []byte, fn func([]byte)) {
		b.Run(name, func(b *testing.B) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			t0 := threadCPU()
			for b.Loop() {
				fn(text)
			}
			if cpu := threadCPU() - t0; cpu > 0 {
				b.ReportMetric(float64(b.N)*float64(len(text))/cpu.Seconds()/1e6, "cpu-MB/s")
			}
		})
	}
	for _, sz := range benchSizes {
		run("mixed/"+sz.name, mixedText(sz.n, 1), scan)
	}
	run("dense/4KiB", denseText(4096, 1), scan)
	for _, sz := range benchSizes {
		run("notrigger/"+sz.name, noTriggerText(sz.n), scan)
	}
	t64 := mixedText(65536, 1)
	run("mixed/64KiB-as-16x4KiB", t64, func(t []byte) {
		for o := 0; o < len(t); o += 4096 {
			scan(t[o : o+4096])
		}
	})
	run("mixed/64KiB-piece-2-alone", t64[2*4096:3*4096], scan)
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
	run("notes(bench-FreeText)", all, func([]byte) {
		for _, n := range notes {
			scan(n)
		}
	})
	// Short values of a clean result set, as a spot check scans them (no column hints).
	var short []byte
	values := [][]byte{[]byte("12345"), []byte("SKU-00042"), []byte("shipped"), []byte("emea"), []byte("wh3"),
		[]byte("2024-03-05 10:22:00+00"), []byte("1234.56"), []byte("EUR"), []byte("web")}
	for _, v := range values {
		short = append(short, v...)
	}
	run("spot-check-row(9-short-values)", short, func([]byte) {
		for _, v := range values {
			sc.Scan(v, Context{}, &sink)
		}
	})
}

// threadCPU is the CPU time of the calling OS thread.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
