package mask

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
)

// The tokens' keyed PRF is AES-CMAC (NIST SP 800-38B, RFC 4493) under a key
// derived from the configured key, with its 16-byte tag stretched to 32 bytes
// by AES under a second derived key. On CPUs with AES instructions it costs
// a few AES block operations per short value, against about two SHA-256
// compressions for HMAC-SHA256 (BenchmarkPRF puts both in one run): the
// difference is most of the cost of tokenizing a column.
//
// Key derivation: kmac = HMAC-SHA256(key, "maskwire/token/v1/cmac"),
// kout = HMAC-SHA256(key, "maskwire/token/v1/out"), each an AES-256 key.

type prfKeys struct {
	mac, out cipher.Block // safe for concurrent use: no state
	k1, k2   [16]byte     // CMAC subkeys
}

func derive(key []byte, label string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(label))
	return h.Sum(nil)
}

func newPRFKeys(key []byte) *prfKeys {
	mac, err := aes.NewCipher(derive(key, "maskwire/token/v1/cmac"))
	if err != nil {
		panic(err) // a 32-byte key is always valid
	}
	out, err := aes.NewCipher(derive(key, "maskwire/token/v1/out"))
	if err != nil {
		panic(err)
	}
	k := &prfKeys{mac: mac, out: out}
	var l [16]byte
	mac.Encrypt(l[:], l[:])
	k.k1 = dbl(l)
	k.k2 = dbl(k.k1)
	return k
}

// dbl is doubling in GF(2^128) as CMAC's subkey generation defines it.
func dbl(b [16]byte) [16]byte {
	var out [16]byte
	carry := b[0] >> 7
	for i := 0; i < 15; i++ {
		out[i] = b[i]<<1 | b[i+1]>>7
	}
	out[15] = b[15] << 1
	if carry != 0 {
		out[15] ^= 0x87
	}
	return out
}

// cmacPRF is a streaming AES-CMAC with a 32-byte output; it implements
// hash.Hash so the token code does not depend on the PRF. Not safe for
// concurrent use (one per Session).
type cmacPRF struct {
	k   *prfKeys
	x   [16]byte // CBC chaining value
	buf [16]byte // the last block, held back until more input or Sum
	n   int      // bytes in buf
}

func (p *cmacPRF) Reset()         { p.x, p.n = [16]byte{}, 0 }
func (p *cmacPRF) Size() int      { return 32 }
func (p *cmacPRF) BlockSize() int { return 16 }

func (p *cmacPRF) Write(b []byte) (int, error) {
	total := len(b)
	for len(b) > 0 {
		if p.n == 16 {
			for i := range p.x {
				p.x[i] ^= p.buf[i]
			}
			p.k.mac.Encrypt(p.x[:], p.x[:])
			p.n = 0
		}
		c := copy(p.buf[p.n:], b)
		p.n += c
		b = b[c:]
	}
	return total, nil
}

// Sum appends the 32-byte output; the state is left as it was.
func (p *cmacPRF) Sum(dst []byte) []byte {
	var t [16]byte
	if p.n == 16 {
		for i := range t {
			t[i] = p.x[i] ^ p.buf[i] ^ p.k.k1[i]
		}
	} else {
		var last [16]byte
		copy(last[:], p.buf[:p.n])
		last[p.n] = 0x80
		for i := range t {
			t[i] = p.x[i] ^ last[i] ^ p.k.k2[i]
		}
	}
	p.k.mac.Encrypt(t[:], t[:])
	var o [32]byte
	p.k.out.Encrypt(o[:16], t[:])
	t[15] ^= 1
	p.k.out.Encrypt(o[16:], t[:])
	return append(dst, o[:]...)
}

func aesNew(key []byte) (cipher.Block, error) { return aes.NewCipher(key) }
