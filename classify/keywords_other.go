//go:build !amd64 || purego

package classify

const useAVX2 = false

func triSkipAVX2(tri *[2048]uint64, text []byte) (int, bool) { panic("unreachable") }

func classBitsAVX2(tab *[64]byte, text []byte, out *uint64) { panic("unreachable") }
