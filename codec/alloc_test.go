//go:build !race

package codec

import "testing"

// The hot path allocates nothing per row once its buffers have grown. These
// tests fail if that stops being true. (The race detector allocates on its
// own, hence the build tag.)

func TestAllocsDecoderNext(t *testing.T) {
	data, rows := realisticRows(256 << 10)
	d := NewDecoder(0)
	drain := func(chunks [][]byte) {
		n := 0
		for _, c := range chunks {
			d.Feed(c)
			for {
				if _, err := d.Next(); err != nil {
					break
				}
				n++
			}
		}
		if n != rows {
			t.Fatalf("decoded %d rows, want %d", n, rows)
		}
	}
	for _, mode := range []struct {
		name   string
		chunks [][]byte
	}{
		{"whole", [][]byte{data}},
		{"4KiB reads", chunk(data, 4096)}, // rows straddle reads: the carry path
		{"7-byte reads", chunk(data, 7)},
	} {
		drain(mode.chunks) // warm-up: the carry buffer grows once
		if a := testing.AllocsPerRun(20, func() { drain(mode.chunks) }); a != 0 {
			t.Errorf("Decoder over %s: %v allocs per run of %d rows, want 0", mode.name, a, rows)
		}
	}
}

func chunk(data []byte, n int) [][]byte {
	var out [][]byte
	for len(data) > 0 {
		k := min(n, len(data))
		out = append(out, data[:k])
		data = data[k:]
	}
	return out
}

func TestAllocsDataRowWalk(t *testing.T) {
	body := appendRealisticRow(nil, 3)[5:]
	var r DataRowReader
	total := 0
	if a := testing.AllocsPerRun(1000, func() {
		r.Reset(body)
		for r.Next() {
			total += len(r.Value())
		}
		if r.Err() != nil {
			t.Fatal(r.Err())
		}
	}); a != 0 {
		t.Errorf("DataRowReader walk: %v allocs per row, want 0", a)
	}
	fields := make([][]byte, 0, 16)
	if a := testing.AllocsPerRun(1000, func() {
		var err error
		if fields, err = SplitDataRow(fields, body); err != nil || len(fields) != 8 {
			t.Fatal(err)
		}
	}); a != 0 {
		t.Errorf("SplitDataRow with a reused slice: %v allocs per row, want 0", a)
	}
}

func TestAllocsReencode(t *testing.T) {
	body := appendRealisticRow(nil, 4)[5:]
	out := make([]byte, 0, 4096)
	var r DataRowReader
	if a := testing.AllocsPerRun(1000, func() {
		out = reencode(out[:0], &r, body)
	}); a != 0 {
		t.Errorf("re-encode into a reused buffer: %v allocs per row, want 0", a)
	}
	if a := testing.AllocsPerRun(1000, func() {
		r.Reset(body)
		dst, m := BeginDataRow(out[:0], r.NumFields())
		for r.Next() {
			if r.IsNull() {
				dst = AppendNull(dst)
				continue
			}
			var mark int
			dst, mark = BeginField(dst)
			dst = append(dst, r.Value()...)
			dst = FinishField(dst, mark)
		}
		out = FinishMessage(dst, m)
	}); a != 0 {
		t.Errorf("re-encode with BeginField/FinishField: %v allocs per row, want 0", a)
	}
}
