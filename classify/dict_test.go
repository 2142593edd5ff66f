package classify

import (
	"strings"
	"testing"
)

func TestDictionariesLoad(t *testing.T) {
	ws := words()
	cases := []struct {
		w    string
		want wordFlags
	}{
		{"John", wordGiven},
		{"JOHN", wordGiven},
		{"maria", wordGiven},
		{"Müller", wordSurname},
		{"Kowalski", wordSurname},
		{"Smith", wordSurname},
		{"Berlin", wordCity},
		{"Street", wordStreetSuffix},
		{"Calle", wordStreetPrefix},
		{"Postfach", wordPOBox},
	}
	for _, c := range cases {
		if got := ws.lookup([]byte(c.w)); got&c.want == 0 {
			t.Errorf("lookup(%q) = %b, want bit %b", c.w, got, c.want)
		}
	}
	for _, w := range []string{"", "zzqxv", "Qwertyuiop", "the-"} {
		if got := ws.lookup([]byte(w)); got != 0 {
			t.Errorf("lookup(%q) = %b, want 0", w, got)
		}
	}
}

// BenchmarkLoadWords: decompressing and indexing the embedded dictionaries
// (once per process, on first use or WarmUp).
func BenchmarkLoadWords(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		ws, err := loadWords()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(ws.blob)+len(ws.slots)*8), "index-bytes")
	}
}

// BenchmarkWordLookup: one folded lookup of a capitalized word.
func BenchmarkWordLookup(b *testing.B) {
	ws := words()
	w := []byte("Kowalski")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if ws.lookup(w) == 0 {
			b.Fatal("miss")
		}
	}
}

// TestPersonParticlesInStep: isPersonParticle (a switch, for speed) and the
// personParticles list (the dictionary's flags) name the same words.
func TestPersonParticlesInStep(t *testing.T) {
	for _, p := range personParticles {
		if !isPersonParticle([]byte(p)) {
			t.Errorf("%q is in personParticles but not isPersonParticle", p)
		}
	}
	for _, w := range []string{"and", "the", "of", "on", "in", "von", "van", "bin"} {
		in := false
		for _, p := range personParticles {
			in = in || p == w
		}
		if in != isPersonParticle([]byte(w)) {
			t.Errorf("%q: list %v, switch %v", w, in, !in)
		}
	}
}

// TestLookupFoldsUnicode: capitals beyond A-Z are folded both when the
// dictionaries load and when a word is looked up.
func TestLookupFoldsUnicode(t *testing.T) {
	d := words()
	for _, w := range []string{"WIŚNIEWSKI", "Wiśniewski", "ŁUKASZ", "ÍÑIGO", "İbrahim", "GARCÍA", "SCHRÖDER"} {
		if d.lookup([]byte(w))&(wordGiven|wordSurname) == 0 {
			t.Errorf("%q not found", w)
		}
	}
	long := []byte(strings.Repeat("Ś", 40))
	if d.lookup(long) != 0 {
		t.Errorf("a long non-name word was found")
	}
}

// TestPersonDetectDoesNotAllocate: the look-ups that fold non-ASCII capitals
// or drop an apostrophe use stack buffers. The detector is called directly
// (the scanner's pool drops items under the race detector).
func TestPersonDetectDoesNotAllocate(t *testing.T) {
	text := []byte("KRZYSZTOF WIŚNIEWSKI, Wiśniewski, Łukasz; Sean O'Brien, Mary O’Connor, ÍÑIGO GARCÍA-LÓPEZ, " +
		"Jeroen van den Berg, my name is Sarah, J. Smith, Hi Anna, Γεώργιος Παπάγος")
	WarmUp()
	var d personDetector
	var ctx Context
	var sink countingSink
	run := func() {
		for i := 0; i < len(text); {
			r := d.Detect(text, Candidate{Pos: i, End: i + 1, Keyword: -1}, &ctx, &sink)
			if r <= i {
				r = i + 1
			}
			i = r
		}
	}
	run()
	if sink.n == 0 {
		t.Fatal("no spans")
	}
	if allocs := testing.AllocsPerRun(100, run); allocs != 0 {
		t.Errorf("%v allocs per pass", allocs)
	}
}

type countingSink struct{ n int }

func (s *countingSink) Span(Span) { s.n++ }
