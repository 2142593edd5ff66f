//go:build amd64 && !purego

package mask

// aesEncrypt is AES-128 encryption of x0 || x1 under the round keys rk with
// AES-NI (aes_amd64.s).
//
//go:noescape
func aesEncrypt(rk *[176]byte, x0, x1 uint64) (y0, y1 uint64)

// hasAESNI reports CPUID's AES-NI and SSE4.1 bits.
func hasAESNI() bool

var useAESNI = hasAESNI()
