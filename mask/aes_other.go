//go:build !amd64 || purego

package mask

const useAESNI = false

func aesEncrypt(rk *[176]byte, x0, x1 uint64) (y0, y1 uint64) { panic("unreachable") }

func aesChain(rk *[176]byte, b *[4][2]uint64, n int) (y0, y1 uint64) { panic("unreachable") }
