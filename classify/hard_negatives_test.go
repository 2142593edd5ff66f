package classify

import (
	"fmt"
	"math/rand"
	"testing"
)

// TestHardNegatives scans values that look like PII but are not (UUIDs, order and invoice
// numbers, timestamps, versions, hashes, ISBNs, tracking numbers, coordinates, random 9-digit
// IDs, product codes), bare and inside a sentence, and requires a false-positive rate of at most
// 0.1% per kind for the structured types. Values come from a seeded generator of the formats as
// they occur in the wild; the corpora package measures the same on its own corpus.
func TestHardNegatives(t *testing.T) {
	r := rand.New(rand.NewSource(42))
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + r.Intn(10))
		}
		return string(b)
	}
	hex := func(n int) string {
		const h = "0123456789abcdef"
		b := make([]byte, n)
		for i := range b {
			b[i] = h[r.Intn(16)]
		}
		return string(b)
	}
	upper := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('A' + r.Intn(26))
		}
		return string(b)
	}
	isbn13 := func() string {
		d := "978" + digits(9)
		s := 0
		for i := 0; i < 12; i++ {
			v := int(d[i] - '0')
			if i%2 == 1 {
				v *= 3
			}
			s += v
		}
		return d + string(byte('0'+(10-s%10)%10))
	}
	kinds := []struct {
		name string
		gen  func() string
	}{
		{"uuid", func() string { return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3) + "-" + hex(12) }},
		{"order", func() string {
			return []string{"ORD-", "#", "Order #", "order no. ", "PO-", "SO"}[r.Intn(6)] + digits(6+r.Intn(5))
		}},
		{"invoice", func() string { return "INV-" + fmt.Sprint(2019+r.Intn(7)) + "-" + digits(5) }},
		{"timestamp-iso", func() string {
			return fmt.Sprintf("%d-%02d-%02dT%02d:%02d:%02d.%03dZ", 2000+r.Intn(26), 1+r.Intn(12), 1+r.Intn(28), r.Intn(24), r.Intn(60), r.Intn(60), r.Intn(1000))
		}},
		{"timestamp-log", func() string {
			return fmt.Sprintf("%d/%02d/%02d %02d:%02d:%02d", 2000+r.Intn(26), 1+r.Intn(12), 1+r.Intn(28), r.Intn(24), r.Intn(60), r.Intn(60))
		}},
		{"unix-time", func() string { return fmt.Sprint(1000000000 + r.Intn(800000000)) }},
		{"unix-ms", func() string { return fmt.Sprint(1000000000000 + r.Int63n(800000000000)) }},
		{"version", func() string {
			return fmt.Sprintf("v%d.%d.%d", r.Intn(20), r.Intn(50), r.Intn(200))
		}},
		{"version4", func() string {
			return fmt.Sprintf("version %d.%d.%d.%d", r.Intn(130), r.Intn(10), r.Intn(9999), r.Intn(999))
		}},
		{"md5", func() string { return hex(32) }},
		{"sha1", func() string { return hex(40) }},
		{"sha256", func() string { return hex(64) }},
		{"git-short", func() string { return "commit " + hex(7) }},
		{"isbn13", func() string { return "ISBN " + isbn13() }},
		{"isbn13-hyphen", func() string {
			d := isbn13()
			return d[:3] + "-" + d[3:4] + "-" + d[4:7] + "-" + d[7:12] + "-" + d[12:]
		}},
		{"ups", func() string { return "1Z" + upper(3) + digits(2) + digits(10) }},
		{"fedex", func() string { return "tracking " + digits(12) }},
		{"usps", func() string { return "9400" + digits(18) }},
		{"latlong", func() string {
			return fmt.Sprintf("%.6f, %.6f", r.Float64()*180-90, r.Float64()*360-180)
		}},
		{"latlong-paren", func() string {
			return fmt.Sprintf("(%.4f,%.4f)", r.Float64()*180-90, r.Float64()*360-180)
		}},
		{"id9", func() string { return "ID " + digits(9) }},
		{"id9-bare", func() string { return digits(9) }},
		{"product-code", func() string { return "SKU " + digits(3) + "-" + digits(3) + "-" + digits(4) }},
		{"part-number", func() string { return "part " + upper(2) + "-" + digits(4) + "-" + digits(3) }},
		{"money", func() string { return fmt.Sprintf("$%d,%03d.%02d", 1+r.Intn(999), r.Intn(1000), r.Intn(100)) }},
		{"percent", func() string { return fmt.Sprintf("%d.%d%% of %d", r.Intn(100), r.Intn(10), r.Intn(100000)) }},
		{"time-range", func() string {
			return fmt.Sprintf("%02d:%02d-%02d:%02d", r.Intn(24), r.Intn(60), r.Intn(24), r.Intn(60))
		}},
		{"ipv4-like-version", func() string {
			return fmt.Sprintf("build %d.%d.%d.%d", r.Intn(10), r.Intn(10), r.Intn(100), r.Intn(1000))
		}},
		{"decimal", func() string { return fmt.Sprintf("%d.%d", r.Intn(100000), r.Intn(1000000)) }},
	}
	structured := AllTypes &^ SetOf(Person, Location, GenericSecret, Password, AWSSecretKey)
	sc := Default()
	const n = 5000
	for _, k := range kinds {
		fps := 0
		var example string
		for i := 0; i < n; i++ {
			v := k.gen()
			for _, text := range []string{v, "the value is " + v + " as noted."} {
				var buf SpanBuffer
				sc.Scan([]byte(text), Context{Column: ColumnFreeText}, &buf)
				for _, s := range buf.Spans {
					if structured.Has(s.Type) {
						fps++
						if example == "" {
							example = fmt.Sprintf("%s %q in %q", s.Type, text[s.Start:s.End], text)
						}
						break
					}
				}
			}
		}
		rate := float64(fps) / (2 * n)
		if fps > 0 {
			t.Logf("%s: %d of %d (%s)", k.name, fps, 2*n, example)
		}
		if rate > 0.001 {
			t.Errorf("%s: false-positive rate %.2f%% (e.g. %s)", k.name, 100*rate, example)
		}
	}
}
