package codec

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// TestNextOfAgreesWithNext: a reader that takes DataRows with NextOf where
// it can (and everything else with Next) sees the same messages, bodies and
// errors as one that uses Next only, whatever the Feed boundaries.
func TestNextOfAgreesWithNext(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for round := range 300 {
		var stream []byte
		for range 1 + r.IntN(40) {
			typ := byte(DataRow)
			if r.IntN(4) == 0 {
				typ = "CZTE"[r.IntN(4)]
			}
			body := make([]byte, r.IntN(30))
			for i := range body {
				body[i] = byte(r.Uint32())
			}
			stream = append(stream, typ)
			stream = binary.BigEndian.AppendUint32(stream, uint32(4+len(body)))
			stream = append(stream, body...)
		}
		if round%5 == 0 { // a header that does not validate
			stream = append(stream, DataRow, 0, 0, 0, byte(r.IntN(4)))
		}
		if round%7 == 0 { // one above the maximum
			stream = append(stream, DataRow, 0, 0, 1, 0)
		}
		type msg struct {
			typ       byte
			raw, body []byte
			err       bool
		}
		run := func(useNextOf bool) []msg {
			d := NewDecoder(200)
			var got []msg
			rr := rand.New(rand.NewPCG(uint64(round), 1)) // the same chunks for both
			for p := stream; ; {
				k := min(len(p), rr.IntN(60))
				d.Feed(p[:k])
				p = p[k:]
				for {
					if useNextOf {
						if raw, body, ok := d.NextOf(DataRow); ok {
							got = append(got, msg{DataRow, bytes.Clone(raw), bytes.Clone(body), false})
							continue
						}
					}
					f, err := d.Next()
					if err == ErrNeedMore {
						break
					}
					if err != nil {
						return append(got, msg{err: true})
					}
					got = append(got, msg{f.Type, bytes.Clone(f.Raw), bytes.Clone(f.Body), false})
				}
				if len(p) == 0 {
					return got
				}
			}
		}
		want, got := run(false), run(true)
		if len(got) != len(want) {
			t.Fatalf("round %d: %d messages, Next alone %d", round, len(got), len(want))
		}
		for i := range got {
			if got[i].typ != want[i].typ || got[i].err != want[i].err ||
				!bytes.Equal(got[i].raw, want[i].raw) || !bytes.Equal(got[i].body, want[i].body) {
				t.Fatalf("round %d message %d: %+v, Next alone %+v", round, i, got[i], want[i])
			}
		}
	}
}
