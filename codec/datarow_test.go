package codec

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgproto3"
)

// rowBody builds a DataRow body by hand: a field count and raw length words,
// so malformed rows can be written down exactly.
func rowBody(count uint16, fields ...any) []byte {
	b := binary.BigEndian.AppendUint16(nil, count)
	for _, f := range fields {
		switch v := f.(type) {
		case string:
			b = binary.BigEndian.AppendUint32(b, uint32(len(v)))
			b = append(b, v...)
		case int32: // a bare length word (NULL, -2, a lie)
			b = binary.BigEndian.AppendUint32(b, uint32(v))
		case []byte: // raw bytes
			b = append(b, v...)
		default:
			panic(fmt.Sprintf("rowBody: %T", f))
		}
	}
	return b
}

func TestDataRowReader(t *testing.T) {
	null := []byte(nil)
	cases := []struct {
		name   string
		body   []byte
		want   [][]byte // nil entry = NULL
		fields int      // NumFields
		ok     bool
	}{
		{"zero columns", rowBody(0), [][]byte{}, 0, true},
		{"one value", rowBody(1, "abc"), [][]byte{[]byte("abc")}, 1, true},
		{"NULL", rowBody(1, int32(-1)), [][]byte{null}, 1, true},
		{"empty is not NULL", rowBody(2, "", int32(-1)), [][]byte{{}, null}, 2, true},
		{"mixed", rowBody(4, "1", int32(-1), "alice@example.com", ""), [][]byte{[]byte("1"), null, []byte("alice@example.com"), {}}, 4, true},
		{"binary value with zero bytes", rowBody(1, "\x00\x00\x00\x2a"), [][]byte{{0, 0, 0, 42}}, 1, true},
		{"length -2", rowBody(2, "ok", int32(-2)), [][]byte{[]byte("ok")}, 2, false},
		{"length min int32", rowBody(1, int32(-1<<31)), [][]byte{}, 1, false},
		{"truncated field", rowBody(1, int32(10), []byte("short")), [][]byte{}, 1, false},
		{"field length past the end by one", rowBody(1, int32(4), []byte("abc")), [][]byte{}, 1, false},
		{"truncated length word", rowBody(2, "a", []byte{0, 0}), [][]byte{[]byte("a")}, 2, false},
		{"trailing bytes", rowBody(1, "a", []byte("junk")), [][]byte{[]byte("a")}, 1, false},
		{"trailing bytes after zero columns", rowBody(0, []byte{0}), [][]byte{}, 0, false},
		{"count says more than present", rowBody(3, "a", "b"), [][]byte{[]byte("a"), []byte("b")}, 3, false},
		{"count says fewer than present", rowBody(1, "a", "b"), [][]byte{[]byte("a")}, 1, false},
		{"empty body", []byte{}, [][]byte{}, 0, false},
		{"one byte body", []byte{0}, [][]byte{}, 0, false},
		{"huge length", rowBody(1, int32(0x7fffffff), []byte("x")), [][]byte{}, 1, false},
	}
	for _, c := range cases {
		var r DataRowReader
		// Reuse: a reader left in an error state must start clean.
		r.Reset([]byte{9})
		r.Next()
		r.Reset(c.body)
		if r.NumFields() != c.fields {
			t.Errorf("%s: NumFields = %d, want %d", c.name, r.NumFields(), c.fields)
		}
		got := [][]byte{}
		for r.Next() {
			v := r.Value()
			if r.IsNull() != (v == nil) {
				t.Fatalf("%s: IsNull %v with value %q", c.name, r.IsNull(), v)
			}
			got = append(got, v)
		}
		if r.Next() { // stays finished
			t.Fatalf("%s: Next true after the end", c.name)
		}
		if ok := r.Err() == nil; ok != c.ok {
			t.Fatalf("%s: Err = %v, want ok=%v", c.name, r.Err(), c.ok)
		}
		if !c.ok && !errors.Is(r.Err(), ErrMalformedDataRow) {
			t.Fatalf("%s: Err = %v, want ErrMalformedDataRow", c.name, r.Err())
		}
		if !sameFields(got, c.want) {
			t.Fatalf("%s: fields %q, want %q", c.name, got, c.want)
		}
		split, err := SplitDataRow(make([][]byte, 5), c.body)
		if (err == nil) != c.ok || !sameFields(split, c.want) {
			t.Fatalf("%s: SplitDataRow = %q, %v; want %q ok=%v", c.name, split, err, c.want, c.ok)
		}
		// pgproto3 accepts every row codec accepts, with the same values.
		// (codec is stricter: pgproto3 does not reject trailing bytes.)
		if c.ok {
			var m pgproto3.DataRow
			if err := m.Decode(c.body); err != nil || !sameFields(m.Values, c.want) {
				t.Fatalf("%s: pgproto3 = %q, %v", c.name, m.Values, err)
			}
		}
	}
}

// sameFields compares field lists, NULL (nil) distinct from empty.
func sameFields(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if (a[i] == nil) != (b[i] == nil) || !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// TestDataRowValuesAreViews: values point into the body, and the capacity
// is clipped so an append to a value cannot overwrite the next field.
func TestDataRowValuesAreViews(t *testing.T) {
	body := rowBody(2, "abc", "def")
	var r DataRowReader
	r.Reset(body)
	r.Next()
	v := r.Value()
	if &v[0] != &body[6] || cap(v) != 3 {
		t.Fatalf("value is not a clipped view into the body (cap %d)", cap(v))
	}
	_ = append(v, 'X')
	r.Next()
	if string(r.Value()) != "def" {
		t.Fatalf("append to a value overwrote the next field: %q", r.Value())
	}
}

// encodeRow re-encodes fields with codec's encoder.
func encodeRow(dst []byte, fields [][]byte) []byte {
	dst, m := BeginDataRow(dst, len(fields))
	for _, f := range fields {
		if f == nil {
			dst = AppendNull(dst)
		} else {
			dst = AppendField(dst, f)
		}
	}
	return FinishMessage(dst, m)
}

// encodeRowWithFieldMarks re-encodes with BeginField/FinishField.
func encodeRowWithFieldMarks(dst []byte, fields [][]byte) []byte {
	dst, m := BeginDataRow(dst, len(fields))
	for _, f := range fields {
		if f == nil {
			dst = AppendNull(dst)
			continue
		}
		var mark int
		dst, mark = BeginField(dst)
		dst = append(dst, f...)
		dst = FinishField(dst, mark)
	}
	return FinishMessage(dst, m)
}

func pgproto3Row(t testing.TB, dst []byte, fields [][]byte) []byte {
	out, err := (&pgproto3.DataRow{Values: fields}).Encode(dst)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEncodeMatchesPgproto3 is the differential test of the encoder: every
// row of the recorded session, and synthetic rows, re-encode to exactly the
// bytes pgproto3 produces, after a prefix already in the buffer.
func TestEncodeMatchesPgproto3(t *testing.T) {
	var rows [][][]byte
	backend, _ := loadRecorded(t)
	recorded, _, err := collect(NewDecoder(0), backend, whole(backend.data))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recorded {
		if r.Type == DataRow {
			f, err := SplitDataRow(nil, r.Body)
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, f)
			// The recorded bytes themselves round-trip.
			if got := encodeRow(nil, f); !bytes.Equal(got, r.Raw) {
				t.Fatalf("recorded row does not round-trip: %d bytes, want %d", len(got), len(r.Raw))
			}
		}
	}
	rows = append(rows,
		[][]byte{},
		[][]byte{nil},
		[][]byte{{}},
		[][]byte{nil, {}, []byte("x"), nil},
		[][]byte{bytes.Repeat([]byte("big"), 40000)},
	)
	prefix := []byte("prefix-bytes")
	for i, f := range rows {
		want := pgproto3Row(t, bytes.Clone(prefix), f)
		for name, enc := range map[string]func([]byte, [][]byte) []byte{
			"AppendField": encodeRow, "BeginField": encodeRowWithFieldMarks,
		} {
			got := enc(bytes.Clone(prefix), f)
			if !bytes.Equal(got, want) {
				t.Fatalf("row %d (%s): codec %x\npgproto3 %x", i, name, head(got), head(want))
			}
		}
	}
}

func head(b []byte) []byte { return b[:min(len(b), 64)] }

// TestBeginFieldMark is the regression test for BeginField returning the
// offset of the length word instead of the offset just past it: FinishField
// then wrote the length 4 bytes early, over the previous field.
func TestBeginFieldMark(t *testing.T) {
	dst := []byte{0xaa, 0xbb, 0xcc, 0xdd, 0xee}
	dst, mark := BeginField(dst)
	if mark != 9 || len(dst) != 9 {
		t.Fatalf("mark %d len %d, want 9 9 (just past the length word)", mark, len(dst))
	}
	dst = append(dst, "hello"...)
	dst = FinishField(dst, mark)
	want := []byte{0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'}
	if !bytes.Equal(dst, want) {
		t.Fatalf("got % x, want % x", dst, want)
	}
}

func TestMessageEncoders(t *testing.T) {
	// A Query message built with the helpers equals pgproto3's.
	b, m := BeginMessage([]byte{1, 2}, Query)
	b = AppendCString(b, "select 1")
	b = FinishMessage(b, m)
	want, _ := (&pgproto3.Query{String: "select 1"}).Encode([]byte{1, 2})
	if !bytes.Equal(b, want) {
		t.Fatalf("Query: % x, want % x", b, want)
	}
	// Integers are big-endian and signed values keep their bits.
	got := AppendInt16(AppendInt32(nil, -2), -1)
	if !bytes.Equal(got, []byte{0xff, 0xff, 0xff, 0xfe, 0xff, 0xff}) {
		t.Fatalf("ints: % x", got)
	}
	// An empty message (Sync) is five bytes.
	b, m = BeginMessage(nil, Sync)
	if b = FinishMessage(b, m); !bytes.Equal(b, []byte{'S', 0, 0, 0, 4}) {
		t.Fatalf("Sync: % x", b)
	}
}

// appendRealisticRow appends one 8-column DataRow like an analytics result
// (ids, names, e-mail, a NULL now and then, timestamps, numerics, text).
func appendRealisticRow(dst []byte, i int) []byte {
	var num [24]byte
	dst, m := BeginDataRow(dst, 8)
	dst = AppendField(dst, fmtInt(num[:0], int64(100000+i)))
	dst = AppendField(dst, []byte(firstNames[i%len(firstNames)]))
	dst = AppendField(dst, []byte(lastNames[i%len(lastNames)]))
	email := append(append(append(num[:0], firstNames[i%len(firstNames)]...), '.'), "x@example.com"...)
	dst = AppendField(dst, email)
	if i%7 == 0 {
		dst = AppendNull(dst)
	} else {
		dst = AppendField(dst, []byte("2024-03-14 15:09:26.535897+00"))
	}
	dst = AppendField(dst, fmtInt(num[:0], int64(i*37%100000)))
	dst = AppendField(dst, []byte("19.99"))
	dst = AppendField(dst, []byte(notes[i%len(notes)]))
	return FinishMessage(dst, m)
}

var (
	firstNames = []string{"Alice", "Bob", "Chidi", "Dagny", "Emeka", "Fatima", "Gustavo", "Hiroko"}
	lastNames  = []string{"Anderson", "Okafor", "Nakamura", "Schmidt", "Rossi", "Kowalski"}
	notes      = []string{
		"customer asked about the March invoice",
		"",
		"shipped via ground; signature required on delivery",
		"ok",
		"call back next week regarding renewal and the updated pricing tiers",
	}
)

func fmtInt(dst []byte, v int64) []byte {
	var buf [20]byte
	i := len(buf)
	neg := v < 0
	if neg {
		v = -v
	}
	for {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return append(dst, buf[i:]...)
}

// reencode walks a DataRow body and appends it re-encoded to dst: the hot
// path of a proxy row that masks nothing in place.
func reencode(dst []byte, r *DataRowReader, body []byte) []byte {
	r.Reset(body)
	dst, m := BeginDataRow(dst, r.NumFields())
	for r.Next() {
		if r.IsNull() {
			dst = AppendNull(dst)
		} else {
			dst = AppendField(dst, r.Value())
		}
	}
	return FinishMessage(dst, m)
}
