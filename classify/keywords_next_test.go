package classify

import (
	"fmt"
	"math/rand"
	"testing"
)

// TestKeywordNextAgainstEveryPosition checks the keyword filter (next) against the trie alone
// tried at every position: on random text salted with keywords in random case, at random
// offsets and next to each other (block boundaries, a keyword ending where another begins),
// each calls fn for exactly the matches that matchAt finds when walked from every byte.
func TestKeywordNextAgainstEveryPosition(t *testing.T) {
	kws := scannerKeywords()
	for _, a := range keywordAutomata(kws) {
		t.Run(fmt.Sprintf("avx2=%v", a.avx2), func(t *testing.T) { testKeywordNextAgainstEveryPosition(t, kws, a) })
	}
}

// keywordAutomata is the automaton of kws as built, and if it uses AVX2 one that does not.
func keywordAutomata(kws []string) []*keywordAutomaton {
	a := newKeywordAutomaton(kws)
	if !a.avx2 {
		return []*keywordAutomaton{a}
	}
	b := *a
	b.avx2 = false
	return []*keywordAutomaton{a, &b}
}

func testKeywordNextAgainstEveryPosition(t *testing.T, kws []string, a *keywordAutomaton) {
	r := rand.New(rand.NewSource(3))
	alphabet := []byte("abcdefghijklmnopqrstuvwxyz      eeeettaaoo ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-:/.@=,\xc3\xa9")
	iters := 20000
	if testing.Short() {
		iters = 2000
	}
	var m [8]int32
	for iter := 0; iter < iters; iter++ {
		text := saltedText(r, kws, alphabet, r.Intn(120), 6)
		type match struct{ pat, start int }
		var want []match
		for i := range text {
			k := a.matchAt(text, i, &m)
			for _, p := range m[:k] {
				want = append(want, match{int(p), i})
			}
		}
		var got []match
		a.each(text, func(p, s, e int) { got = append(got, match{p, s}) })
		if len(got) != len(want) {
			t.Fatalf("next finds %d matches, every position %d, in %q: %v vs %v", len(got), len(want), text, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("match %d: next %v, every position %v, in %q", i, got[i], want[i], text)
			}
		}
		// And from every start offset: next(i) is at or before the first match at or after i.
		first := len(text)
		wi := len(want) - 1
		for i := len(text) - 1; i >= 0; i-- {
			for wi >= 0 && want[wi].start >= i {
				first = want[wi].start
				wi--
			}
			if nx := a.next(text, i); nx < i || nx > first {
				t.Fatalf("next(%d) = %d, first match at or after it %d, in %q", i, nx, first, text)
			}
		}
	}
}

// TestFirstCandidates checks the fused first pass of Scan (trigger bytes and keyword filter
// together) against the two passes it stands for, on prose without triggers salted with a
// keyword or a trigger byte at every offset, and on random text.
func TestFirstCandidates(t *testing.T) {
	s := Default()
	var m [8]int32
	firstMatch := func(text []byte, from int) int {
		for i := from; i < len(text); i++ {
			if s.kw.matchAt(text, i, &m) > 0 {
				return i
			}
		}
		return len(text)
	}
	check := func(text []byte) {
		t.Helper()
		first, kw := s.firstCandidates(text)
		if want := s.indexTrigger(text, 0); first != want {
			t.Fatalf("first trigger %d, want %d, in %q", first, want, text)
		}
		if want := firstMatch(text, 0); kw > want || firstMatch(text, kw) != want {
			t.Fatalf("first keyword candidate %d, first match %d, in %q", kw, want, text)
		}
	}
	prose := noTriggerText(200)
	for _, k := range append(scannerKeywords(), "7", "@", ":", "Q", "\xc3") {
		for off := 0; off+len(k) <= 120; off++ {
			text := append(append(append([]byte(nil), prose[:off]...), k...), prose[off:120]...)
			check(text)
		}
	}
	r := rand.New(rand.NewSource(5))
	alphabet := []byte("abcdefghijklmnopqrstuvwxyz      eeeettaaoo,ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-:/.@=")
	for iter := 0; iter < 5000; iter++ {
		text := make([]byte, r.Intn(80))
		for i := range text {
			text[i] = alphabet[r.Intn(len(alphabet))]
			if r.Intn(3) > 0 {
				text[i] = alphabet[r.Intn(32)]
			}
		}
		check(text)
	}
}

// TestKeywordStartFilter checks the start filter a candidate must pass: every case variant of
// every keyword's first three bytes is in it, and for a 2-byte keyword whatever byte follows
// it, or the end of the text.
func TestKeywordStartFilter(t *testing.T) {
	kws := scannerKeywords()
	a := newKeywordAutomaton(kws)
	for _, k := range kws {
		for v := 0; v < 8; v++ {
			b := []byte(k)
			for j := 0; j < 3 && j < len(b); j++ {
				if v>>j&1 == 1 && isAlpha(b[j]) {
					b[j] ^= 0x20
				}
			}
			if len(b) >= 3 {
				if !startIn(a.start, bytes3(b, 0)) {
					t.Fatalf("start filter misses %q", b[:3])
				}
				continue
			}
			if !startIn(a.start, bytes3(b, 0)) {
				t.Fatalf("start filter misses %q at the end of the text", b)
			}
			for c := 0; c < 256; c++ {
				if w := append(b[:len(b):len(b)], byte(c)); !startIn(a.start, bytes3(w, 0)) {
					t.Fatalf("start filter misses %q", w)
				}
			}
		}
	}
}

// TestKeywordNextTail puts every keyword at the end of prose (or one or two bytes before it)
// after every length of prose up to 40 bytes: every phase of the fast loop's 16-byte steps, the
// 8-byte step and the last short block, which skip tests padded with spaces.
func TestKeywordNextTail(t *testing.T) {
	kws := scannerKeywords()
	prose := noTriggerText(64)
	var m [8]int32
	for _, a := range keywordAutomata(kws) {
		for _, k := range kws {
			for off := 0; off <= 40; off++ {
				for tail := 0; tail <= 2; tail++ {
					text := append(append(append([]byte(nil), prose[:off]...), k...), " ."[:tail]...)
					found := false
					for i := a.next(text, 0); i < len(text); i = a.next(text, i+1) {
						if i == off && a.matchAt(text, i, &m) > 0 {
							found = true
						}
					}
					if !found {
						t.Fatalf("keyword %q at %d of %q not found (avx2 %v)", k, off, text, a.avx2)
					}
				}
			}
		}
	}
}

// TestTriSkipAVX2 checks the vector fast loop against the triple filter tested one triple at a
// time: on random text (prose, keywords, bytes >= 0x80) from every start, it stops at the first
// 16-byte step with a hit, in the right half, or at the first step it cannot take.
func TestTriSkipAVX2(t *testing.T) {
	if !useAVX2 {
		t.Skip("no AVX2")
	}
	kws := scannerKeywords()
	a := newKeywordAutomaton(kws)
	hit := func(text []byte, q int) bool { // the triples at q, q+2, q+4, q+6 (q+8 < len(text))
		for k := q; k <= q+6; k += 2 {
			if triIn(a.tri, uint64(text[k]|0x20)|uint64(text[k+1]|0x20)<<8|uint64(text[k+2]|0x20)<<16) {
				return true
			}
		}
		return false
	}
	r := rand.New(rand.NewSource(9))
	alphabet := []byte("abcdefghijklmnopqrstuvwxyz      eeeettaaoo ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-:/.@=,\xc3\xa9\xff")
	stops := 0
	for iter := 0; iter < 3000; iter++ {
		text := saltedText(r, kws, alphabet, r.Intn(200), 40)
		for i := 0; i < len(text); i++ {
			got, gotHit := triSkipAVX2(a.tri, text[i:])
			want, wantHit := 0, false
			for ; want+17 <= len(text)-i; want += 16 {
				if hit(text[i:], want) {
					wantHit = true
					break
				}
				if hit(text[i:], want+8) {
					want += 8
					wantHit = true
					break
				}
			}
			if got != want || gotHit != wantHit {
				t.Fatalf("triSkipAVX2(%q) = %d, %v, want %d, %v", text[i:], got, gotHit, want, wantHit)
			}
			if wantHit {
				stops++
			}
		}
	}
	if stops == 0 {
		t.Fatal("no text stopped the loop: the test tests nothing")
	}
}
