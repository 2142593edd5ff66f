package codec

import (
	"encoding/binary"
	"errors"
)

// ErrMalformedDataRow reports a DataRow whose field lengths do not add up.
var ErrMalformedDataRow = errors.New("codec: malformed DataRow")

// DataRowReader walks the fields of a DataRow body without copying.
//
//	var r codec.DataRowReader
//	r.Reset(body)
//	for r.Next() { v, null := r.Value(), r.IsNull() }
//	if err := r.Err(); err != nil { ... }
//
// Values are views into the body and are valid as long as the body is.
// The zero value is ready to use; a reader is reused across rows.
type DataRowReader struct {
	body   []byte
	off    int
	left   int // fields not yet returned
	n      int // fields declared
	val    []byte
	isNull bool
	err    error
}

// Reset starts walking body (a DataRow message body, without type and length).
func (r *DataRowReader) Reset(body []byte) {
	*r = DataRowReader{body: body}
	if len(body) < 2 {
		r.err = ErrMalformedDataRow
		return
	}
	r.n = int(binary.BigEndian.Uint16(body))
	r.left = r.n
	r.off = 2
}

// NumFields is the field count the row declares.
func (r *DataRowReader) NumFields() int { return r.n }

// Next advances to the next field; false at the end or on a malformed row.
func (r *DataRowReader) Next() bool {
	if r.err != nil || r.left == 0 {
		if r.err == nil && r.off != len(r.body) {
			r.err = ErrMalformedDataRow // trailing bytes
		}
		return false
	}
	if len(r.body)-r.off < 4 {
		r.err = ErrMalformedDataRow
		return false
	}
	l := int32(binary.BigEndian.Uint32(r.body[r.off:]))
	r.off += 4
	r.left--
	if l == -1 {
		r.val, r.isNull = nil, true
		return true
	}
	if l < 0 || int(l) > len(r.body)-r.off {
		r.err = ErrMalformedDataRow
		return false
	}
	r.val, r.isNull = r.body[r.off:r.off+int(l):r.off+int(l)], false
	r.off += int(l)
	return true
}

// Value is the current field's bytes (nil for NULL).
func (r *DataRowReader) Value() []byte { return r.val }

// IsNull reports whether the current field is SQL NULL.
func (r *DataRowReader) IsNull() bool { return r.isNull }

// Err reports a malformed row once Next has returned false.
func (r *DataRowReader) Err() error { return r.err }

// SplitDataRow appends the fields of a DataRow body to fields[:0] (nil for
// NULL) and returns it; with a reused fields slice it does not allocate.
// The values are views into body.
func SplitDataRow(fields [][]byte, body []byte) ([][]byte, error) {
	fields = fields[:0]
	var r DataRowReader
	r.Reset(body)
	for r.Next() {
		fields = append(fields, r.Value())
	}
	if r.Err() != nil {
		return fields, r.Err()
	}
	return fields, nil
}
