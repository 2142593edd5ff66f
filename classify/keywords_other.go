//go:build !amd64 || purego

package classify

const useAVX2 = false

func triSkipAVX2(tri *[2048]uint64, text []byte) (int, bool) { panic("unreachable") }
