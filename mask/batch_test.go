package mask

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/maskwire/maskwire/classify"
)

// TestBatchSameTokens: a row's values tokenized with their MACs batched
// (BatchToken, BatchMAC) give exactly the tokens they give one at a time,
// for every batched format, message lengths of one to five blocks, more
// values than a batch holds, malformed values and values not batched.
func TestBatchSameTokens(t *testing.T) {
	one, row := newSession(t), newSession(t)
	rng := rand.New(rand.NewPCG(1, 2))
	types := []classify.Type{classify.EmailAddress, classify.PhoneNumber, classify.CreditCard, classify.USSSN,
		classify.IBANCode, classify.IPAddress, classify.Person, classify.UKNINO, classify.Location, classify.DateTime}
	const alpha = "abcXYZ0123456789 .-@+()"
	gen := func(ty classify.Type) []byte {
		switch rng.IntN(4) {
		case 0: // well-formed
			switch ty {
			case classify.EmailAddress:
				return []byte(string(rune('A'+rng.IntN(26))) + "ob.Smith" + string(rune('0'+rng.IntN(10))) + "@Example.com")
			case classify.PhoneNumber:
				return []byte("+44 20 7946 0" + string(rune('0'+rng.IntN(10))) + "58")
			case classify.CreditCard:
				return []byte("4111 1111 1111 111" + string(rune('0'+rng.IntN(10))))
			case classify.USSSN:
				return []byte("123-45-678" + string(rune('0'+rng.IntN(10))))
			case classify.IBANCode:
				return []byte("DE89 3704 0044 0532 0130 0" + string(rune('0'+rng.IntN(10))))
			case classify.IPAddress:
				return []byte("10.1.2." + string(rune('0'+rng.IntN(10))))
			}
		}
		b := make([]byte, rng.IntN(80))
		for i := range b {
			b[i] = alpha[rng.IntN(len(alpha))]
		}
		return b
	}
	for round := range 3000 {
		n := 1 + rng.IntN(12)
		tys := make([]classify.Type, n)
		vals := make([][]byte, n)
		for i := range n {
			tys[i] = types[rng.IntN(len(types))]
			vals[i] = gen(tys[i])
			if i > 0 && rng.IntN(8) == 0 {
				vals[i] = vals[i-1] // the same value twice in a row
			}
		}
		keep := round%2 == 0
		for i := range n {
			row.BatchToken(tys[i], vals[i])
		}
		row.BatchMAC()
		for i := range n {
			want, werr := one.AppendToken(nil, tys[i], vals[i], keep)
			got, gerr := row.AppendToken(nil, tys[i], vals[i], keep)
			if !bytes.Equal(got, want) || (gerr == nil) != (werr == nil) {
				t.Fatalf("%v %q: batched %q (%v), alone %q (%v)", tys[i], vals[i], got, gerr, want, werr)
			}
		}
		row.BatchDone()
	}
}
