package mask

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"strings"
	"testing"

	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/policy"
)

// Benchmarks: ns/value and MB/s per transform, each beside the baseline
// (copying the value into the output buffer) in the same run.
//
//	go test ./mask -run XXX -bench . -benchtime 300ms -count 5

var benchText = []struct {
	name string
	t    classify.Type
	v    string
}{
	{"Email", classify.EmailAddress, "alice.smith@example.com"},
	{"Phone", classify.PhoneNumber, "+1 (555) 010-9999"},
	{"Card", classify.CreditCard, "4111 1111 1111 1111"},
	{"SSN", classify.USSSN, "123-45-6789"},
	{"IBAN", classify.IBANCode, "DE89 3704 0044 0532 0130 00"},
	{"IPv4", classify.IPAddress, "192.168.1.7"},
	{"Generic", classify.Person, "Ada Lovelace"},
	{"Generic256", classify.GenericSecret, string(make([]byte, 256))},
}

func BenchmarkText(b *testing.B) {
	s := newSession(b)
	dst := make([]byte, 0, 1024)
	for _, c := range benchText {
		v := []byte(c.v)
		b.Run(c.name+"/Copy", func(b *testing.B) {
			b.SetBytes(int64(len(v)))
			b.ReportAllocs()
			for b.Loop() {
				dst = append(dst[:0], v...)
			}
		})
		b.Run(c.name+"/Tokenize", func(b *testing.B) {
			b.SetBytes(int64(len(v)))
			b.ReportAllocs()
			for b.Loop() {
				dst, _ = s.AppendToken(dst[:0], c.t, v, false)
			}
		})
		b.Run(c.name+"/Mask", func(b *testing.B) {
			b.SetBytes(int64(len(v)))
			b.ReportAllocs()
			for b.Loop() {
				dst = AppendMasked(dst[:0], v, 4, false)
			}
		})
		b.Run(c.name+"/Hash", func(b *testing.B) {
			b.SetBytes(int64(len(v)))
			b.ReportAllocs()
			for b.Loop() {
				dst = s.AppendText(dst[:0], policy.Action{Kind: policy.Hash}, c.t, v)
			}
		})
	}
}

func BenchmarkTyped(b *testing.B) {
	s := newSession(b)
	dst := make([]byte, 0, 1024)
	be := binary.BigEndian
	cases := []struct {
		name string
		oid  uint32
		f    int16
		v    []byte
	}{
		{"Int8Binary", OIDInt8, Binary, be.AppendUint64(nil, 123456789)},
		{"Int4Text", OIDInt4, Text, []byte("123456789")},
		{"NumericText", OIDNumeric, Text, []byte("123456.78")},
		{"UUIDText", OIDUUID, Text, []byte("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")},
		{"UUIDBinary", OIDUUID, Binary, make([]byte, 16)},
		{"DateText", OIDDate, Text, []byte("1985-07-14")},
		{"TimestamptzBinary", OIDTimestamptz, Binary, be.AppendUint64(nil, 1<<40)},
		{"InetText", OIDInet, Text, []byte("10.1.2.3/8")},
		{"Bytea64Binary", OIDBytea, Binary, make([]byte, 64)},
		{"JSON", OIDJSON, Text, []byte(`{"id":7,"email":"alice@example.com","tags":["a","b"],"n":{"phone":"+1 555 0100"}}`)},
	}
	for _, c := range cases {
		b.Run(c.name+"/Copy", func(b *testing.B) {
			b.SetBytes(int64(len(c.v)))
			b.ReportAllocs()
			for b.Loop() {
				dst = append(dst[:0], c.v...)
			}
		})
		b.Run(c.name+"/Tokenize", func(b *testing.B) {
			b.SetBytes(int64(len(c.v)))
			b.ReportAllocs()
			for b.Loop() {
				dst, _ = s.AppendTyped(dst[:0], c.oid, c.f, classify.EmailAddress, c.v, false)
			}
		})
	}
}

// BenchmarkPRF compares the keyed function candidates on a short value:
// AES-128-CMAC (what tokens use), HMAC-SHA256 (what they used first, and
// AppendHash), a single SHA-256 of key||value (no HMAC construction), and
// maphash (not a cryptographic PRF: the floor).
func BenchmarkPRF(b *testing.B) {
	v := []byte("alice.smith@example.com")
	s := newSession(b)
	b.Run("AESCMAC", func(b *testing.B) { // what tokens use
		b.SetBytes(int64(len(v)))
		b.ReportAllocs()
		for b.Loop() {
			s.begin(tagEmail)
			s.write(v)
			s.finish()
		}
	})
	b.Run("HMACSHA256", func(b *testing.B) { // what AppendHash uses
		b.SetBytes(int64(len(v)))
		b.ReportAllocs()
		for b.Loop() {
			s.mac.Reset()
			s.mac.Write(v)
			s.mac.Sum(s.hsum[:0])
		}
	})
	b.Run("SHA256KeyPrefix", func(b *testing.B) {
		b.SetBytes(int64(len(v)))
		b.ReportAllocs()
		h := sha256.New()
		var sum [32]byte
		for b.Loop() {
			h.Reset()
			h.Write(testKey)
			h.Write(v)
			h.Sum(sum[:0])
		}
	})
	b.Run("Maphash", func(b *testing.B) {
		b.SetBytes(int64(len(v)))
		b.ReportAllocs()
		seed := maphash.MakeSeed()
		for b.Loop() {
			_ = maphash.Bytes(seed, v)
		}
	})
}

// BenchmarkCache: AppendToken with and without the freecache, over a working
// set of n distinct emails (all hits after the first pass).
func BenchmarkCache(b *testing.B) {
	tk, _ := NewTokenizer(testKey)
	for _, n := range []int{1, 10000} {
		vals := make([][]byte, n)
		for i := range vals {
			vals[i] = fmt.Appendf(nil, "user%06d@example.com", i)
		}
		for _, cached := range []bool{false, true} {
			t := tk
			name := fmt.Sprintf("Set%d/NoCache", n)
			if cached {
				t = tk.WithCache(NewCache(32 << 20))
				name = fmt.Sprintf("Set%d/Freecache", n)
			}
			s := t.NewSession()
			dst := make([]byte, 0, 256)
			for _, v := range vals {
				dst, _ = s.AppendToken(dst[:0], classify.EmailAddress, v, false)
			}
			b.Run(name, func(b *testing.B) {
				b.SetBytes(int64(len(vals[0])))
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					dst, _ = s.AppendToken(dst[:0], classify.EmailAddress, vals[i], false)
					if i++; i == n {
						i = 0
					}
				}
			})
		}
	}
}

// BenchmarkRow4Tokens: the transform share of the MaskCached row (4
// of 10 columns tokenized: email, phone, SSN, card), in rows/s on one core.
func BenchmarkRow4Tokens(b *testing.B) {
	s := newSession(b)
	vals := []struct {
		t classify.Type
		v []byte
	}{
		{classify.EmailAddress, []byte("alice.smith@example.com")}, {classify.PhoneNumber, []byte("+1 (555) 010-9999")},
		{classify.USSSN, []byte("123-45-6789")}, {classify.CreditCard, []byte("4111 1111 1111 1111")},
	}
	n := 0
	for _, v := range vals {
		n += len(v.v)
	}
	dst := make([]byte, 0, 512)
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		dst = dst[:0]
		for _, v := range vals {
			dst, _ = s.AppendToken(dst, v.t, v.v, false)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkRowPII12: the six tokenized values of a row of the end-to-end
// benchmark's pii12 table (bench/e2e: full_name, email, phone, ssn,
// card_number, iban, in its formats), over 64 different rows; ns/value is
// the figure issue 4 tracks.
func BenchmarkRowPII12(b *testing.B) {
	s := newSession(b)
	firsts := []string{"James", "Patricia", "Jennifer", "Michael", "Elizabeth", "Yuki", "Jan", "Sophie"}
	lasts := []string{"Smith", "Rodriguez", "Kowalski", "Okafor", "Johnson", "Nielsen", "Tanaka", "Hernandez"}
	ibans := []string{"DE89370400440532013000", "FR7630006000011234567890189", "ES9121000418450200051332",
		"BE68539007547034", "AT611904300234573201", "PL61109010140000071219812874"}
	type val struct {
		t classify.Type
		v []byte
	}
	var rows [][]val
	n := 0
	for i := range 64 {
		f, l := firsts[i%len(firsts)], lasts[(i*3)%len(lasts)]
		row := []val{
			{classify.Person, []byte(f + " " + l)},
			{classify.EmailAddress, fmt.Appendf(nil, "%s.%s%d@mail.example.com", strings.ToLower(f), strings.ToLower(l), i*37%1000)},
			{classify.PhoneNumber, fmt.Appendf(nil, "(%d) 555-01%02d", 201+i*13%790, i)},
			{classify.USSSN, fmt.Appendf(nil, "%03d-%02d-%04d", 1+i*7%899, 1+i%99, 1+i*131%9999)},
			{classify.CreditCard, fmt.Appendf(nil, "4%015d", uint64(i)*104729*1000003%1e15)},
			{classify.IBANCode, []byte(ibans[i%len(ibans)])},
		}
		for _, v := range row {
			n += len(v.v)
		}
		rows = append(rows, row)
	}
	dst := make([]byte, 0, 1024)
	b.SetBytes(int64(n / len(rows)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		dst = dst[:0]
		for _, v := range rows[i] {
			dst, _ = s.AppendToken(dst, v.t, v.v, false)
		}
		if i++; i == len(rows) {
			i = 0
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/6, "ns/value")
}
