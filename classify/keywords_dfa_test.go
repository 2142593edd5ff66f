package classify

// dfaKeywords is the first keyword matcher this package had: a full Aho-Corasick DFA over
// ASCII-case-folded byte classes. It stays as the reference for a differential test and as a
// contender in the keyword benchmark.
type dfaKeywords struct {
	class    [256]uint8
	nclass   int
	next     []int32 // next[state*nclass+class]
	outStart []int32 // outputs of state s: outs[outStart[s]:outStart[s+1]]
	outs     []int32
	plen     []int32 // pattern lengths
}

func newDFAKeywords(patterns []string) *dfaKeywords {
	a := &dfaKeywords{}
	// Byte classes: class 0 for bytes in no pattern.
	var seen [256]bool
	for _, p := range patterns {
		for i := 0; i < len(p); i++ {
			seen[lowerASCII(p[i])] = true
		}
	}
	nc := 1
	for c := 0; c < 256; c++ {
		if seen[c] {
			a.class[c] = uint8(nc)
			nc++
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		a.class[c] = a.class[c+32]
	}
	a.nclass = nc

	// Trie.
	type node struct {
		child map[uint8]int32
		out   []int32
		fail  int32
	}
	nodes := []node{{child: map[uint8]int32{}}}
	for pi, p := range patterns {
		a.plen = append(a.plen, int32(len(p)))
		s := int32(0)
		for i := 0; i < len(p); i++ {
			c := a.class[p[i]]
			nx, ok := nodes[s].child[c]
			if !ok {
				nx = int32(len(nodes))
				nodes = append(nodes, node{child: map[uint8]int32{}})
				nodes[s].child[c] = nx
			}
			s = nx
		}
		nodes[s].out = append(nodes[s].out, int32(pi))
	}
	// BFS: fail links and the full DFA.
	a.next = make([]int32, len(nodes)*nc)
	queue := []int32{}
	for c := 0; c < nc; c++ {
		if nx, ok := nodes[0].child[uint8(c)]; ok {
			a.next[c] = nx
			nodes[nx].fail = 0
			queue = append(queue, nx)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := nodes[s].fail
		nodes[s].out = append(nodes[s].out, nodes[f].out...)
		for c := 0; c < nc; c++ {
			if nx, ok := nodes[s].child[uint8(c)]; ok {
				nodes[nx].fail = a.next[int(f)*nc+c]
				a.next[int(s)*nc+c] = nx
				queue = append(queue, nx)
			} else {
				a.next[int(s)*nc+c] = a.next[int(f)*nc+c]
			}
		}
	}
	for _, n := range nodes {
		a.outStart = append(a.outStart, int32(len(a.outs)))
		a.outs = append(a.outs, n.out...)
	}
	a.outStart = append(a.outStart, int32(len(a.outs)))
	return a
}

// each calls fn(pattern, start, end) for every keyword occurrence, in order of end offset.
func (a *dfaKeywords) each(text []byte, fn func(pat, start, end int)) {
	s := int32(0)
	nc := int32(a.nclass)
	next, class, outStart := a.next, &a.class, a.outStart
	for i := 0; i < len(text); i++ {
		s = next[s*nc+int32(class[text[i]])]
		if o, e := outStart[s], outStart[s+1]; o != e {
			for ; o < e; o++ {
				p := a.outs[o]
				fn(int(p), i+1-int(a.plen[p]), i+1)
			}
		}
	}
}

// contains reports whether any keyword occurs in text.
func (a *dfaKeywords) contains(text []byte) bool {
	s := int32(0)
	nc := int32(a.nclass)
	next, class, outStart := a.next, &a.class, a.outStart
	for i := 0; i < len(text); i++ {
		s = next[s*nc+int32(class[text[i]])]
		if outStart[s] != outStart[s+1] {
			return true
		}
	}
	return false
}
