package mask

import (
	"crypto/cipher"
	"encoding/binary"
)

// aesKey is an AES-128 key for encryptWords: on amd64 with AES-NI one
// assembly call per block with the schedule in rk (aes_amd64.s), instead of
// crypto/aes's cipher.Block path (interface call, FIPS service indicator,
// overlap checks, a round-count loop), which costs about as much again as
// the block itself. Elsewhere, or without rk, it uses blk.
type aesKey struct {
	blk   cipher.Block
	rk    [176]byte // 11 round keys, FIPS-197 byte order
	hasRK bool
}

// setKey expands key (16 bytes, the key of blk) into rk.
func (k *aesKey) setKey(key []byte) {
	expandKey128(&k.rk, key)
	k.hasRK = true
}

// encryptWords encrypts the block x0 || x1 (little-endian halves: x0 holds
// bytes 0..7). b is scratch for the cipher.Block path (a Session's, so
// that nothing escapes per call).
func (k *aesKey) encryptWords(x0, x1 uint64, b *[16]byte) (uint64, uint64) {
	if useAESNI && k.hasRK {
		return aesEncrypt(&k.rk, x0, x1)
	}
	le := binary.LittleEndian
	le.PutUint64(b[0:8], x0)
	le.PutUint64(b[8:16], x1)
	k.blk.Encrypt(b[:], b[:])
	return le.Uint64(b[0:8]), le.Uint64(b[8:16])
}

// expandKey128 is the AES-128 key expansion of FIPS-197 section 5.2: 44
// big-endian words, w[i] = w[i-4] ^ (every fourth: SubWord(RotWord(w[i-1]))
// ^ Rcon), written out as round-key bytes.
func expandKey128(rk *[176]byte, key []byte) {
	be := binary.BigEndian
	var w [44]uint32
	for i := 0; i < 4; i++ {
		w[i] = be.Uint32(key[4*i:])
	}
	rcon := byte(1)
	for i := 4; i < 44; i++ {
		t := w[i-1]
		if i%4 == 0 {
			t = t<<8 | t>>24 // RotWord
			t = uint32(subByte(byte(t>>24)))<<24 | uint32(subByte(byte(t>>16)))<<16 |
				uint32(subByte(byte(t>>8)))<<8 | uint32(subByte(byte(t)))
			t ^= uint32(rcon) << 24
			rcon = gmul(rcon, 2)
		}
		w[i] = w[i-4] ^ t
	}
	for i, x := range w {
		be.PutUint32(rk[4*i:], x)
	}
}

// gmul multiplies in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1.
func gmul(a, b byte) byte {
	var p byte
	for ; b != 0; b >>= 1 {
		if b&1 != 0 {
			p ^= a
		}
		hi := a & 0x80
		a <<= 1
		if hi != 0 {
			a ^= 0x1b
		}
	}
	return p
}

// subByte is the AES S-box from its definition: the multiplicative inverse
// (a^254; 0 maps to 0) followed by the affine transformation.
func subByte(a byte) byte {
	inv, sq := byte(1), a
	for e := 254; e != 0; e >>= 1 {
		if e&1 != 0 {
			inv = gmul(inv, sq)
		}
		sq = gmul(sq, sq)
	}
	if a == 0 {
		inv = 0
	}
	rotl := func(x byte, n uint) byte { return x<<n | x>>(8-n) }
	return inv ^ rotl(inv, 1) ^ rotl(inv, 2) ^ rotl(inv, 3) ^ rotl(inv, 4) ^ 0x63
}
