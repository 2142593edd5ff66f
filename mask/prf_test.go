package mask

import (
	"bytes"
	"crypto/aes"
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"testing"
)

// TestCMACVectors checks the CMAC against RFC 4493 (AES-128 vectors; the
// construction is the same for AES-256), fed in uneven pieces.
func TestCMACVectors(t *testing.T) {
	key, _ := hex.DecodeString("2b7e151628aed2a6abf7158809cf4f3c")
	blk, _ := aes.NewCipher(key)
	msg, _ := hex.DecodeString("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411")
	cases := []struct {
		n    int
		want string
	}{
		{0, "bb1d6929e95937287fa37d129b756746"},
		{16, "070a16b46b4d4144f79bdd9dd04a287c"},
		{40, "dfa66747de9ae63030ca32611497c827"},
	}
	for _, c := range cases {
		for _, step := range []int{1, 3, 16, 40} {
			p := prf{prfKey: prfKeyOf(blk)}
			p.reset()
			m := msg[:c.n]
			for len(m) > 0 {
				k := min(step, len(m))
				if k == 1 {
					p.writeByte(m[0])
				} else {
					p.write(m[:k])
				}
				m = m[k:]
			}
			var out [16]byte
			p.sum(&out)
			if got := hex.EncodeToString(out[:]); got != c.want {
				t.Errorf("len %d step %d: %s want %s", c.n, step, got, c.want)
			}
		}
	}
}

// TestAESMatchesCryptoAES: the key schedule and the AES-NI path give
// crypto/aes's blocks.
func TestAESMatchesCryptoAES(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 200 {
		key := make([]byte, 16)
		for j := range key {
			key[j] = byte(r.Uint32())
		}
		blk, _ := aes.NewCipher(key)
		var k aesKey
		k.blk = blk
		k.setKey(key)
		var in, want [16]byte
		for j := range in {
			in[j] = byte(r.Uint32())
		}
		if i == 0 {
			in = [16]byte{}
		}
		blk.Encrypt(want[:], in[:])
		le := binary.LittleEndian
		y0, y1 := k.encryptWords(le.Uint64(in[0:8]), le.Uint64(in[8:16]), new([16]byte))
		var got [16]byte
		le.PutUint64(got[0:8], y0)
		le.PutUint64(got[8:16], y1)
		if got != want {
			t.Fatalf("key %x in %x: %x, crypto/aes %x (AES-NI %v)", key, in, got, want, useAESNI)
		}
	}
	// FIPS-197 appendix B.
	key, _ := hex.DecodeString("2b7e151628aed2a6abf7158809cf4f3c")
	var k aesKey
	k.setKey(key)
	if got := hex.EncodeToString(k.rk[160:]); got != "d014f9a8c9ee2589e13f0cc8b6630ca6" {
		t.Fatalf("round key 10: %s", got)
	}
}

// TestSeedOfMatchesCMAC: the one-pass CMAC (seedOf, with its tag as the
// first message byte) gives RFC 4493's tags.
func TestSeedOfMatchesCMAC(t *testing.T) {
	key, _ := hex.DecodeString("2b7e151628aed2a6abf7158809cf4f3c")
	blk, _ := aes.NewCipher(key)
	p := prfKeyOf(blk)
	p.setKey(key)
	msg, _ := hex.DecodeString("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710")
	s := &Session{t: &Tokenizer{cmac: p, exp: p}}
	for n, want := range map[int]string{16: "070a16b46b4d4144f79bdd9dd04a287c", 40: "dfa66747de9ae63030ca32611497c827", 64: "51f0bebf7e3b9d92fc49741779363cfe"} {
		s.seedOf(msg[0], msg[1:n], false)
		if got := hex.EncodeToString(s.seed[:]); got != want {
			t.Errorf("len %d: %s want %s", n, got, want)
		}
	}
}

// TestAppendB32MatchesB32: appendB32 (bit buffer, eight characters per
// store, read-ahead given back) writes what b32 writes one character at a
// time and leaves the stream where b32 leaves it, whatever the chunking and
// whatever is drawn next.
func TestAppendB32MatchesB32(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	a, b := newSession(t), newSession(t)
	for i := range 500 {
		v := []byte{byte(i), byte(i >> 8)}
		a.seedOf(tagGeneric, v, false)
		b.seedOf(tagGeneric, v, false)
		var got, want []byte
		for range 1 + r.IntN(6) {
			n := r.IntN(40)
			if r.IntN(4) == 0 { // a byte draw in between
				x, y := a.next(), b.next()
				got, want = append(got, x), append(want, y)
			}
			got = a.appendB32(got, n)
			for range n {
				want = append(want, b.b32())
			}
		}
		if !bytes.Equal(got, want) || a.pos != b.pos || a.acc != b.acc || a.nb != b.nb || a.ctr != b.ctr {
			t.Fatalf("value %d: %q (pos %d acc %x nb %d ctr %d), b32: %q (pos %d acc %x nb %d ctr %d)",
				i, got, a.pos, a.acc, a.nb, a.ctr, want, b.pos, b.acc, b.nb, b.ctr)
		}
	}
}

// TestAESChain: aesChain is aesEncrypt chained block by block (CBC-MAC).
func TestAESChain(t *testing.T) {
	if !useAESNI {
		t.Skip("no AES-NI")
	}
	var rk [176]byte
	expandKey128(&rk, []byte("0123456789abcdef"))
	for i := range 1000 {
		var b [4][2]uint64
		for j := range b {
			b[j] = [2]uint64{uint64(i)*0x9E3779B97F4A7C15 + uint64(j), uint64(j)<<32 ^ uint64(i)}
		}
		n := 1 + i%4
		var x0, x1 uint64
		for j := range n {
			x0, x1 = aesEncrypt(&rk, x0^b[j][0], x1^b[j][1])
		}
		if y0, y1 := aesChain(&rk, &b, n); y0 != x0 || y1 != x1 {
			t.Fatalf("n %d: %x %x, block by block %x %x", n, y0, y1, x0, x1)
		}
	}
}
