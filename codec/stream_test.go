package codec

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// Shared test machinery: recorded streams, a plain reference framer and the
// delivery modes every framing test runs through (ripgrep's habit: one
// expected output, every way of handing the bytes over).

// rec is a frame copied out of the decoder (Frames are only valid until the
// next Feed or Next).
type rec struct {
	Type byte
	Body []byte
	Raw  []byte
}

func (r rec) String() string { return fmt.Sprintf("%q len=%d", r.Type, len(r.Raw)) }

func copyFrame(f Frame) rec {
	return rec{Type: f.Type, Body: bytes.Clone(f.Body), Raw: bytes.Clone(f.Raw)}
}

// stream is a byte stream plus how to start decoding it.
type stream struct {
	name    string
	data    []byte
	startup bool // the first message is an untyped startup-phase message
	startN  int  // number of untyped messages at the start (SSLRequest then StartupMessage = 2)
	max     int  // decoder limit; 0 = default
}

func loadRecorded(t testing.TB) (backend, frontend stream) {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatalf("recorded stream missing (regenerate with go run ./codec/internal/capture): %v", err)
		}
		return b
	}
	backend = stream{name: "recorded-backend", data: read("session.backend.bin")}
	frontend = stream{name: "recorded-frontend", data: read("session.frontend.bin"), startup: true, startN: 1}
	return backend, frontend
}

// referenceFrames is the plain implementation: one pass over a complete
// stream with the same limits, no carry, no incremental state.
func referenceFrames(s stream) ([]rec, error) {
	max := s.max
	if max <= 0 {
		max = DefaultMaxMessageSize
	}
	var out []rec
	p := s.data
	untyped := 0
	if s.startup {
		untyped = max1(s.startN)
	}
	for len(p) > 0 {
		if untyped > 0 {
			if len(p) < 4 {
				return out, nil // need more
			}
			n := int(int32(uint32(p[0])<<24 | uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(p[3])))
			if n < 8 || n > MaxStartupSize || n > max {
				return out, errors.New("bad startup length")
			}
			if len(p) < n {
				return out, nil
			}
			out = append(out, rec{Body: p[4:n], Raw: p[:n]})
			p = p[n:]
			untyped--
			continue
		}
		if len(p) < 5 {
			return out, nil
		}
		n := int(int32(uint32(p[1])<<24 | uint32(p[2])<<16 | uint32(p[3])<<8 | uint32(p[4])))
		if n < 4 || n+1 > max {
			return out, errors.New("bad length")
		}
		if len(p) < n+1 {
			return out, nil
		}
		out = append(out, rec{Type: p[0], Body: p[5 : n+1], Raw: p[:n+1]})
		p = p[n+1:]
	}
	return out, nil
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

// decodeChunks feeds chunks in order, draining after each, and calls emit for
// every frame. It stops at the first error other than ErrNeedMore. After the
// last chunk it reports how many bytes were left buffered.
func decodeChunks(d *Decoder, s stream, chunks [][]byte, emit func(Frame) error) (buffered int, err error) {
	untyped := 0
	if s.startup {
		untyped = max1(s.startN)
		d.ExpectStartup()
		untyped--
	}
	for _, c := range chunks {
		d.Feed(c)
		for {
			f, err := d.Next()
			if err == ErrNeedMore {
				break
			}
			if err != nil {
				return d.Buffered(), err
			}
			if err := emit(f); err != nil {
				return d.Buffered(), err
			}
			if untyped > 0 {
				d.ExpectStartup()
				untyped--
			}
		}
	}
	return d.Buffered(), nil
}

// collect decodes chunks into copied records.
func collect(d *Decoder, s stream, chunks [][]byte) ([]rec, int, error) {
	var out []rec
	buf, err := decodeChunks(d, s, chunks, func(f Frame) error {
		out = append(out, copyFrame(f))
		return nil
	})
	return out, buf, err
}

// Delivery modes. Each returns the chunks to feed; chunks never alias each
// other's later bytes (a fresh copy per chunk), so a decoder that keeps a
// view past its lifetime shows up as corrupted frames.
type delivery struct {
	name   string
	chunks func(data []byte) [][]byte
}

func whole(data []byte) [][]byte { return [][]byte{bytes.Clone(data)} }

func byteByByte(data []byte) [][]byte {
	out := make([][]byte, len(data))
	for i := range data {
		out[i] = []byte{data[i]}
	}
	return out
}

func splitAt(data []byte, cuts ...int) [][]byte {
	var out [][]byte
	prev := 0
	for _, c := range cuts {
		out = append(out, bytes.Clone(data[prev:c]))
		prev = c
	}
	return append(out, bytes.Clone(data[prev:]))
}

// randomSplits cuts data into chunks of 1..maxChunk bytes (seeded).
func randomSplits(seed uint64, maxChunk int) func([]byte) [][]byte {
	return func(data []byte) [][]byte {
		rng := rand.New(rand.NewPCG(seed, 0x636f646563))
		var out [][]byte
		for len(data) > 0 {
			n := min(1+rng.IntN(maxChunk), len(data))
			out = append(out, bytes.Clone(data[:n]))
			data = data[n:]
		}
		return out
	}
}

func deliveries() []delivery {
	ds := []delivery{
		{"whole", whole},
		{"byte-by-byte", byteByByte},
	}
	for i, mc := range []int{3, 17, 600, 8192, 70000} {
		seed := uint64(i + 1)
		ds = append(ds, delivery{fmt.Sprintf("random-max%d-seed%d", mc, seed), randomSplits(seed, mc)})
	}
	return ds
}

func equalRecs(t testing.TB, label string, got, want []rec) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d frames, want %d", label, len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Type != w.Type || !bytes.Equal(g.Raw, w.Raw) || !bytes.Equal(g.Body, w.Body) {
			t.Fatalf("%s: frame %d = %v, want %v", label, i, g, w)
		}
	}
}
