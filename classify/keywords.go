package classify

import "encoding/binary"

// keywordAutomaton finds every occurrence of a set of ASCII keywords, folding ASCII case as it
// reads (a byte-class table maps 'A'..'Z' and 'a'..'z' to the same class), so the input is
// never lowercased and offsets are the input's own.
//
// It is a trie behind byte-triple filters rather than an Aho-Corasick DFA: a DFA walk is one
// dependent table load per byte (the next state depends on the previous one), which caps it
// near 150-500 MB/s in Go, while the filter's lookups are independent from byte to byte and run
// at several hundred MB/s to GB/s; only at positions whose first three bytes may begin some
// keyword does it walk the trie, for at most the longest keyword's length. Both layers are measured
// against the Aho-Corasick packages in keywords_timing_test.go (see docs/arch/classify.md).
//
// Immutable once built; safe for concurrent use; matching does not allocate.
type keywordAutomaton struct {
	class  [256]uint8 // byte -> class; 0 for bytes in no keyword
	nclass int
	either *[1024]uint64 // pairs at even offsets: bytes 0-1 or 1-2 of a keyword, or (any, byte 0)
	tri    *[2048]uint64 // hashed triples at even offsets (fold3, triHash): the fast loop's filter (16 KiB)
	start  *[512]uint64  // hashed first triples of the keywords (fold3, startHash): a candidate's test (4 KiB)
	avx2   bool          // skip's 16-byte steps in triSkipAVX2 (useAVX2; tests turn it off)
	child  []int32       // child[node*nclass+class] -> node, 0 if none (node 0 is the root)
	term   []int32       // patterns ending at node: terms[term[node]:term[node+1]]
	terms  []int32       // pattern indices
	plen   []int32       // pattern lengths
}

func newKeywordAutomaton(patterns []string) *keywordAutomaton {
	a := &keywordAutomaton{avx2: useAVX2}
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
	a.either = new([1024]uint64)
	a.child = make([]int32, nc) // root
	nodes := 1
	var ends [][]int32 = [][]int32{nil}
	for pi, p := range patterns {
		a.plen = append(a.plen, int32(len(p)))
		// The pairs of a keyword at an even offset: every case variant of its first two bytes.
		for _, b0 := range caseVariants(p[0]) {
			for _, b1 := range caseVariants(p[1]) {
				idx := uint(b0) | uint(b1)<<8
				a.either[idx>>6] |= 1 << (idx & 63)
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
	// The fast loop's filter: the same even-offset evidence as either, extended by one byte
	// (a triple of bytes has fewer chance hits in prose than a pair: "se", "to", "po", "ca"
	// begin keywords and are everywhere in English). Wildcards stand for any byte.
	a.tri = new([2048]uint64)
	a.start = new([512]uint64)
	at := func(p string, k int) int { // byte k of p, or -1 (any) past its end
		if k < len(p) {
			return int(p[k])
		}
		return -1
	}
	for _, p := range patterns {
		a.addStart(at(p, 0), at(p, 1), at(p, 2))
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

// addStart sets the start filter bits of the first triple (b0, b1, b2) of a keyword; -1 (past
// the end of a 2-byte keyword) stands for every byte.
func (a *keywordAutomaton) addStart(b0, b1, b2 int) {
	for z := 0; z < 256; z++ {
		if b2 >= 0 && z != b2 {
			continue
		}
		h := startHash(uint64(b0) | uint64(b1)<<8 | uint64(z)<<16 | fold3)
		a.start[h>>6] |= 1 << (h & 63)
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

// startHash maps three packed, folded bytes to a bit of the 32 Kibit start filter. It holds the
// first three bytes of each keyword (256 bits for "0x"), ~1% of it: a candidate whose first two
// bytes begin one keyword and whose bytes 1-2 continue another ("to " from "token" and "po box",
// "pok" from "po box" and "token") no longer costs a trie walk and a restart of the fast loop.
func startHash(v uint64) uint64 { return ((v & 0xffffff) * 0x9E3779B97F4A7C15) >> 49 }

// startIn reports whether the first triple of some keyword may be text's bytes at c, given as
// bytes3 would (0 past the end).
func startIn(t *[512]uint64, w uint64) bool {
	h := startHash(w | fold3)
	return t[h>>6]&(1<<(h&63)) != 0
}

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
// byte is not a letter, (anything, byte 0) at p-1. So the fast loop (skip) tests only the four
// even-offset triples of each 8 bytes against the hashed triple filter, with no dependency from
// one test to the next; a block that passes has its candidates checked on their first three
// bytes (block).
func (a *keywordAutomaton) next(text []byte, i int) int {
	n := len(text)
	if i >= n {
		return n
	}
	if i&1 == 1 { // i itself is proposed by the pair at i+1 (or at i-1 via its bytes 1-2): test it directly
		if startIn(a.start, bytes3(text, i)) {
			return i
		}
		i++
	}
	// q stays even relative to the original i; every candidate c >= i is q-1 .. q+6 of some block.
	for q := a.skip(text, i); q < n; q = a.skip(text, q+8) {
		if c := a.block(text, i, q); c >= 0 {
			return c
		}
	}
	// A keyword may start at the last byte only if it could be 1 byte long; none is.
	return n
}

// triIn reports whether the (folded) triple in v's low three bytes is set in the triple filter.
func triIn(t *[2048]uint64, v uint64) bool {
	h := triHash(v)
	return t[h>>6]&(1<<(h&63)) != 0
}

// skip returns the first q+8k (k >= 0) whose block, the triples at q+8k, +2, +4 and +6, passes
// the triple filter, or len(text) if none does. Sixteen bytes a step: with AVX2 the eight
// triples are hashed in vector registers and their bits fetched by one gather (triSkipAVX2,
// ~25 instructions a step); else two loads and eight hashed tests, each a taken-rarely branch
// (a test that passes ends the loop), so no test waits for another and the flags never need
// combining (~100 instructions). The last, short block is tested on its bytes padded with
// spaces: past the text's end a keyword can only have wildcards, which match any byte, so the
// padding hides nothing, and a value's tail costs no slow-path walk when it holds no keyword.
func (a *keywordAutomaton) skip(text []byte, q int) int {
	const fold = 0x2020202020202020
	tri := a.tri
	n := len(text)
	if a.avx2 && q+17 <= n {
		off, hit := triSkipAVX2(tri, text[q:])
		if q += off; hit {
			return q
		}
	}
	for ; q+17 <= n; q += 16 {
		b := text[q : q+17 : q+17]
		w := binary.LittleEndian.Uint64(b) | fold
		v := binary.LittleEndian.Uint64(b[8:]) | fold
		if triIn(tri, w) || triIn(tri, w>>16) || triIn(tri, w>>32) || triIn(tri, w>>48|v<<16) {
			return q
		}
		if triIn(tri, v) || triIn(tri, v>>16) || triIn(tri, v>>32) || triIn(tri, v>>48|(uint64(b[16])|0x20)<<16) {
			return q + 8
		}
	}
	for ; q < n; q += 8 {
		var w, x uint64
		switch {
		case q+9 <= n:
			w = binary.LittleEndian.Uint64(text[q:])
			x = uint64(text[q+8])
		case n >= 8: // the last 8 bytes, shifted so that byte q is the lowest; zeros past the end
			w = binary.LittleEndian.Uint64(text[n-8:]) >> (8 * uint(q+8-n))
		default:
			for k := n - 1; k >= q; k-- {
				w = w<<8 | uint64(text[k])
			}
		}
		w |= fold
		if triIn(tri, w) || triIn(tri, w>>16) || triIn(tri, w>>32) || triIn(tri, w>>48|(x|0x20)<<16) {
			return q
		}
	}
	return n
}

// block checks the candidates proposed by the pairs at q, q+2, q+4 and q+6 (q-1 .. q+7, the
// last one only if its first byte is not a letter: a letter's keyword at q+7 is proposed by the
// block at q+8) on their first three bytes (the start filter), and returns the first one at or
// after i, or -1.
func (a *keywordAutomaton) block(text []byte, i, q int) int {
	either, start := a.either, a.start
	_, _ = either[0], start[0] // their nil checks, once: not in the loops
	n := len(text)
	in := pairIn
	at := func(k int) uint64 { return bytes3(text, k) }
	if q >= 1 && q+15 <= n {
		// Bytes q-1 .. q+14 in two words: for each pair at p = q+2k, bytes p-1 .. p+3 (the
		// triples of candidates p-1, p and p+1) in the low bytes of one word.
		lo, hi := binary.LittleEndian.Uint64(text[q-1:]), binary.LittleEndian.Uint64(text[q+7:])
		ws := [4]uint64{lo, lo>>16 | hi<<48, lo>>32 | hi<<32, lo>>48 | hi<<16}
		for k, w := range ws {
			if !pairIn(either, w>>8) {
				continue
			}
			p := q + 2*k
			if p-1 >= i && startIn(start, w) {
				return p - 1
			}
			if startIn(start, w>>8) {
				return p
			}
			if startIn(start, w>>16) {
				return p + 1
			}
		}
		return -1
	}
	lim := q + 8
	if lim > n {
		lim = n
	}
	for ; q < lim; q += 2 {
		if q >= 1 && q+3 < n {
			// Bytes q-1 .. q+3 in one word: the triples of candidates q-1, q and q+1.
			var w uint64
			if q+7 <= n {
				w = binary.LittleEndian.Uint64(text[q-1:])
			} else {
				w = uint64(text[q-1]) | uint64(text[q])<<8 | uint64(text[q+1])<<16 |
					uint64(text[q+2])<<24 | uint64(text[q+3])<<32
			}
			if !in(either, w>>8) {
				continue
			}
			if q-1 >= i && startIn(start, w) {
				return q - 1
			}
			if startIn(start, w>>8) {
				return q
			}
			if startIn(start, w>>16) {
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
			if startIn(start, at(c)) {
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
