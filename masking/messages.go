package masking

import (
	"encoding/binary"
	"errors"

	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/codec"
	"github.com/maskwire/maskwire/engine"
)

var errMalformed = errors.New("malformed message")

// AppendMessage implements engine.MessageFilter: every path out of the
// database other than DataRow. None of these carry column identity, so their
// content is classified and every span found is replaced.
func (m *sessionMasker) AppendMessage(dst []byte, f codec.Frame, cf *engine.CopyFormat) ([]byte, error) {
	if m.mode == ModeOff {
		return append(dst, f.Raw...), nil
	}
	switch f.Type {
	case codec.ErrorResponse, codec.NoticeResponse:
		return m.appendFields(dst, f)
	case codec.NotificationResponse:
		return m.appendNotification(dst, f)
	case codec.CopyData:
		if m.copy.active {
			return m.appendCopyRow(dst, f)
		}
		if cf != nil && cf.Binary {
			return m.appendCopyBinary(dst, f)
		}
		return m.appendWhole(dst, f, 0)
	case codec.FunctionCallResponse:
		return m.appendFunctionResult(dst, f)
	}
	return append(dst, f.Raw...), nil
}

// observeOnly: in observe mode content is classified and reported, and the
// message goes out unchanged.
func (m *sessionMasker) observeOnly(dst []byte, f codec.Frame, src []byte) []byte {
	m.observed(m.scrub.detect(src, freeText))
	return append(dst, f.Raw...)
}

var freeText = classify.Context{Column: classify.ColumnFreeText}

// appendWhole rewrites a message whose body after skip bytes is text.
func (m *sessionMasker) appendWhole(dst []byte, f codec.Frame, skip int) ([]byte, error) {
	if m.mode == ModeObserve {
		return m.observeOnly(dst, f, f.Body[skip:]), nil
	}
	if !m.scrub.scanner.HasTrigger(f.Body[skip:]) {
		return append(dst, f.Raw...), nil
	}
	dst, start := codec.BeginMessage(dst, f.Type)
	dst = append(dst, f.Body[:skip]...)
	var found classify.TypeSet
	dst, found = m.scrub.appendScrubbed(dst, f.Body[skip:], freeText)
	m.observed(found)
	return codec.FinishMessage(dst, start), nil
}

// appendFields rewrites ErrorResponse and NoticeResponse: a unique
// violation's DETAIL echoes the key, a failed cast's MESSAGE the value.
func (m *sessionMasker) appendFields(dst []byte, f codec.Frame) ([]byte, error) {
	if m.mode == ModeObserve {
		return m.observeOnly(dst, f, f.Body), nil
	}
	if !m.scrub.scanner.HasTrigger(f.Body) {
		return append(dst, f.Raw...), nil
	}
	out, start := codec.BeginMessage(dst, f.Type)
	b := f.Body
	for len(b) > 0 && b[0] != 0 {
		code := b[0]
		v, ok := cstr(b[1:])
		if !ok {
			return dst, errMalformed
		}
		b = b[2+len(v):]
		out = append(out, code)
		switch code {
		case 'S', 'V', 'C', 'F', 'L', 'R', 'P', 'p': // severity, code, source location, positions
			out = append(out, v...)
		default: // message, detail, hint, where, schema/table/column/constraint names, query
			var found classify.TypeSet
			out, found = m.scrub.appendScrubbed(out, v, freeText)
			m.observed(found)
		}
		out = append(out, 0)
	}
	out = append(out, 0)
	return codec.FinishMessage(out, start), nil
}

// appendNotification rewrites a NOTIFY payload (pid, channel, payload).
func (m *sessionMasker) appendNotification(dst []byte, f codec.Frame) ([]byte, error) {
	if len(f.Body) < 4 {
		return dst, errMalformed
	}
	ch, ok := cstr(f.Body[4:])
	if !ok {
		return dst, errMalformed
	}
	payload, ok := cstr(f.Body[5+len(ch):])
	if !ok {
		return dst, errMalformed
	}
	if m.mode == ModeObserve {
		return m.observeOnly(dst, f, payload), nil
	}
	if !m.scrub.scanner.HasTrigger(payload) {
		return append(dst, f.Raw...), nil
	}
	dst, start := codec.BeginMessage(dst, f.Type)
	dst = append(dst, f.Body[:5+len(ch)]...)
	var found classify.TypeSet
	dst, found = m.scrub.appendScrubbed(dst, payload, freeText)
	m.observed(found)
	dst = append(dst, 0)
	return codec.FinishMessage(dst, start), nil
}

// appendFunctionResult rewrites a FunctionCallResponse (int32 length, value).
func (m *sessionMasker) appendFunctionResult(dst []byte, f codec.Frame) ([]byte, error) {
	if len(f.Body) < 4 {
		return dst, errMalformed
	}
	n := int32(binary.BigEndian.Uint32(f.Body))
	if n < 0 {
		return append(dst, f.Raw...), nil
	}
	if int(n) != len(f.Body)-4 {
		return dst, errMalformed
	}
	if m.mode == ModeObserve {
		return m.observeOnly(dst, f, f.Body[4:]), nil
	}
	if !m.scrub.scanner.HasTrigger(f.Body[4:]) {
		return append(dst, f.Raw...), nil
	}
	dst, start := codec.BeginMessage(dst, f.Type)
	dst, mark := codec.BeginField(dst)
	var found classify.TypeSet
	dst, found = m.scrub.appendScrubbed(dst, f.Body[4:], freeText)
	m.observed(found)
	dst = codec.FinishField(dst, mark)
	return codec.FinishMessage(dst, start), nil
}

var copyBinarySignature = []byte("PGCOPY\n\xff\r\n\x00")

// appendCopyBinary rewrites binary COPY data: an optional file header, then
// tuples (int16 field count, then int32 length and bytes per field), then
// the trailer (int16 -1). PostgreSQL sends one tuple per CopyData message;
// the header rides with the first.
func (m *sessionMasker) appendCopyBinary(dst []byte, f codec.Frame) ([]byte, error) {
	b := f.Body
	dst, start := codec.BeginMessage(dst, f.Type)
	if len(b) >= len(copyBinarySignature) && string(b[:len(copyBinarySignature)]) == string(copyBinarySignature) {
		if len(b) < 19 {
			return dst[:start], errMalformed
		}
		ext := int(binary.BigEndian.Uint32(b[15:]))
		if ext < 0 || 19+ext > len(b) {
			return dst[:start], errMalformed
		}
		dst = append(dst, b[:19+ext]...)
		b = b[19+ext:]
	}
	for len(b) >= 2 {
		n := int16(binary.BigEndian.Uint16(b))
		dst = append(dst, b[:2]...)
		b = b[2:]
		if n == -1 {
			break
		}
		for range n {
			if len(b) < 4 {
				return dst[:start], errMalformed
			}
			l := int32(binary.BigEndian.Uint32(b))
			b = b[4:]
			if l < 0 {
				dst = codec.AppendNull(dst)
				continue
			}
			if int(l) > len(b) {
				return dst[:start], errMalformed
			}
			v := b[:l]
			b = b[l:]
			if m.mode == ModeObserve || !m.scrub.scanner.HasTrigger(v) {
				if m.mode == ModeObserve {
					m.observed(m.scrub.detect(v, freeText))
				}
				dst = codec.AppendField(dst, v)
				continue
			}
			var mark int
			var found classify.TypeSet
			dst, mark = codec.BeginField(dst)
			dst, found = m.scrub.appendScrubbed(dst, v, freeText)
			m.observed(found)
			dst = codec.FinishField(dst, mark)
		}
	}
	if len(b) != 0 {
		return dst[:start], errMalformed
	}
	return codec.FinishMessage(dst, start), nil
}

func cstr(b []byte) ([]byte, bool) {
	for i, c := range b {
		if c == 0 {
			return b[:i], true
		}
	}
	return nil, false
}
