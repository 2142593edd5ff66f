package classify

import "encoding/binary"

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
	pair   *[1024]uint64 // bit b0|b1<<8: some keyword starts with bytes b0 b1 (either ASCII case)
	pair12 *[1024]uint64 // bit b1|b2<<8: some keyword has bytes b1 b2 at offsets 1 and 2
	either *[1024]uint64 // pair | pair12: the filter for pairs at even offsets
	tri    *[2048]uint64 // hashed triples at even offsets (fold3, triHash): the fast loop's filter (16 KiB)
	child  []int32       // child[node*nclass+class] -> node, 0 if none (node 0 is the root)
	term   []int32       // patterns ending at node: terms[term[node]:term[node+1]]
	terms  []int32       // pattern indices
	plen   []int32       // pattern lengths
}

func newKeywordAutomaton(patterns []string) *keywordAutomaton {
	a := &keywordAutomaton{}
	var seen [256]bool
	for _, p := range patterns {
		if len(p) < 2 {
			panic("classify: keywords must be at least 2 bytes long")
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
	if nc > 128 {
		panic("classify: keywords use more than 127 distinct bytes")
	}
	a.pair = new([1024]uint64)
	a.pair12 = new([1024]uint64)
	a.either = new([1024]uint64)
	a.child = make([]int32, nc) // root
	nodes := 1
	var ends [][]int32 = [][]int32{nil}
	for pi, p := range patterns {
		a.plen = append(a.plen, int32(len(p)))
		// Every case variant of the first two bytes; a 1-byte keyword marks every second byte
		// (and byte 0, which stands for the end of the text).
		for b1 := 0; b1 < 256; b1++ {
			if len(p) >= 2 && lowerASCII(byte(b1)) != lowerASCII(p[1]) {
				continue
			}
			for b2 := 0; b2 < 256; b2++ {
				if len(p) >= 3 && lowerASCII(byte(b2)) != lowerASCII(p[2]) {
					continue
				}
				idx := uint(b1) | uint(b2)<<8
				a.pair12[idx>>6] |= 1 << (idx & 63)
			}
		}
		for _, b0 := range caseVariants(p[0]) {
			for b1 := 0; b1 < 256; b1++ {
				if len(p) >= 2 && lowerASCII(byte(b1)) != lowerASCII(p[1]) {
					continue
				}
				idx := uint(b0) | uint(b1)<<8
				a.pair[idx>>6] |= 1 << (idx & 63)
			}
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
	// Pairs at even offsets: a keyword starting at an even p shows its bytes 0-1 there; one
	// starting at an odd p shows either its bytes 1-2 (at p+1) or, when its first byte is not a
	// letter (".com", "://", "-----BEGIN", "0x"), its first byte as the second of the pair at
	// p-1, which is rarer in text than a pair of letters.
	for _, p := range patterns {
		if !isAlpha(p[0]) {
			for b := 0; b < 256; b++ {
				idx := uint(b) | uint(p[0])<<8
				a.either[idx>>6] |= 1 << (idx & 63)
			}
			continue
		}
		for b2 := 0; b2 < 256; b2++ {
			if len(p) >= 3 && lowerASCII(byte(b2)) != lowerASCII(p[2]) {
				continue
			}
			for _, b1 := range caseVariants(p[1]) {
				idx := uint(b1) | uint(b2)<<8
				a.either[idx>>6] |= 1 << (idx & 63)
			}
		}
	}
	for k := range a.either {
		a.either[k] |= a.pair[k]
	}
	// The fast loop's filter: the same even-offset evidence as either, extended by one byte
	// (a triple of bytes has fewer chance hits in prose than a pair: "se", "to", "po", "ca"
	// begin keywords and are everywhere in English). Wildcards stand for any byte.
	a.tri = new([2048]uint64)
	at := func(p string, k int) int { // byte k of p, or -1 (any) past its end
		if k < len(p) {
			return int(p[k])
		}
		return -1
	}
	for _, p := range patterns {
		a.addTri(at(p, 0), at(p, 1), at(p, 2)) // p at an even offset
		if isAlpha(p[0]) {
			a.addTri(at(p, 1), at(p, 2), at(p, 3)) // p at an odd offset: bytes 1-3
		} else {
			a.addTri(-1, at(p, 0), at(p, 1)) // p at an odd offset: the byte before, bytes 0-1
		}
	}
	return a
}

// addTri sets the filter bits of the triple (b0, b1, b2); -1 stands for every byte.
func (a *keywordAutomaton) addTri(b0, b1, b2 int) {
	for x := 0; x < 256; x++ {
		if b0 >= 0 && x != b0 {
			continue
		}
		for y := 0; y < 256; y++ {
			if b1 >= 0 && y != b1 {
				continue
			}
			for z := 0; z < 256; z++ {
				if b2 >= 0 && z != b2 {
					continue
				}
				h := triHash(uint64(x) | uint64(y)<<8 | uint64(z)<<16 | fold3)
				a.tri[h>>6] |= 1 << (h & 63)
			}
		}
	}
}

// fold3 folds ASCII case in three packed bytes (and conflates some punctuation, which a filter
// may): 'A'|0x20 == 'a'.
const fold3 = 0x202020

// triHash maps three packed, folded bytes to a bit of the 128 Kibit triple filter. At 64 Kibit
// the wildcard triples (the byte before ".com", 128 bits each) filled 4.8% of it, and common
// English triples collided with them: the fast loop stopped in 11% of the 8-byte blocks of prose
// without a keyword; at 128 Kibit in 5%, at the cost of 8 KiB more of L1.
func triHash(v uint64) uint64 { return ((v & 0xffffff) * 0x9E3779B97F4A7C15) >> 47 }

func caseVariants(c byte) []byte {
	if isAlpha(c) {
		return []byte{c | 0x20, c &^ 0x20}
	}
	return []byte{c}
}

// pairIn reports whether the 16-bit pair in w's low bytes is set in t.
func pairIn(t *[1024]uint64, w uint64) bool {
	idx := w & 0xffff
	return t[idx>>6]&(1<<(idx&63)) != 0
}

// bytes3 is text's bytes k, k+1 and k+2 in a word (0 past the end).
func bytes3(text []byte, k int) uint64 {
	n := len(text)
	w := uint64(text[k])
	if k+1 < n {
		w |= uint64(text[k+1]) << 8
		if k+2 < n {
			w |= uint64(text[k+2]) << 16
		}
	}
	return w
}

// next returns the first position >= i where some keyword may start, or len(text).
//
// Every keyword (at least 2 bytes) starting at p shows a known byte pair at an even offset:
// its bytes 0-1 at p (p even), or for odd p its bytes 1-2 at p+1 or, for a keyword whose first
// byte is not a letter, (anything, byte 0) at p-1. So the fast loop tests only the four
// even-offset pairs of each 8 bytes against that union, one bit in an 8 KiB table each, with no
// dependency from one test to the next; a hit at q proposes q-1, q and q+1, which are then
// checked on their bytes 0-1 and 1-2.
func (a *keywordAutomaton) next(text []byte, i int) int {
	pair, pair12, tri := a.pair, a.pair12, a.tri
	n := len(text)
	in := pairIn
	at := func(k int) uint64 { return bytes3(text, k) }
	if i >= n {
		return n
	}
	if i&1 == 1 { // i itself is proposed by the pair at i+1 (or at i-1 via its bytes 1-2): test it directly
		if w := at(i); in(pair, w) && in(pair12, w>>8) {
			return i
		}
		i++
	}
	q := i // even relative to the original i; every candidate c >= i is q-1 or q for some q
	for q < n {
		// Fast loop: the triples at q, q+2, q+4 and q+6 against the hashed triple filter.
		for ; q+9 <= n; q += 8 {
			w := binary.LittleEndian.Uint64(text[q:]) | 0x2020202020202020
			x := w>>48 | (uint64(text[q+8])|0x20)<<16
			h0, h1, h2, h3 := triHash(w), triHash(w>>16), triHash(w>>32), triHash(x)
			if tri[h0>>6]&(1<<(h0&63))|tri[h1>>6]&(1<<(h1&63))|tri[h2>>6]&(1<<(h2&63))|tri[h3>>6]&(1<<(h3&63)) != 0 {
				break
			}
		}
		if c := a.block(text, i, q); c >= 0 {
			return c
		}
		q += 8
	}
	// A keyword may start at the last byte only if it could be 1 byte long; none is.
	return n
}

// block checks the candidates proposed by the pairs at q, q+2, q+4 and q+6 (q-1 .. q+7, the
// last one only if its first byte is not a letter: a letter's keyword at q+7 is proposed by the
// block at q+8) on their bytes 0-1 and 1-2, and returns the first one at or after i, or -1.
func (a *keywordAutomaton) block(text []byte, i, q int) int {
	pair, pair12, either := a.pair, a.pair12, a.either
	n := len(text)
	in := pairIn
	at := func(k int) uint64 { return bytes3(text, k) }
	lim := q + 8
	if lim > n {
		lim = n
	}
	for ; q < lim; q += 2 {
		if q >= 1 && q+3 < n {
			// Bytes q-1 .. q+3 in one word: the pairs of candidates q-1, q and q+1.
			w := uint64(text[q-1]) | uint64(text[q])<<8 | uint64(text[q+1])<<16 |
				uint64(text[q+2])<<24 | uint64(text[q+3])<<32
			if !in(either, w>>8) {
				continue
			}
			if q-1 >= i && in(pair, w) && in(pair12, w>>8) {
				return q - 1
			}
			if in(pair, w>>8) && in(pair12, w>>16) {
				return q
			}
			if in(pair, w>>16) && in(pair12, w>>24) {
				return q + 1
			}
			continue
		}
		if !in(either, at(q)) {
			continue
		}
		for c := q - 1; c <= q+1 && c < n; c++ {
			if c < i {
				continue
			}
			if w := at(c); in(pair, w) && in(pair12, w>>8) {
				return c
			}
		}
	}
	return -1
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
