package classify

// keywordAutomaton finds every occurrence of a set of ASCII keywords, folding ASCII case as it
// reads (a byte-class table maps 'A'..'Z' and 'a'..'z' to the same class), so the input is
// never lowercased and offsets are the input's own.
//
// It is a trie behind a bigram filter rather than an Aho-Corasick DFA: a DFA walk is one
// dependent table load per byte (the next state depends on the previous one), which caps it
// near 150-500 MB/s in Go, while the filter's lookups are independent from byte to byte and run
// at several hundred MB/s to GB/s; only at positions whose first two bytes begin some keyword
// does it walk the trie, for at most the longest keyword's length. Both layers are measured
// against the Aho-Corasick packages in keywords_timing_test.go (see docs/arch/classify.md).
//
// Immutable once built; safe for concurrent use; matching does not allocate.
type keywordAutomaton struct {
	class  [256]uint8 // byte -> class; 0 for bytes in no keyword
	nclass int
	bigram []bool  // bigram[c0*nclass+c1]: some keyword starts with classes c0 c1 (c1 = 0 for a 1-byte keyword)
	child  []int32 // child[node*nclass+class] -> node, 0 if none (node 0 is the root)
	term   []int32 // patterns ending at node: terms[term[node]:term[node+1]]
	terms  []int32 // pattern indices
	plen   []int32 // pattern lengths
}

func newKeywordAutomaton(patterns []string) *keywordAutomaton {
	a := &keywordAutomaton{}
	var seen [256]bool
	for _, p := range patterns {
		if len(p) == 0 {
			panic("classify: empty keyword")
		}
		for i := 0; i < len(p); i++ {
			seen[lowerASCII(p[i])] = true
		}
	}
	nc := 1
	for c := 0; c < 256; c++ {
		if seen[c] && !isUpper(byte(c)) {
			a.class[c] = uint8(nc)
			nc++
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		a.class[c] = a.class[c+32]
	}
	a.nclass = nc
	a.bigram = make([]bool, nc*nc)
	a.child = make([]int32, nc) // root
	nodes := 1
	var ends [][]int32 = [][]int32{nil}
	for pi, p := range patterns {
		a.plen = append(a.plen, int32(len(p)))
		c0 := int(a.class[p[0]])
		if len(p) == 1 {
			for c1 := 0; c1 < nc; c1++ {
				a.bigram[c0*nc+c1] = true
			}
		} else {
			a.bigram[c0*nc+int(a.class[p[1]])] = true
		}
		s := 0
		for i := 0; i < len(p); i++ {
			c := int(a.class[p[i]])
			nx := int(a.child[s*nc+c])
			if nx == 0 {
				nx = nodes
				nodes++
				a.child = append(a.child, make([]int32, nc)...)
				ends = append(ends, nil)
				a.child[s*nc+c] = int32(nx)
			}
			s = nx
		}
		ends[s] = append(ends[s], int32(pi))
	}
	for _, e := range ends {
		a.term = append(a.term, int32(len(a.terms)))
		a.terms = append(a.terms, e...)
	}
	a.term = append(a.term, int32(len(a.terms)))
	return a
}

// next returns the first position >= i where some keyword may start (its first two bytes
// match), or len(text).
func (a *keywordAutomaton) next(text []byte, i int) int {
	nc := a.nclass
	class := &a.class
	big := a.bigram
	n := len(text)
	if i >= n {
		return n
	}
	c0 := int(class[text[i]])
	for ; i+1 < n; i++ {
		c1 := int(class[text[i+1]])
		if c0 != 0 && big[c0*nc+c1] {
			return i
		}
		c0 = c1
	}
	if i < n && c0 != 0 && big[c0*nc] {
		return i
	}
	return n
}

// walk reports, for the keywords that start at i, (pattern, end) through fn in order of length.
// It returns the number of matches.
func (a *keywordAutomaton) matchAt(text []byte, i int, out *[8]int32) int {
	nc := a.nclass
	s := 0
	k := 0
	for j := i; j < len(text); j++ {
		c := int(a.class[text[j]])
		if c == 0 {
			break
		}
		s = int(a.child[s*nc+c])
		if s == 0 {
			break
		}
		for t := a.term[s]; t < a.term[s+1] && k < len(out); t++ {
			out[k] = a.terms[t]
			k++
		}
	}
	return k
}

// each calls fn(pattern, start, end) for every keyword occurrence, in order of start (then
// length).
func (a *keywordAutomaton) each(text []byte, fn func(pat, start, end int)) {
	var m [8]int32
	for i := a.next(text, 0); i < len(text); i = a.next(text, i+1) {
		k := a.matchAt(text, i, &m)
		for _, p := range m[:k] {
			fn(int(p), i, i+int(a.plen[p]))
		}
	}
}

// contains reports whether any keyword occurs in text.
func (a *keywordAutomaton) contains(text []byte) bool {
	var m [8]int32
	for i := a.next(text, 0); i < len(text); i = a.next(text, i+1) {
		if a.matchAt(text, i, &m) > 0 {
			return true
		}
	}
	return false
}
