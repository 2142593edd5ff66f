package codec

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5/pgproto3"
)

// Two fuzz layers, as in pgproto3: through framing (FuzzDecoder) and per
// decoder (FuzzDataRow). The f.Add seeds run in every plain `go test`;
// crashers found by -fuzz are kept under testdata/fuzz/ and run too.

// decodeOutcome is everything observable about decoding a stream.
type decodeOutcome struct {
	frames   []rec
	err      string // "" when the stream decoded without a FrameError
	buffered int    // bytes left when no error
}

func outcome(d *Decoder, s stream, chunks [][]byte) decodeOutcome {
	frames, buf, err := collect(d, s, chunks)
	o := decodeOutcome{frames: frames, buffered: buf}
	if err != nil {
		var fe *FrameError
		if !errors.As(err, &fe) {
			o.err = "not a *FrameError: " + err.Error()
		} else {
			o.err = fe.Error()
		}
		o.buffered = 0
	}
	return o
}

func sameOutcome(t *testing.T, label string, got, want decodeOutcome) {
	t.Helper()
	if got.err != want.err || got.buffered != want.buffered {
		t.Fatalf("%s: err %q buffered %d; whole feed gave err %q buffered %d", label, got.err, got.buffered, want.err, want.buffered)
	}
	equalRecs(t, label, got.frames, want.frames)
}

func FuzzDecoder(f *testing.F) {
	row := appendRow(nil, 1)
	for _, seed := range []struct {
		data    []byte
		startup bool
	}{
		{row, false},
		{append(bytes.Clone(row), typedHeader('D', -2)...), false}, // bad length after a good frame
		{typedHeader('D', 3), false},                               // below minimum
		{typedHeader('D', 0x7fffffff), false},                      // huge length
		{[]byte{'D', 0, 0}, false},                                 // truncated header
		{append(typedHeader('D', 10), 0, 1), false},                // truncated body
		{rowBody(1, int32(-1)), false},                             // a NULL row body, framed as garbage
		{startupStream().data, true},
		{startupHeader(7), true},
		{startupHeader(10001), true},
		{append(startupHeader(9), 0, 3, 0, 0, 0, 'Q', 0, 0, 0, 4), true},
	} {
		for _, max := range []int{0, 16, 1 << 10} {
			f.Add(seed.data, uint64(len(seed.data)), seed.startup, max)
		}
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "session.frontend.bin")); err == nil {
		f.Add(b, uint64(7), true, 0)
	}
	f.Fuzz(func(t *testing.T, data []byte, seed uint64, startup bool, max int) {
		max %= 1 << 16 // small limits get exercised; <= 0 is the default
		s := stream{data: data, startup: startup, max: max}
		want := outcome(NewDecoder(max), s, whole(data))
		for i, chunks := range [][][]byte{
			randomSplits(seed, 1+int(seed%64))(data),
			randomSplits(seed+1, 3)(data),
			byteByByte(data),
		} {
			sameOutcome(t, fmt.Sprintf("split %d", i), outcome(NewDecoder(max), s, chunks), want)
		}
		// The plain reference framer agrees on the frames and on whether the
		// stream is broken.
		ref, refErr := referenceFrames(s)
		equalRecs(t, "reference", want.frames, ref)
		if (refErr != nil) != (want.err != "") {
			t.Fatalf("reference error %v, decoder error %q", refErr, want.err)
		}
		if want.err == "" {
			consumed := 0
			for _, r := range ref {
				consumed += len(r.Raw)
			}
			if want.buffered != len(data)-consumed {
				t.Fatalf("buffered %d, want %d", want.buffered, len(data)-consumed)
			}
		}
	})
}

func FuzzDataRow(f *testing.F) {
	f.Add(rowBody(0))
	f.Add(rowBody(1, int32(-1)))                      // NULL
	f.Add(rowBody(2, "", int32(-1)))                  // empty and NULL
	f.Add(rowBody(2, "ok", int32(-2)))                // length -2
	f.Add(rowBody(1, int32(0x7fffffff), []byte("x"))) // huge length
	f.Add(rowBody(2, "a", []byte{0, 0}))              // truncated length word
	f.Add(rowBody(1, int32(10), []byte("short")))     // truncated field
	f.Add(rowBody(1, "a", []byte("trailing")))        // trailing bytes
	f.Add(rowBody(3, "a", "b"))                       // count mismatch
	f.Add([]byte{0})                                  // shorter than the count
	f.Add(appendRealisticRow(nil, 7)[5:])
	f.Fuzz(func(t *testing.T, body []byte) {
		var r DataRowReader
		r.Reset(body)
		var walked [][]byte
		for r.Next() {
			if r.IsNull() != (r.Value() == nil) {
				t.Fatalf("IsNull %v with value %q", r.IsNull(), r.Value())
			}
			walked = append(walked, r.Value())
		}
		if len(walked) > r.NumFields() {
			t.Fatalf("%d fields walked, %d declared", len(walked), r.NumFields())
		}
		split, err := SplitDataRow(nil, body)
		if !errors.Is(err, r.Err()) || !sameFields(split, walked) {
			t.Fatalf("SplitDataRow %q %v; walker %q %v", split, err, walked, r.Err())
		}
		var pg pgproto3.DataRow
		pgErr := pg.Decode(body)
		if r.Err() != nil {
			if r.Err() != ErrMalformedDataRow {
				t.Fatalf("Err = %v", r.Err())
			}
			return
		}
		if len(walked) != r.NumFields() {
			t.Fatalf("well-formed row: %d fields walked, %d declared", len(walked), r.NumFields())
		}
		// Well-formed: pgproto3 agrees, and re-encoding gives the same bytes.
		if pgErr != nil || !sameFields(pg.Values, walked) {
			t.Fatalf("pgproto3 %q %v; codec %q", pg.Values, pgErr, walked)
		}
		want := binary.BigEndian.AppendUint32([]byte{DataRow}, uint32(len(body)+4))
		want = append(want, body...)
		for name, got := range map[string][]byte{
			"AppendField": encodeRow([]byte("pre"), walked)[3:],
			"BeginField":  encodeRowWithFieldMarks([]byte("pre"), walked)[3:],
			"reencode":    reencode(nil, &r, body),
		} {
			if !bytes.Equal(got, want) {
				t.Fatalf("%s: re-encode % x, want % x", name, head(got), head(want))
			}
		}
	})
}
