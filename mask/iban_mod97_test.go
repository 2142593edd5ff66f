package mask

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/maskwire/maskwire/classify"
)

// ibanMod97Reference is the plain digit-by-digit remainder (the first
// implementation), the reference of TestIBANMod97MatchesReference.
func ibanMod97Reference(b []byte) int {
	rem := 0
	add := func(c byte) {
		switch {
		case isDigit(c):
			rem = (rem*10 + int(c-'0')) % 97
		case isUpper(c):
			rem = (rem*100 + int(c-'A') + 10) % 97
		case isLower(c):
			rem = (rem*100 + int(c-'a') + 10) % 97
		}
	}
	k := 0
	for _, c := range b {
		if c == ' ' {
			continue
		}
		if k >= 4 {
			add(c)
		}
		k++
	}
	k = 0
	for _, c := range b {
		if c == ' ' {
			continue
		}
		if k < 4 {
			add(c)
		}
		k++
		if k == 4 {
			break
		}
	}
	return rem
}

func TestIBANMod97MatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz  -"
	for i := 0; i < 20000; i++ {
		b := make([]byte, r.IntN(40))
		for j := range b {
			b[j] = alphabet[r.IntN(len(alphabet))]
		}
		if got, want := ibanMod97(b), ibanMod97Reference(b); got != want {
			t.Fatalf("%q: %d, reference %d", b, got, want)
		}
	}
	for _, v := range []string{"GB82WEST12345698765432", "DE89 3704 0044 0532 0130 00", "gb82west12345698765432"} {
		if ibanMod97([]byte(v)) != 1 {
			t.Fatalf("%s: not valid", v)
		}
	}
}

// TestIBANDigitsFastPath: AppendIBAN's path for all-digit BBANs gives the
// general path's tokens (upper and lower case, every length).
func TestIBANDigitsFastPath(t *testing.T) {
	fast, slow := newSession(t), newSession(t)
	r := rand.New(rand.NewPCG(7, 7))
	n := 0
	for i := range 20000 {
		l := 13 + i%24 // 15..36 characters with the country: some too long
		b := []byte{byte('A' + r.IntN(26)), byte('A' + r.IntN(26))}
		if i%3 == 0 {
			b[0] |= 0x20
		}
		for range l {
			b = append(b, byte('0'+r.IntN(10)))
		}
		want, werr := slow.appendIBAN([]byte("x"), b)
		got, gerr := fast.AppendIBAN([]byte("x"), b)
		if !bytes.Equal(got, want) || (werr == nil) != (gerr == nil) {
			t.Fatalf("%s: %q (%v), general path %q (%v)", b, got, gerr, want, werr)
		}
		if allDigitBBAN(b) {
			n++
			if !IBANValid(got[1:]) {
				t.Fatalf("%s: token %s fails mod-97", b, got[1:])
			}
		}
	}
	if n < 10000 {
		t.Fatalf("only %d values took the fast path", n)
	}
}

// TestDigitsFastPaths: digit-only values take fast paths (card, SSN, phone);
// their tokens are the general path's, which a separator inside the value
// takes (the digits of a token depend on the input's digits only).
func TestDigitsFastPaths(t *testing.T) {
	s := newSession(t)
	r := rand.New(rand.NewPCG(9, 9))
	strip := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte{' '}, nil) }
	for i := range 20000 {
		var typ classify.Type
		var n int
		switch i % 3 {
		case 0:
			typ, n = classify.CreditCard, 11+i%10 // 11..20: some malformed
		case 1:
			typ, n = classify.USSSN, 8+i%3
		default:
			typ, n = classify.PhoneNumber, 2+i%20
		}
		v := make([]byte, n)
		for j := range v {
			v[j] = byte('0' + r.IntN(10))
		}
		at := 1 + r.IntN(n-1)
		sep := append(append(append([]byte(nil), v[:at]...), ' '), v[at:]...)
		got, gerr := s.AppendToken(nil, typ, v, false)
		want, werr := s.AppendToken(nil, typ, sep, false)
		if (gerr == nil) != (werr == nil) || !bytes.Equal(got, strip(want)) {
			t.Fatalf("%v %s: %q (%v); with a space: %q (%v)", typ, v, got, gerr, want, werr)
		}
	}
}

// TestB32BlockPath: appendB32's one-block path writes the characters and
// leaves the stream state (position, held bits) exactly as the general
// path does, from every position and held-bit count.
func TestB32BlockPath(t *testing.T) {
	a, b := newSession(t), newSession(t)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 50000 {
		a.seedOf(tagGeneric, []byte{byte(i), byte(i >> 8)}, false)
		pos, nb := uint(r.IntN(17)), uint(r.IntN(8))
		if pos == 16 && nb == 0 {
			nb = 5
		}
		a.pos, a.nb, a.acc = pos, nb, uint32(r.Uint64()&(1<<nb-1))
		*b = *a
		n := 1 + r.IntN(27)
		if 5*n > int(nb+8*(16-min(pos, 16))) || pos >= 16 {
			continue
		}
		got := a.appendB32Block([]byte("x"), n)
		want := b.appendB32Slow([]byte("x"), n)
		if !bytes.Equal(got, want) || a.pos != b.pos || a.nb != b.nb || a.acc != b.acc {
			t.Fatalf("pos %d nb %d n %d: %q pos %d nb %d acc %x; general %q pos %d nb %d acc %x",
				pos, nb, n, got, a.pos, a.nb, a.acc, want, b.pos, b.nb, b.acc)
		}
		// And the stream goes on the same way.
		if x, y := a.appendB32([]byte{}, 30), b.appendB32Slow([]byte{}, 30); !bytes.Equal(x, y) {
			t.Fatalf("pos %d nb %d n %d: then %q, general %q", pos, nb, n, x, y)
		}
	}
}

// TestTokensWriteNothingPast: a token is appended; the spare capacity
// after it is left as it was.
func TestTokensWriteNothingPast(t *testing.T) {
	s := newSession(t)
	vals := []struct {
		t classify.Type
		v string
	}{{classify.Person, "Patricia Rodriguez"}, {classify.Person, "Ann Li"}, {classify.EmailAddress, "a.b@example.org"},
		{classify.EmailAddress, "elizabeth.hernandez999@mail.example.com"}, {classify.CreditCard, "4111111111111111"},
		{classify.IBANCode, "DE89370400440532013000"}, {classify.PhoneNumber, "(201) 555-0123"}, {classify.USSSN, "123-45-6789"}}
	for _, x := range vals {
		for _, keep := range []bool{false, true} {
			buf := bytes.Repeat([]byte{0xAA}, 256)
			out, err := s.AppendToken(buf[:3], x.t, []byte(x.v), keep)
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range buf[len(out):] {
				if c != 0xAA {
					t.Fatalf("%v %q: byte %d past the token changed", x.t, x.v, i)
				}
			}
		}
	}
}
