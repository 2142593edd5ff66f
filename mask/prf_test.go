package mask

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// TestCMACVectors checks the AES-CMAC core against RFC 4493's test vectors
// (AES-128, key 2b7e1516...). The PRF uses AES-256 keys derived from the
// configured key, but the CMAC construction is the same code.
func TestCMACVectors(t *testing.T) {
	key, _ := hex.DecodeString("2b7e151628aed2a6abf7158809cf4f3c")
	msg, _ := hex.DecodeString("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710")
	k := newPRFKeysRaw(t, key)
	for _, c := range []struct {
		n    int
		want string
	}{
		{0, "bb1d6929e95937287fa37d129b756746"},
		{16, "070a16b46b4d4144f79bdd9dd04a287c"},
		{40, "dfa66747de9ae63030ca32611497c827"},
		{64, "51f0bebf7e3b9d92fc49741779363cfe"},
	} {
		// Feed in uneven pieces: streaming must not matter.
		p := &cmacPRF{k: k}
		for i := 0; i < c.n; i += 7 {
			p.Write(msg[i:min(i+7, c.n)])
		}
		if got := hex.EncodeToString(p.tag()); got != c.want {
			t.Errorf("CMAC of %d bytes = %s, want %s", c.n, got, c.want)
		}
	}
}

// tag is the CMAC tag alone (Sum stretches it).
func (p *cmacPRF) tag() []byte {
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
	return t[:]
}

func newPRFKeysRaw(t *testing.T, key []byte) *prfKeys {
	t.Helper()
	k := newPRFKeys([]byte("0123456789abcdef")) // out key unused here
	var err error
	k.mac, err = aesNew(key)
	if err != nil {
		t.Fatal(err)
	}
	var l [16]byte
	k.mac.Encrypt(l[:], l[:])
	k.k1 = dbl(l)
	k.k2 = dbl(k.k1)
	return k
}

func TestPRFKeyedAndDeterministic(t *testing.T) {
	a, b := newPRFKeys([]byte("key-one-0123456789")), newPRFKeys([]byte("key-two-0123456789"))
	sum := func(k *prfKeys, v string) []byte {
		p := &cmacPRF{k: k}
		p.Write([]byte(v))
		return p.Sum(nil)
	}
	if !bytes.Equal(sum(a, "alice@example.com"), sum(a, "alice@example.com")) {
		t.Fatal("not deterministic")
	}
	if bytes.Equal(sum(a, "alice@example.com"), sum(b, "alice@example.com")) {
		t.Fatal("different keys give the same output")
	}
	if bytes.Equal(sum(a, "alice@example.com"), sum(a, "alice@example.con")) {
		t.Fatal("different inputs give the same output")
	}
}

// BenchmarkPRFChoice: the token PRF (AES-CMAC) against HMAC-SHA256 (the previous choice) on
// values of typical PII lengths, in one run.
func BenchmarkPRFChoice(b *testing.B) {
	key := []byte("bench-key-0123456789abcdef")
	for _, n := range []int{11, 19, 32, 64} {
		v := bytes.Repeat([]byte{'x'}, n)
		var out [32]byte
		b.Run("HMACSHA256/"+itoa(n), func(b *testing.B) {
			h := hmac.New(sha256.New, key)
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for range b.N {
				h.Reset()
				h.Write(v)
				h.Sum(out[:0])
			}
		})
		b.Run("AESCMAC/"+itoa(n), func(b *testing.B) {
			p := &cmacPRF{k: newPRFKeys(key)}
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for range b.N {
				p.Reset()
				p.Write(v)
				p.Sum(out[:0])
			}
		})
	}
}

func itoa(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }
