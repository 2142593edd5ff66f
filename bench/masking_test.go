// Package bench holds maskwire's benchmarks: the masking micro-benchmarks
// here (go test ./bench -bench .) and the end-to-end harness (e2e.sh).
package bench

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/maskwire/maskwire/engine"
	"github.com/maskwire/maskwire/masking"
)

// customers: a 10-column row; email, phone, ssn and card_number are PII by
// name (4 columns tokenized), the rest are clean.
var customerCols = []column{
	{"id", 23, 16400, 1}, {"email", 25, 16400, 2}, {"phone", 25, 16400, 3}, {"ssn", 25, 16400, 4},
	{"card_number", 25, 16400, 5}, {"country", 25, 16400, 6}, {"status", 25, 16400, 7},
	{"created_at", 1184, 16400, 8}, {"amount", 1700, 16400, 9}, {"plan", 25, 16400, 10},
}

func customerValue(r, c int) string {
	switch c {
	case 0:
		return fmt.Sprint(r + 1)
	case 1:
		return fmt.Sprintf("customer.%06d@mail%d.example.com", r, r%7)
	case 2:
		return fmt.Sprintf("+1 (415) 55%d-%04d", r%10, r%10000)
	case 3:
		return fmt.Sprintf("%03d-%02d-%04d", 100+r%600, 1+r%99, 1+r%9999)
	case 4:
		return luhnCard(r)
	case 5:
		return [...]string{"US", "DE", "FR", "GB", "NL"}[r%5]
	case 6:
		return [...]string{"active", "churned", "trial"}[r%3]
	case 7:
		return fmt.Sprintf("2024-%02d-%02d 10:%02d:00+00", 1+r%12, 1+r%28, r%60)
	case 8:
		return fmt.Sprintf("%d.%02d", r%5000, r%100)
	default:
		return [...]string{"free", "pro", "enterprise"}[r%3]
	}
}

// luhnCard returns a 16-digit Visa-range number with a valid check digit.
func luhnCard(r int) string {
	d := []byte(fmt.Sprintf("4%014d", 100000000+r*7919))
	sum := 0
	for i := range d {
		v := int(d[len(d)-1-i] - '0')
		if i%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return string(d) + string(rune('0'+(10-sum%10)%10))
}

// clean: the same shape with nothing to mask.
var cleanCols = []column{
	{"id", 23, 16500, 1}, {"sku", 25, 16500, 2}, {"qty", 23, 16500, 3}, {"status", 25, 16500, 4},
	{"region", 25, 16500, 5}, {"warehouse", 25, 16500, 6}, {"created_at", 1184, 16500, 7},
	{"amount", 1700, 16500, 8}, {"currency", 25, 16500, 9}, {"channel", 25, 16500, 10},
}

func cleanValue(r, c int) string {
	switch c {
	case 0, 2:
		return fmt.Sprint(r + c)
	case 1:
		return fmt.Sprintf("SKU-%05d", r%50000)
	case 3:
		return [...]string{"shipped", "pending", "returned"}[r%3]
	case 4:
		return [...]string{"emea", "amer", "apac"}[r%3]
	case 5:
		return fmt.Sprintf("wh%d", r%12)
	case 6:
		return fmt.Sprintf("2024-%02d-%02d 10:%02d:00+00", 1+r%12, 1+r%28, r%60)
	case 7:
		return fmt.Sprintf("%d.%02d", r%5000, r%100)
	case 8:
		return "EUR"
	default:
		return [...]string{"web", "store", "phone"}[r%3]
	}
}

// notes: one free-text column of prose with some PII in it.
var notesCols = []column{{"note", 25, 16600, 1}}

func noteValue(r, _ int) string {
	switch r % 4 {
	case 0:
		return fmt.Sprintf("Customer called about order %d, asked us to email the invoice to jane.doe%d@example.org before Friday; follow up next week.", r, r)
	case 1:
		return fmt.Sprintf("Spoke with the account owner; they will update billing details in the portal. Ticket %d closed, no further action needed.", r)
	case 2:
		return fmt.Sprintf("Callback requested on +44 20 7946 %04d regarding the delivery delay; shipment %d is held at the depot.", r%10000, r)
	default:
		return fmt.Sprintf("Refund of %d.%02d EUR approved by the team lead after reviewing the case notes and the customer history.", r%500, r%100)
	}
}

const benchRows = 20000

func benchStream(b *testing.B, cfg *engine.Config, st *stream) {
	s := session(b, cfg)
	st.run(b, s) // warm up: verdicts sampled and cached, buffers grown
	b.SetBytes(st.bytes())
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		st.run(b, s)
	}
	b.StopTimer()
	reportRows(b, st.nrows)
}

// BenchmarkMasking: sub-benchmarks over the same machinery, with Memcpy
// (a copy of the same bytes) as the baseline in the same run.
func BenchmarkMasking(b *testing.B) {
	customers := buildStream(b, customerCols, benchRows, customerValue)
	clean := buildStream(b, cleanCols, benchRows, cleanValue)
	notes := buildStream(b, notesCols, benchRows, noteValue)

	b.Run("Memcpy", func(b *testing.B) {
		src := append(append(append([]byte(nil), clean.head...), clean.rows...), clean.tail...)
		dst := make([]byte, len(src))
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for range b.N {
			copy(dst, src)
		}
		reportRows(b, clean.nrows)
	})
	b.Run("Off", func(b *testing.B) { benchStream(b, newConfig(b, masking.ModeOff), clean) })
	b.Run("Passthrough", func(b *testing.B) { benchStream(b, newConfig(b, masking.ModeEnforce), clean) })
	b.Run("MaskCached", func(b *testing.B) { benchStream(b, newConfig(b, masking.ModeEnforce), customers) })
	b.Run("FreeText", func(b *testing.B) { benchStream(b, newConfig(b, masking.ModeEnforce), notes) })
}

// TestBenchmarkStreamsAreMasked keeps the benchmarks honest: the customers
// stream really is tokenized (no raw email, SSN or card leaves), the clean
// one really passes unchanged, and free text loses its emails.
func TestBenchmarkStreamsAreMasked(t *testing.T) {
	check := func(name string, cols []column, value func(int, int) string, sensitive []int, wantSame bool) {
		st := buildStream(t, cols, 200, value)
		s := session(t, newConfig(t, masking.ModeEnforce))
		var got []byte
		s.FromClient(query)
		for _, part := range [][]byte{st.head, st.rows, st.tail} {
			out, _ := s.FromServer(part)
			if out.Close {
				t.Fatalf("%s: session closed: %q", name, out.ToClient)
			}
			got = append(got, out.ClientBytes()...)
		}
		want := append(append(append([]byte(nil), st.head...), st.rows...), st.tail...)
		if wantSame != bytes.Equal(got, want) {
			t.Fatalf("%s: output identical to input = %v, want %v", name, !wantSame, wantSame)
		}
		for r := range 200 {
			for _, c := range sensitive {
				if v := value(r, c); bytes.Contains(got, []byte(v)) {
					t.Fatalf("%s: raw value %q left maskwire", name, v)
				}
			}
		}
	}
	check("customers", customerCols, customerValue, []int{1, 2, 3, 4}, false)
	check("clean", cleanCols, cleanValue, nil, true)
	check("pii12", pii12Cols, pii12Value, []int{1, 2, 3, 4, 5, 6}, false)
	// Free text: the emails inside the notes are replaced, the prose stays.
	st := buildStream(t, notesCols, 200, noteValue)
	s := session(t, newConfig(t, masking.ModeEnforce))
	s.FromClient(query)
	var got []byte
	for _, part := range [][]byte{st.head, st.rows, st.tail} {
		out, _ := s.FromServer(part)
		got = append(got, out.ClientBytes()...)
	}
	for r := 0; r < 200; r += 4 {
		if email := fmt.Sprintf("jane.doe%d@example.org", r); bytes.Contains(got, []byte(email)) {
			t.Fatalf("notes: %q left maskwire", email)
		}
	}
	if !bytes.Contains(got, []byte("Refund of")) {
		t.Fatal("notes: the prose itself was lost")
	}
}

// pii12: the end-to-end table (bench/e2e.sh) in text format: id int8,
// full_name, email, phone, ssn, card_number, iban (6 PII columns), created_on
// date, amount numeric, status, quantity int4, is_active bool.
var pii12Cols = []column{
	{"id", 20, 16700, 1}, {"full_name", 25, 16700, 2}, {"email", 25, 16700, 3}, {"phone", 25, 16700, 4},
	{"ssn", 25, 16700, 5}, {"card_number", 25, 16700, 6}, {"iban", 25, 16700, 7},
	{"created_on", 1082, 16700, 8}, {"amount", 1700, 16700, 9}, {"status", 25, 16700, 10},
	{"quantity", 23, 16700, 11}, {"is_active", 16, 16700, 12},
}

// pii12Value mimics bench/e2e/fake.go: names from short lists (they repeat),
// everything else mostly distinct.
func pii12Value(r, c int) string {
	firsts := [...]string{"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "Elizabeth", "Yuki"}
	lasts := [...]string{"Smith", "Johnson", "Williams", "Rodriguez", "Kowalski", "Okafor", "Nielsen", "Tanaka", "Hernandez"}
	ibans := [...]string{"DE89370400440532013000", "FR7630006000011234567890189", "ES9121000418450200051332",
		"BE68539007547034", "AT611904300234573201", "PL61109010140000071219812874"}
	h := uint64(r)*0x9E3779B97F4A7C15 + uint64(c)
	h ^= h >> 29
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 32
	f, l := firsts[h%uint64(len(firsts))], lasts[h/16%uint64(len(lasts))]
	switch c {
	case 0:
		return fmt.Sprint(r + 1)
	case 1:
		return f + " " + l
	case 2:
		return fmt.Sprintf("%s.%s%d@example.org", strings.ToLower(f), strings.ToLower(l), h%1000)
	case 3:
		return fmt.Sprintf("(%d) 555-01%02d", 201+h%790, h/1000%100)
	case 4:
		return fmt.Sprintf("%03d-%02d-%04d", 1+h%899, 1+h/1000%99, 1+h/100000%9999)
	case 5:
		return luhnCard(int(h % 1e9))
	case 6:
		return ibans[h%uint64(len(ibans))]
	case 7:
		return fmt.Sprintf("20%02d-%02d-%02d", 15+h%10, 1+h/10%12, 1+h/200%28)
	case 8:
		return fmt.Sprintf("%d.%02d", h%100000, h/100000%100)
	case 9:
		return [...]string{"active", "pending", "closed", "trial"}[h%4]
	case 10:
		return fmt.Sprint(h % 500)
	default:
		return [...]string{"t", "f"}[h%2]
	}
}

// BenchmarkStreamPII12: the end-to-end pii12 table's rows through the
// default policy (the proxy's CPU per row that bench/e2e.sh measures).
func BenchmarkStreamPII12(b *testing.B) {
	benchStream(b, newConfig(b, masking.ModeEnforce), buildStream(b, pii12Cols, benchRows, pii12Value))
}
