package classify

import (
	"reflect"
	"testing"
)

// byteDet is a test detector: reports every run of 'x' after a trigger byte '#'.
type testDet struct {
	name string
	t    Type
	tr   Triggers
	// span relative to the candidate: [Pos+off, Pos+off+n)
	off, n int
	score  float32
}

func (d testDet) Name() string       { return d.name }
func (d testDet) Types() TypeSet     { return SetOf(d.t) }
func (d testDet) Triggers() Triggers { return d.tr }
func (d testDet) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	sink.Span(Span{Start: c.Pos + d.off, End: c.Pos + d.off + d.n, Type: d.t, Score: d.score})
	return c.End
}

func TestKeywordAutomatonFoldsASCII(t *testing.T) {
	a := newKeywordAutomaton([]string{"akia", "ghp_", "sk-", "sk-ant-"})
	type hit struct{ p, s, e int }
	var got []hit
	text := []byte("x AKIA ghP_ Sk-Ant- sk")
	a.each(text, func(p, s, e int) { got = append(got, hit{p, s, e}) })
	want := []hit{{0, 2, 6}, {1, 7, 11}, {2, 12, 15}, {3, 12, 19}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v want %v", got, want)
	}
	if a.contains([]byte("no keywords here, sk")) {
		t.Fatal("contains reported a keyword that is not there")
	}
}

func TestScanResolvesOverlaps(t *testing.T) {
	low := testDet{name: "low", t: EmailAddress, tr: Triggers{Bytes: "#"}, off: 0, n: 5, score: 0.5}
	high := testDet{name: "high", t: PhoneNumber, tr: Triggers{Bytes: "#"}, off: 1, n: 2, score: 0.9}
	secret := testDet{name: "sec", t: Password, tr: Triggers{Keywords: []string{"PW"}}, off: 0, n: 2, score: 0.1}
	s := NewScanner(low, high, secret)
	var buf SpanBuffer
	s.Scan([]byte("ab#cdefg pw"), Context{}, &buf)
	want := []Span{{3, 5, PhoneNumber, 0.9}, {9, 11, Password, 0.1}}
	if !reflect.DeepEqual(buf.Spans, want) {
		t.Fatalf("got %v want %v", buf.Spans, want)
	}
	buf.Reset()
	s.Scan([]byte("ab#cdefg pw"), Context{Types: SetOf(EmailAddress)}, &buf)
	if want := []Span{{2, 7, EmailAddress, 0.5}}; !reflect.DeepEqual(buf.Spans, want) {
		t.Fatalf("Types filter: got %v want %v", buf.Spans, want)
	}
	if s.HasTrigger([]byte("plain words")) {
		t.Fatal("HasTrigger true without trigger")
	}
	if !s.HasTrigger([]byte("plain pW words")) || !s.HasTrigger([]byte("a#")) {
		t.Fatal("HasTrigger missed a trigger")
	}
}

func TestParseTypeRoundTrip(t *testing.T) {
	for ty := EmailAddress; ty < NumTypes; ty++ {
		got, ok := ParseType(ty.String())
		if !ok || got != ty {
			t.Fatalf("ParseType(%q) = %v, %v", ty.String(), got, ok)
		}
	}
	if got, ok := ParseType("email_address"); !ok || got != EmailAddress {
		t.Fatal("ParseType is not case-insensitive")
	}
	if _, ok := ParseType("NOPE"); ok {
		t.Fatal("ParseType accepted an unknown name")
	}
	if !Password.IsSecret() || EmailAddress.IsSecret() || Person.IsSecret() {
		t.Fatal("IsSecret wrong")
	}
}

// TestIndexTriggerMatchesTable is the differential test of the SWAR trigger pre-test against
// a plain table scan, for the Default trigger set and for sets the filter cannot take.
func TestIndexTriggerMatchesTable(t *testing.T) {
	scanners := []*Scanner{
		Default(),
		NewScanner(testDet{name: "a", t: EmailAddress, tr: Triggers{Bytes: "a "}}),
		NewScanner(testDet{name: "b", t: EmailAddress, tr: Triggers{Bytes: "\xff"}}),
		NewScanner(testDet{name: "c", t: EmailAddress, tr: Triggers{Keywords: []string{"zz"}}}),
	}
	seed := uint64(1)
	rnd := func() uint64 { seed = seed*6364136223846793005 + 1442695040888963407; return seed >> 33 }
	for _, s := range scanners {
		for iter := 0; iter < 2000; iter++ {
			text := make([]byte, rnd()%40)
			for i := range text {
				switch rnd() % 4 {
				case 0:
					text[i] = byte(rnd())
				default:
					text[i] = "abcdefghij klmnop,'"[rnd()%19]
				}
			}
			from := 0
			if len(text) > 0 {
				from = int(rnd() % uint64(len(text)))
			}
			want := -1
			for i := from; i < len(text); i++ {
				if s.isTrigger[text[i]] {
					want = i
					break
				}
			}
			if got := s.indexTrigger(text, from); got != want {
				t.Fatalf("indexTrigger(%q, %d) = %d, want %d", text, from, got, want)
			}
		}
	}
}

// TestScanConcurrent scans from several goroutines at once (run it with -race) and requires
// every goroutine to see the sequential result: the Scanner and its pool are shared safely.
func TestScanConcurrent(t *testing.T) {
	sc := Default()
	texts := [][]byte{mixedText(2048, 11), denseText(2048, 12), []byte("mail a@b.io, card 4111 1111 1111 1111")}
	want := make([][]Span, len(texts))
	for i, tx := range texts {
		var b SpanBuffer
		sc.Scan(tx, Context{Column: ColumnFreeText}, &b)
		want[i] = b.Spans
	}
	done := make(chan string, 4)
	for g := 0; g < 4; g++ {
		go func(g int) {
			var b SpanBuffer
			for k := 0; k < 50; k++ {
				i := (g + k) % len(texts)
				b.Reset()
				sc.Scan(texts[i], Context{Column: ColumnFreeText}, &b)
				if !reflect.DeepEqual(b.Spans, want[i]) {
					done <- "goroutine saw different spans"
					return
				}
			}
			done <- ""
		}(g)
	}
	for g := 0; g < 4; g++ {
		if msg := <-done; msg != "" {
			t.Fatal(msg)
		}
	}
}

// TestKeywordFilterEveryOffset puts each keyword (in a random ASCII case) at every offset of
// prose, and of prose of every length around it, and checks that the filtered matcher finds
// exactly what a naive search finds, from every start offset: the triple filter of the fast
// loop must never skip a block that holds a keyword.
func TestKeywordFilterEveryOffset(t *testing.T) {
	kws := scannerKeywords()
	a := newKeywordAutomaton(kws)
	filler := noTriggerText(64)
	naive := func(text []byte, from int) int {
		for i := from; i < len(text); i++ {
			for _, k := range kws {
				if hasPrefixFold(text, i, k) {
					return i
				}
			}
		}
		return len(text)
	}
	for ki, k := range kws {
		kb := []byte(k)
		if ki%2 == 1 {
			for i := range kb {
				if isAlpha(kb[i]) && i%2 == 0 {
					kb[i] ^= 0x20
				}
			}
		}
		for off := 0; off <= 24; off++ {
			for tail := 0; tail <= 12; tail += 3 {
				text := append(append(append([]byte(nil), filler[:off]...), kb...), filler[40:40+tail]...)
				want := naive(text, 0)
				got := len(text)
				var m [8]int32
				for i := a.next(text, 0); i < len(text); i = a.next(text, i+1) {
					if a.matchAt(text, i, &m) > 0 {
						got = i
						break
					}
				}
				if got != want {
					t.Fatalf("keyword %q at %d in %q: found at %d, want %d", k, off, text, got, want)
				}
				for from := 0; from <= want && from < len(text); from++ {
					if n := a.next(text, from); n > want {
						t.Fatalf("keyword %q at %d in %q: next(%d) = %d skips it", k, want, text, from, n)
					}
				}
			}
		}
	}
}
