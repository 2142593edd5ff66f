package mask

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
)

// prf is AES-128-CMAC (NIST SP 800-38B, RFC 4493), the keyed function behind
// every token: a PRF with 128-bit output that costs one AES block per 16
// input bytes (AES-NI: a few ns each), against two SHA-256 compressions for
// HMAC-SHA256 (BenchmarkPRF). The CMAC key and the expansion key are derived
// from the configured key with HMAC-SHA256, so any key of 16 bytes or more
// works and the two uses never share a key.
//
// prf streams: write any number of byte slices, then sum. It holds the last
// block back until more input arrives, because CMAC treats the final block
// specially.
type prf struct {
	*prfKey
	x   [16]byte // chaining value
	buf [16]byte // pending input block
	n   int      // bytes in buf
}

// prfKey is the immutable keyed part, shared by sessions (cipher.Block is
// safe for concurrent use).
type prfKey struct {
	aesKey
	k1, k2 [16]byte
}

func newPRFKey(key []byte, label string) *prfKey {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(label))
	k := m.Sum(nil)
	blk, err := aes.NewCipher(k[:16]) // AES-128: 10 rounds, 128-bit PRF security
	if err != nil {
		panic(err) // unreachable: the key length is fixed
	}
	p := prfKeyOf(blk)
	p.setKey(k[:16])
	return p
}

// prfKeyOf computes the CMAC subkeys of blk.
func prfKeyOf(blk cipher.Block) *prfKey {
	p := &prfKey{aesKey: aesKey{blk: blk}}
	var l [16]byte
	blk.Encrypt(l[:], l[:])
	p.k1 = dbl(l)
	p.k2 = dbl(p.k1)
	return p
}

// dbl doubles in GF(2^128) (the CMAC subkey step).
func dbl(b [16]byte) [16]byte {
	var o [16]byte
	carry := b[0] >> 7
	for i := 0; i < 15; i++ {
		o[i] = b[i]<<1 | b[i+1]>>7
	}
	o[15] = b[15] << 1
	if carry != 0 {
		o[15] ^= 0x87
	}
	return o
}

func (p *prf) reset() {
	p.x = [16]byte{}
	p.n = 0
}

func (p *prf) write(b []byte) {
	for len(b) > 0 {
		if p.n == 16 {
			for i := range p.x {
				p.x[i] ^= p.buf[i]
			}
			p.blk.Encrypt(p.x[:], p.x[:])
			p.n = 0
		}
		k := copy(p.buf[p.n:], b)
		p.n += k
		b = b[k:]
	}
}

func (p *prf) writeByte(c byte) {
	if p.n == 16 {
		for i := range p.x {
			p.x[i] ^= p.buf[i]
		}
		p.blk.Encrypt(p.x[:], p.x[:])
		p.n = 0
	}
	p.buf[p.n] = c
	p.n++
}

// sum finishes the MAC into out.
func (p *prf) sum(out *[16]byte) {
	if p.n == 16 {
		for i := range p.x {
			p.x[i] ^= p.buf[i] ^ p.k1[i]
		}
	} else {
		p.buf[p.n] = 0x80
		for i := p.n + 1; i < 16; i++ {
			p.buf[i] = 0
		}
		for i := range p.x {
			p.x[i] ^= p.buf[i] ^ p.k2[i]
		}
	}
	p.blk.Encrypt(out[:], p.x[:])
}

// block encrypts in (the expansion: AES-128 under its own key of
// seed XOR counter, a PRF of the counter for each seed).
func (p *prfKey) block(out, in *[16]byte) {
	le := binary.LittleEndian
	y0, y1 := p.encryptWords(le.Uint64(in[0:8]), le.Uint64(in[8:16]), new([16]byte))
	le.PutUint64(out[0:8], y0)
	le.PutUint64(out[8:16], y1)
}
