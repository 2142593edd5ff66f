package classify

import (
	"math/rand"
	"sort"
	"testing"

	bobu "github.com/BobuSumisu/aho-corasick"
	cfac "github.com/cloudflare/ahocorasick"
	petar "github.com/petar-dambovaliev/aho-corasick"
)

// Keyword matching: this package's bigram-filtered trie against a full Aho-Corasick DFA and the
// three Aho-Corasick packages the issue names, on the Default scanner's real keyword set:
//
//	go test ./classify/ -run '^$' -bench Keywords -benchtime 300ms -count 6
//
// The case-sensitive packages (cloudflare, BobuSumisu) get lowercase patterns and an
// ASCII-folded copy of the input in a reused buffer, the way gitleaks lowercases its input;
// the fold is part of what they are timed on. petar-dambovaliev folds ASCII itself.

func scannerKeywords() []string {
	var kws []string
	for _, d := range Default().Detectors() {
		kws = append(kws, d.Triggers().Keywords...)
	}
	return kws
}

func lowerStrings(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		b := []byte(s)
		for j := range b {
			b[j] = lowerASCII(b[j])
		}
		out[i] = string(b)
	}
	return out
}

func foldInto(dst, src []byte) []byte {
	dst = dst[:0]
	for _, c := range src {
		dst = append(dst, lowerASCII(c))
	}
	return dst
}

type kwMatch struct{ pat, start, end int }

// TestKeywordMatchersAgree is the differential test between the trie and the reference DFA
// (and petar-dambovaliev's overlapping search): the same (pattern, start, end) set on random
// text salted with keywords in random case.
func TestKeywordMatchersAgree(t *testing.T) {
	kws := scannerKeywords()
	trie := newKeywordAutomaton(kws)
	dfa := newDFAKeywords(kws)
	r := rand.New(rand.NewSource(1))
	alphabet := []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-:/.@=")
	for iter := 0; iter < 300; iter++ {
		text := saltedText(r, kws, alphabet, 200, 5)
		var a, b []kwMatch
		trie.each(text, func(p, s, e int) { a = append(a, kwMatch{p, s, e}) })
		dfa.each(text, func(p, s, e int) { b = append(b, kwMatch{p, s, e}) })
		less := func(m []kwMatch) func(i, j int) bool {
			return func(i, j int) bool {
				if m[i].start != m[j].start {
					return m[i].start < m[j].start
				}
				if m[i].end != m[j].end {
					return m[i].end < m[j].end
				}
				return m[i].pat < m[j].pat
			}
		}
		sort.Slice(a, less(a))
		sort.Slice(b, less(b))
		if len(a) != len(b) {
			t.Fatalf("trie %d matches, dfa %d in %q", len(a), len(b), text)
		}
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("match %d: trie %v dfa %v in %q", i, a[i], b[i], text)
			}
		}
		if trie.contains(text) != (len(a) > 0) {
			t.Fatal("contains disagrees with each")
		}
	}
}

func keywordCorpora() []struct {
	name string
	text []byte
} {
	return []struct {
		name string
		text []byte
	}{
		{"mixed-64KiB", mixedText(65536, 1)},
		{"prose-64KiB", noTriggerText(65536)},
	}
}

var kwCount int

func BenchmarkKeywords(b *testing.B) {
	kws := scannerKeywords()
	lower := lowerStrings(kws)
	trie := newKeywordAutomaton(kws)
	dfa := newDFAKeywords(kws)
	cf := cfac.NewStringMatcher(lower)
	bb := bobu.NewTrieBuilder().AddStrings(lower).Build()
	pb := petar.NewAhoCorasickBuilder(petar.Opts{AsciiCaseInsensitive: true, MatchKind: petar.StandardMatch, DFA: true})
	pd := pb.Build(kws)
	for _, c := range keywordCorpora() {
		text := c.text
		buf := make([]byte, 0, len(text))
		run := func(name string, f func()) {
			b.Run(c.name+"/"+name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					f()
				}
			})
		}
		run("maskwire-trie", func() {
			trie.each(text, func(p, s, e int) { kwCount++ })
		})
		run("maskwire-acdfa", func() {
			dfa.each(text, func(p, s, e int) { kwCount++ })
		})
		run("cloudflare", func() {
			buf = foldInto(buf, text)
			kwCount += len(cf.Match(buf))
		})
		run("bobusumisu", func() {
			buf = foldInto(buf, text)
			bb.Walk(buf, func(end, n, pat int64) bool { kwCount++; return true })
		})
		run("petar", func() {
			it := pd.IterOverlappingByte(text)
			for m := it.Next(); m != nil; m = it.Next() {
				kwCount++
			}
		})
	}
}

// saltedText is at least n random bytes of alphabet with, one time in
// every, a keyword in random case in their place.
func saltedText(r *rand.Rand, kws []string, alphabet []byte, n, every int) []byte {
	var text []byte
	for len(text) < n {
		if r.Intn(every) == 0 {
			k := []byte(kws[r.Intn(len(kws))])
			for i := range k {
				if r.Intn(2) == 0 && isAlpha(k[i]) {
					k[i] ^= 0x20
				}
			}
			text = append(text, k...)
		} else {
			text = append(text, alphabet[r.Intn(len(alphabet))])
		}
	}
	return text
}
