//go:build amd64 && !purego

package mask

import "golang.org/x/sys/cpu"

// aesEncrypt is AES-128 encryption of x0 || x1 under the round keys rk with
// AES-NI (aes_amd64.s).
//
//go:noescape
func aesEncrypt(rk *[176]byte, x0, x1 uint64) (y0, y1 uint64)

// useAESNI: the assembly needs AES-NI (AESENC) and SSE4.1 (PINSRQ, PEXTRQ).
var useAESNI = cpu.X86.HasAES && cpu.X86.HasSSE41

// aesChain is the CBC-MAC of the n (1..4) blocks of b under rk: the
// chaining value x starts at 0 and x = AES(x ^ b[i]) (aes_amd64.s).
//
//go:noescape
func aesChain(rk *[176]byte, b *[4][2]uint64, n int) (y0, y1 uint64)
