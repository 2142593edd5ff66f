//go:build amd64 && !purego

package classify

import "golang.org/x/sys/cpu"

// useAVX2: skip runs the triple filter's 16-byte steps in triSkipAVX2.
var useAVX2 = cpu.X86.HasAVX2

// triSkipAVX2 is skip's fast loop, eight triples per step in vector registers
// (keywords_amd64.s): it returns the offset of the first 16-byte step of text
// whose eight even-offset triples (bytes 0-2, 2-4, ... 14-16) hit the filter
// tri, plus 8 if only the step's second half does, and hit; or the offset of
// the first step with fewer than 17 bytes left.
//
//go:noescape
func triSkipAVX2(tri *[2048]uint64, text []byte) (off int, hit bool)

// classBitsAVX2 writes the class bitmaps of text (at least 64 bytes) to out, nCls words per
// 64 bytes (keywords_amd64.s; see Scanner.classBits).
//
//go:noescape
func classBitsAVX2(tab *[64]byte, text []byte, out *uint64)
