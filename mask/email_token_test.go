package mask

import (
	"bytes"
	"fmt"
	"testing"
)

// TestEmailTokenOnePass: appendEmailToken writes what appendB32(n), '@',
// appendB32(10) and ".invalid" write from a fresh stream, appends after dst
// only, and leaves the stream in the same state.
func TestEmailTokenOnePass(t *testing.T) {
	a, b := newSession(t), newSession(t)
	for i := range 20000 {
		v := []byte(fmt.Sprintf("user%d@example.org", i))
		n := 8 + i%8
		a.seedOf(tagEmail, v, true)
		b.seedOf(tagEmail, v, true)
		buf := bytes.Repeat([]byte{0xAA}, 64)
		got := a.appendEmailToken(buf[:i%5], n)
		want := append(append(b.appendB32(buf[:i%5:i%5], n), '@'), b.appendB32(nil, 10)...)
		want = append(want, ".invalid"...)
		if !bytes.Equal(got, want) || a.pos != b.pos || a.acc != b.acc || a.nb != b.nb || a.ctr != b.ctr {
			t.Fatalf("%q n %d: %q (pos %d acc %x nb %d), by appendB32 %q (pos %d acc %x nb %d)",
				v, n, got, a.pos, a.acc, a.nb, want, b.pos, b.acc, b.nb)
		}
		for j, c := range buf[len(got):] {
			if c != 0xAA {
				t.Fatalf("%q: byte %d past the token changed", v, j)
			}
		}
		// And the stream goes on the same way.
		if x, y := a.appendB32(nil, 30), b.appendB32(nil, 30); !bytes.Equal(x, y) {
			t.Fatalf("%q n %d: then %q, by appendB32 %q", v, n, x, y)
		}
	}
}
