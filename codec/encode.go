package codec

import "encoding/binary"

// BeginMessage appends a message header (type byte and a length placeholder)
// to dst and returns the extended slice and the offset of the message start,
// to be passed to FinishMessage once the body has been appended.
func BeginMessage(dst []byte, typ byte) ([]byte, int) {
	start := len(dst)
	return append(dst, typ, 0, 0, 0, 0), start
}

// FinishMessage fills in the length of the message that starts at start.
func FinishMessage(dst []byte, start int) []byte {
	binary.BigEndian.PutUint32(dst[start+1:], uint32(len(dst)-start-1))
	return dst
}

// BeginDataRow starts a DataRow with n fields; append the fields with
// AppendField / AppendNull and close it with FinishMessage.
func BeginDataRow(dst []byte, n int) ([]byte, int) {
	dst, start := BeginMessage(dst, DataRow)
	return binary.BigEndian.AppendUint16(dst, uint16(n)), start
}

// AppendField appends one non-NULL field (length word and bytes).
func AppendField(dst, v []byte) []byte {
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(v)))
	return append(dst, v...)
}

// AppendNull appends one NULL field.
func AppendNull(dst []byte) []byte {
	return append(dst, 0xff, 0xff, 0xff, 0xff)
}

// BeginField reserves a field's length word; append the value's bytes and
// close it with FinishField. It lets a transform write its output straight
// into the row without a scratch copy.
func BeginField(dst []byte) ([]byte, int) {
	dst = append(dst, 0, 0, 0, 0)
	return dst, len(dst)
}

// FinishField fills in the length of the field begun at mark (the offset
// BeginField returned, just past the length word).
func FinishField(dst []byte, mark int) []byte {
	binary.BigEndian.PutUint32(dst[mark-4:], uint32(len(dst)-mark))
	return dst
}

// AppendInt32 and friends append big-endian integers (message bodies).
func AppendInt32(dst []byte, v int32) []byte    { return binary.BigEndian.AppendUint32(dst, uint32(v)) }
func AppendInt16(dst []byte, v int16) []byte    { return binary.BigEndian.AppendUint16(dst, uint16(v)) }
func AppendCString(dst []byte, s string) []byte { return append(append(dst, s...), 0) }
