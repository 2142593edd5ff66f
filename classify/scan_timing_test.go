package classify

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"
)

// Speed benchmarks for the span scanner, each beside its baseline over the same bytes
// (bytes.IndexByte, copy) so the ratio is visible in one run:
//
//	go test ./classify/ -run '^$' -bench 'Scan|Baseline' -benchtime 200ms -count 6

var benchWords = strings.Fields(`the of and to in is was for on that with as by at from it an be this
which or are have has had not but were they their been one all would there what so can out about
who up more when if will also into some than its two time only new could other these may first
then do any like my now over such our man me even most made after many before must well back
through where much should very own still between long again under never same last might while
customer account support ticket shipped delivered refund please thanks regards meeting tomorrow
invoice payment received address update request issue resolved order team review note call`)

// mixedText builds n bytes of prose with, about every 30 words (two or three sentences), an
// email address, a phone number, a card number, an IBAN, an IP address, a URL, a date, an
// order number, a version, a UUID, a timestamp or a key.
func mixedText(n int, seed int64) []byte { return piiText(n, seed, 30) }

// denseText is mixedText with a finding or a hard negative every 8 words on average.
func denseText(n int, seed int64) []byte { return piiText(n, seed, 8) }

func piiText(n int, seed int64, every int) []byte {
	r := rand.New(rand.NewSource(seed))
	pii := []string{
		"jane.doe@example.com", "+1 (415) 555-2671", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00",
		"192.168.10.42", "https://example.org/path?q=1", "born 1985-03-12", "order #A-20240115-0042",
		"020 7946 0958", "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "AKIAIOSFODNN7EXAMPLE", "v2.14.3",
		"550e8400-e29b-41d4-a716-446655440000", "token=8f14e45fceea167a5a36dedd4bea2543", "12:30",
		"2024-01-15T10:30:00Z", "SSN 536-90-4399", "$1,234.56", "ISBN 978-3-16-148410-0",
	}
	var b bytes.Buffer
	for b.Len() < n {
		words := 6 + r.Intn(14)
		for i := 0; i < words; i++ {
			w := benchWords[r.Intn(len(benchWords))]
			if i == 0 {
				b.WriteString(strings.ToUpper(w[:1]) + w[1:])
			} else {
				b.WriteString(w)
			}
			if r.Intn(every) == 0 {
				b.WriteString(" ")
				b.WriteString(pii[r.Intn(len(pii))])
			}
			if i < words-1 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(". ")
	}
	return b.Bytes()[:n]
}

// noTriggerText is prose without trigger bytes: letters, spaces and commas only, no digits,
// no '@', ':', '.', '-', and none of the keywords.
func noTriggerText(n int) []byte {
	var b bytes.Buffer
	r := rand.New(rand.NewSource(7))
	for b.Len() < n {
		b.WriteString(benchWords[r.Intn(len(benchWords))])
		if r.Intn(12) == 0 {
			b.WriteString(", ")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.Bytes()[:n]
}

type countSink struct{ n int }

func (c *countSink) Span(Span) { c.n++ }

var benchSizes = []struct {
	name string
	n    int
}{{"256B", 256}, {"4KiB", 4096}, {"64KiB", 65536}}

func BenchmarkScanMixedText(b *testing.B) {
	sc := Default()
	for _, sz := range benchSizes {
		text := mixedText(sz.n, 1)
		b.Run(sz.name, func(b *testing.B) {
			var sink countSink
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sc.Scan(text, Context{Column: ColumnFreeText}, &sink)
			}
		})
	}
}

func BenchmarkScanDenseText(b *testing.B) {
	sc := Default()
	text := denseText(4096, 1)
	var sink countSink
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sc.Scan(text, Context{Column: ColumnFreeText}, &sink)
	}
}

func BenchmarkScanNoTrigger(b *testing.B) {
	sc := Default()
	for _, sz := range benchSizes {
		text := noTriggerText(sz.n)
		b.Run(sz.name, func(b *testing.B) {
			var sink countSink
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sc.Scan(text, Context{Column: ColumnFreeText}, &sink)
			}
			if sink.n != 0 {
				b.Fatalf("no-trigger text produced %d spans", sink.n)
			}
		})
	}
}

func BenchmarkHasTriggerNoTrigger(b *testing.B) {
	sc := Default()
	text := noTriggerText(4096)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if sc.HasTrigger(text) {
			b.Fatal("trigger in no-trigger text")
		}
	}
}

// Baselines over the same bytes: a SIMD byte search and a copy.
var sinkInt int

func BenchmarkBaselineIndexByte(b *testing.B) {
	for _, sz := range benchSizes {
		text := mixedText(sz.n, 1)
		b.Run(sz.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sinkInt += bytes.IndexByte(text, 0)
			}
		})
	}
}

func BenchmarkBaselineCopy(b *testing.B) {
	for _, sz := range benchSizes {
		text := mixedText(sz.n, 1)
		dst := make([]byte, len(text))
		b.Run(sz.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sinkInt += copy(dst, text)
			}
		})
	}
}
