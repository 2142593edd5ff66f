package codec

import (
	"testing"

	"github.com/jackc/pgx/v5/pgproto3"
)

// BenchmarkCodec measures the hot path against its baseline in one run:
//
//	Memcpy        copy of the same bytes (the floor any relay pays)
//	DecodeFrames  Decoder over 1 MiB of 8-column DataRows
//	WalkReencode  frame + walk every field + re-encode every row into a reused buffer
//	Pgproto3      the same framing, pgx v5 pgproto3 DataRow Decode+Encode instead
//
// All report MB/s of wire bytes (b.SetBytes) and allocations.
//
//	go test -run '^$' -bench BenchmarkCodec -count=6 -benchtime=300ms ./codec
func BenchmarkCodec(b *testing.B) {
	data, rows := realisticRows(1 << 20)
	out := make([]byte, 0, len(data)+4096)

	b.Run("Memcpy", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		dst := make([]byte, len(data))
		for b.Loop() {
			copy(dst, data)
		}
	})

	b.Run("DecodeFrames", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		d := NewDecoder(0)
		for b.Loop() {
			d.Feed(data)
			n := 0
			for {
				f, err := d.Next()
				if err != nil {
					break
				}
				if f.Type == DataRow {
					n++
				}
			}
			if n != rows {
				b.Fatalf("%d rows, want %d", n, rows)
			}
		}
	})

	b.Run("WalkReencode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		d := NewDecoder(0)
		var r DataRowReader
		for b.Loop() {
			out = out[:0]
			d.Feed(data)
			for {
				f, err := d.Next()
				if err != nil {
					break
				}
				out = reencode(out, &r, f.Body)
				if r.Err() != nil {
					b.Fatal(r.Err())
				}
			}
			if len(out) != len(data) {
				b.Fatalf("re-encoded %d bytes, want %d", len(out), len(data))
			}
		}
	})

	b.Run("Pgproto3", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		d := NewDecoder(0)
		var m pgproto3.DataRow
		for b.Loop() {
			out = out[:0]
			d.Feed(data)
			for {
				f, err := d.Next()
				if err != nil {
					break
				}
				if err := m.Decode(f.Body); err != nil {
					b.Fatal(err)
				}
				if out, err = m.Encode(out); err != nil {
					b.Fatal(err)
				}
			}
			if len(out) != len(data) {
				b.Fatalf("re-encoded %d bytes, want %d", len(out), len(data))
			}
		}
	})
}
