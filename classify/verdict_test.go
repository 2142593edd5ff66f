package classify

import (
	"testing"
	"time"
)

func newTestResolver(t testing.TB, opts Options) (*Resolver, *VerdictCache) {
	t.Helper()
	c, err := NewVerdictCache(MinVerdictCacheSize, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewResolver(c, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r, c
}

const (
	oidText    = 25
	oidVarchar = 1043
	oidInt4    = 23
	oidInt8    = 20
	oidBool    = 16
	oidDate    = 1082
	oidInet    = 869
	oidJSONB   = 3802
)

func TestInitialVerdicts(t *testing.T) {
	r, _ := newTestResolver(t, Options{})
	db := DatabaseID("test")
	cases := []struct {
		name  string
		typ   uint32
		kind  VerdictKind
		pii   Type
		hints ColumnHints
	}{
		{"email", oidText, VerdictPII, EmailAddress, ColumnEmail},
		{"contact_email", oidVarchar, VerdictPII, EmailAddress, ColumnEmail},
		{"ssn", oidInt4, VerdictPII, USSSN, ColumnNationalID},
		{"card_number", oidInt8, VerdictPII, CreditCard, ColumnCreditCard},
		{"id", oidInt4, VerdictClean, None, 0},
		{"amount", oidInt8, VerdictUnknown, None, 0}, // wide number: sampled
		{"is_admin", oidBool, VerdictClean, None, 0},
		{"email", oidBool, VerdictClean, None, 0}, // email_verified spelled badly: bool is never PII, its name is not read
		{"dob", oidDate, VerdictPII, DateTime, ColumnDateOfBirth},
		{"created_at", oidDate, VerdictClean, None, 0},
		{"dob", oidText, VerdictUnknown, None, ColumnDateOfBirth},
		{"client_addr", oidInet, VerdictPII, IPAddress, ColumnHints(0)},
		{"notes", oidText, VerdictUnknown, None, 0},
		{"payload", oidJSONB, VerdictUnknown, None, 0},
		{"name", oidText, VerdictUnknown, None, ColumnPerson},
		{"password_hash", 17, VerdictPII, Password, ColumnSecret},
		{"api_key", oidText, VerdictPII, GenericSecret, ColumnSecret},
	}
	cols := make([]ColumnDesc, len(cases))
	for i, c := range cases {
		cols[i] = ColumnDesc{Name: []byte(c.name), Key: TableColumnKey(db, 1000+uint32(i), 1, c.typ)}
	}
	states := r.Resolve(cols, make([]ColumnState, len(cols)))
	for i, c := range cases {
		v := states[i].Verdict
		if v.Kind != c.kind || (c.kind == VerdictPII && v.Type != c.pii) || v.Hints != c.hints {
			t.Errorf("%s (type %d): got %v %v hints %b, want %v %v hints %b", c.name, c.typ, v.Kind, v.Type, v.Hints, c.kind, c.pii, c.hints)
		}
	}
}

// feed runs values through Next/Observe, with spans from spansOf.
func feed(r *Resolver, st *ColumnState, values []string, spansOf func(string) []Span) (scanned int) {
	for _, v := range values {
		if r.Next(st) == ActionScan {
			scanned++
			r.Observe(st, []byte(v), spansOf(v))
		}
	}
	return scanned
}

// emailSpans is a stand-in scanner: a value holding '@' is an email from
// the token start to the token end.
func emailSpans(v string) []Span {
	for i := 0; i < len(v); i++ {
		if v[i] == '@' {
			s, e := i, i
			for s > 0 && v[s-1] != ' ' {
				s--
			}
			for e < len(v) && v[e] != ' ' {
				e++
			}
			return []Span{{Start: s, End: e, Type: EmailAddress, Score: 0.9}}
		}
	}
	return nil
}

func repeat(n int, f func(i int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func TestSampleVerdicts(t *testing.T) {
	db := DatabaseID("test")
	cases := []struct {
		name   string
		values []string
		kind   VerdictKind
		typ    Type
	}{
		{"all emails", repeat(40, func(i int) string { return "user" + string(rune('a'+i%26)) + "@example.com" }), VerdictPII, EmailAddress},
		{"codes", repeat(40, func(i int) string { return "SKU-" + string(rune('A'+i%26)) }), VerdictClean, None},
		{"prose, no PII", repeat(40, func(int) string { return "the parcel was left at the door" }), VerdictFreeText, None},
		{"some emails in text", repeat(40, func(i int) string {
			if i%4 == 0 {
				return "write to bob@example.com please"
			}
			return "ok"
		}), VerdictFreeText, None},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, cache := newTestResolver(t, Options{SampleSize: 32})
			key := TableColumnKey(db, 5000+uint32(i), 3, oidText)
			states := r.Resolve([]ColumnDesc{{Name: []byte("col"), Key: key}}, make([]ColumnState, 1))
			if states[0].Verdict.Kind != VerdictUnknown {
				t.Fatalf("initial verdict %v, want unknown", states[0].Verdict.Kind)
			}
			scanned := feed(r, &states[0], c.values, emailSpans)
			v := states[0].Verdict
			if v.Kind != c.kind || (c.kind == VerdictPII && v.Type != c.typ) {
				t.Fatalf("verdict %v %v, want %v %v", v.Kind, v.Type, c.kind, c.typ)
			}
			if v.Sampled != 32 || v.Source&FromSample == 0 {
				t.Errorf("sampled %d source %b", v.Sampled, v.Source)
			}
			if c.kind == VerdictClean && scanned > 33 {
				t.Errorf("clean column: scanned %d values, want the sample (32) and spot checks only", scanned)
			}
			got, ok := cache.Get(key)
			if !ok || got != v {
				t.Fatalf("cached %+v %v, want %+v", got, ok, v)
			}
			// A second result set gets the cached verdict without sampling.
			st2 := r.Resolve([]ColumnDesc{{Name: []byte("col"), Key: key}}, make([]ColumnState, 1))
			if st2[0].Verdict != v {
				t.Errorf("second result set: %+v, want %+v", st2[0].Verdict, v)
			}
		})
	}
}

func TestSpotCheckFlipsCleanColumn(t *testing.T) {
	r, cache := newTestResolver(t, Options{SampleSize: 8, SpotCheckEvery: 10})
	key := TableColumnKey(DatabaseID("test"), 77, 2, oidText)
	cols := []ColumnDesc{{Name: []byte("ref"), Key: key}}
	st := r.Resolve(cols, make([]ColumnState, 1))
	clean := repeat(8, func(int) string { return "A-1" })
	feed(r, &st[0], clean, emailSpans)
	if st[0].Verdict.Kind != VerdictClean {
		t.Fatalf("after clean sample: %v", st[0].Verdict.Kind)
	}
	// Clean values: exactly one in ten is scanned.
	scanned := feed(r, &st[0], repeat(100, func(int) string { return "A-2" }), emailSpans)
	if scanned != 10 {
		t.Errorf("spot checks over 100 values: %d, want 10", scanned)
	}
	// Now PII appears in every value; within 10 values a spot check finds it.
	feed(r, &st[0], repeat(10, func(int) string { return "x@example.com" }), emailSpans)
	if st[0].Verdict.Kind != VerdictFreeText || st[0].Verdict.Source&FromSpotCheck == 0 {
		t.Fatalf("after PII: %+v, want free text from a spot check", st[0].Verdict)
	}
	if v, _ := cache.Get(key); v.Kind != VerdictFreeText {
		t.Errorf("cache not updated: %v", v.Kind)
	}
}

func TestStrictScansCleanColumns(t *testing.T) {
	r, _ := newTestResolver(t, Options{Strict: true})
	st := r.Resolve([]ColumnDesc{{Name: []byte("id"), Key: TableColumnKey(1, 2, 3, oidInt4)}}, make([]ColumnState, 1))
	if st[0].Verdict.Kind != VerdictClean {
		t.Fatalf("int id: %v", st[0].Verdict.Kind)
	}
	for i := 0; i < 50; i++ {
		if a := r.Next(&st[0]); a != ActionScan {
			t.Fatalf("strict: value %d action %v, want scan", i, a)
		}
	}
}

func TestFinishDecidesShortSample(t *testing.T) {
	r, cache := newTestResolver(t, Options{SampleSize: 32, MinSample: 4})
	k1 := TableColumnKey(1, 10, 1, oidText)
	k2 := TableColumnKey(1, 10, 2, oidText)
	st := r.Resolve([]ColumnDesc{{Name: []byte("a"), Key: k1}, {Name: []byte("b"), Key: k2}}, make([]ColumnState, 2))
	feed(r, &st[0], repeat(5, func(int) string { return "a@b.example" }), emailSpans)
	feed(r, &st[1], repeat(3, func(int) string { return "a@b.example" }), emailSpans)
	r.Finish(st)
	if v, ok := cache.Get(k1); !ok || v.Kind != VerdictPII || v.Sampled != 5 {
		t.Errorf("5 values: cached %+v %v, want PII from 5", v, ok)
	}
	if _, ok := cache.Get(k2); ok {
		t.Errorf("3 values (< MinSample) were cached")
	}
}

func TestComputedColumnKeys(t *testing.T) {
	_, c := newTestResolver(t, Options{})
	a := ComputedColumnKey(1, 0xabcdef, 0, oidText)
	b := ComputedColumnKey(1, 0xabcdef, 1, oidText)
	tbl := TableColumnKey(1, 99, 1, oidText)
	tblOtherStmt := tbl
	tblOtherStmt.Statement, tblOtherStmt.Position = 5, 7 // ignored for table columns
	c.Put(a, Verdict{Kind: VerdictPII, Type: EmailAddress})
	c.Put(tbl, Verdict{Kind: VerdictClean})
	if v, ok := c.Get(a); !ok || v.Type != EmailAddress {
		t.Errorf("a: %+v %v", v, ok)
	}
	if _, ok := c.Get(b); ok {
		t.Errorf("b shares a's verdict")
	}
	if v, ok := c.Get(tblOtherStmt); !ok || v.Kind != VerdictClean {
		t.Errorf("table column from another statement: %+v %v", v, ok)
	}
	c.Delete(tbl)
	if _, ok := c.Get(tbl); ok {
		t.Errorf("deleted verdict still cached")
	}
}

func TestOptionsValidate(t *testing.T) {
	bad := []struct {
		o    Options
		want string
	}{
		{Options{SampleSize: -1}, "classify: SampleSize must be in 1..65535"},
		{Options{SampleSize: 4, MinSample: 5}, "classify: MinSample must be in 1..SampleSize"},
		{Options{PIIFraction: 1.5}, "classify: PIIFraction must be in (0, 1]"},
		{Options{SpotCheckEvery: -2}, "classify: SpotCheckEvery must be >= 1, or -1 to disable"},
	}
	for _, b := range bad {
		if _, err := NewResolver(nil, b.o); err == nil || err.Error() != b.want {
			t.Errorf("%+v: err %v, want %q", b.o, err, b.want)
		}
	}
	if _, err := NewVerdictCache(1024, time.Minute); err == nil {
		t.Errorf("tiny cache accepted")
	}
}

func TestVerdictCacheTTL(t *testing.T) {
	c, err := NewVerdictCache(MinVerdictCacheSize, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	k := TableColumnKey(1, 2, 3, oidText)
	c.Put(k, Verdict{Kind: VerdictClean})
	start := c.clock.Now()
	c.clock.now.Store(start + 9)
	if _, ok := c.get(k); !ok {
		t.Fatal("expired before its TTL")
	}
	c.clock.now.Store(start + 11)
	if _, ok := c.get(k); ok {
		t.Fatal("still cached after its TTL")
	}
}

// TestVerdictsWithDefaultScanner samples columns through the real scanner.
func TestVerdictsWithDefaultScanner(t *testing.T) {
	sc := Default()
	cases := []struct {
		name   string
		values []string
		kind   VerdictKind
		typ    Type
	}{
		{"c1", repeat(32, func(i int) string { return "user" + string(rune('a'+i%26)) + ".name@example.com" }), VerdictPII, EmailAddress},
		{"c2", repeat(32, func(i int) string { return "+1 415 555 " + string(rune('0'+i%10)) + "671" }), VerdictPII, PhoneNumber},
		{"c3", repeat(32, func(i int) string { return []string{"Maria Garcia", "John Smith", "Anna Schmidt", "Jan Novák"}[i%4] }), VerdictPII, Person},
		{"name", repeat(32, func(i int) string { return []string{"Widget", "Gadget", "Sprocket", "Gizmo"}[i%4] }), VerdictClean, None},
		{"name", repeat(32, func(i int) string { return []string{"john smith", "maria garcia", "anna schmidt", "KOWALSKI"}[i%4] }), VerdictPII, Person},
		{"city", repeat(32, func(i int) string { return []string{"berlin", "Paris", "new york", "Madrid"}[i%4] }), VerdictPII, Location},
		{"city", repeat(32, func(i int) string { return []string{"n/a", "unknown", "-", "tbd"}[i%4] }), VerdictClean, None},
		{"c5", repeat(32, func(i int) string { return []string{"pending", "shipped", "delivered"}[i%3] }), VerdictClean, None},
		{"c6", repeat(32, func(i int) string {
			if i%3 == 0 {
				return "customer says: call me on +44 20 7946 0958 after 5"
			}
			return "left at the front door, signed by neighbour"
		}), VerdictFreeText, PhoneNumber},
	}
	for i, c := range cases {
		r, _ := newTestResolver(t, Options{})
		st := r.Resolve([]ColumnDesc{{Name: []byte(c.name), Key: TableColumnKey(9, 100+uint32(i), 1, oidText)}}, make([]ColumnState, 1))
		var buf SpanBuffer
		for _, v := range c.values {
			if r.Next(&st[0]) == ActionScan {
				buf.Reset()
				sc.Scan([]byte(v), st[0].Verdict.Context(), &buf)
				r.Observe(&st[0], []byte(v), buf.Spans)
			}
		}
		v := st[0].Verdict
		if v.Kind != c.kind || v.Type != c.typ {
			t.Errorf("%s (%q...): %v %v, want %v %v", c.name, c.values[0], v.Kind, v.Type, c.kind, c.typ)
		}
	}
}

// TestResolverConcurrent: sessions share one Resolver and cache (run with -race).
func TestResolverConcurrent(t *testing.T) {
	r, _ := newTestResolver(t, Options{SampleSize: 8, SpotCheckEvery: 5})
	cols := benchColumns()
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			states := make([]ColumnState, len(cols))
			for rs := 0; rs < 50; rs++ {
				st := r.Resolve(cols, states)
				for row := 0; row < 20; row++ {
					for i := range st {
						if r.Next(&st[i]) == ActionScan {
							r.Observe(&st[i], []byte("a@b.example"), emailSpans("a@b.example"))
						}
					}
				}
				r.Finish(st)
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}
