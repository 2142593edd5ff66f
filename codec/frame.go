// Package codec frames and re-encodes PostgreSQL wire-protocol messages.
//
// It is a leaf package: no I/O, no logging, no project imports. The hot path
// (framing and DataRow walking and re-encoding) never allocates per message once
// its buffers have grown; decoded views point into the caller's bytes and their
// lifetime is written at each declaration.
//
// Messages off the hot path (startup, authentication, RowDescription, errors)
// are decoded with github.com/jackc/pgx/v5/pgproto3 by the engine; this package
// only frames them.
package codec

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// DefaultMaxMessageSize bounds a single message (header included) when the
// caller does not choose. PostgreSQL itself refuses most messages above 1 GiB;
// a proxy has no reason to hold that much for one frame.
const DefaultMaxMessageSize = 64 << 20

// MaxStartupSize bounds an untyped startup-phase message (StartupMessage,
// SSLRequest, GSSENCRequest, CancelRequest). PostgreSQL uses 10000.
const MaxStartupSize = 10000

// shrinkAbove: a carry buffer that grew past this for one large frame is
// released once the frame has been consumed.
const shrinkAbove = 256 << 10

// ErrNeedMore is returned by Decoder.Next when no whole message is buffered.
var ErrNeedMore = errors.New("codec: need more bytes")

// FrameError reports a frame whose header cannot be accepted. After a
// FrameError the stream is out of sync and must be abandoned.
type FrameError struct {
	Type   byte // message type byte (0 for startup-phase messages)
	Length int  // the length the header declared (including itself)
	Max    int  // the limit in force
	Reason string
}

func (e *FrameError) Error() string {
	if e.Type == 0 {
		return fmt.Sprintf("codec: startup message: %s (length %d, max %d)", e.Reason, e.Length, e.Max)
	}
	return fmt.Sprintf("codec: message %q: %s (length %d, max %d)", e.Type, e.Reason, e.Length, e.Max)
}

// Frame is one whole protocol message.
type Frame struct {
	// Type is the message type byte; 0 for an untyped startup-phase message.
	Type byte
	// Body is the message payload after the length word.
	Body []byte
	// Raw is the whole message as it came off the wire (type byte, length, body).
	Raw []byte
}

// Decoder splits a byte stream into messages. It is fed with slices as they
// arrive (no blocking reader) and yields whole messages or ErrNeedMore; a
// message split at any byte boundary decodes the same.
//
// Whole messages inside the fed slice are returned as views into it (no copy);
// only a message that straddles two Feeds is assembled in a carry buffer.
// A Frame returned by Next is valid until the next call to Feed or Next.
//
// A Decoder is not safe for concurrent use.
type Decoder struct {
	max     int
	startup bool // the next message has no type byte

	in    []byte // unread part of the last Feed; not owned
	carry []byte // a message straddling Feeds; owned
	// carryDone: carry starts with a message of carryN bytes that was
	// returned; it is dropped on the next call. Bytes after it (stashed by a
	// Feed that came before Next had drained) are kept.
	carryDone bool
	carryN    int
}

// NewDecoder returns a Decoder that refuses messages larger than maxMessage
// bytes (header included); maxMessage <= 0 selects DefaultMaxMessageSize.
func NewDecoder(maxMessage int) *Decoder {
	if maxMessage <= 0 {
		maxMessage = DefaultMaxMessageSize
	}
	return &Decoder{max: maxMessage}
}

// ExpectStartup tells the decoder that the next message is an untyped
// startup-phase message (length word first, no type byte). It stays in that
// mode for one message only.
func (d *Decoder) ExpectStartup() { d.startup = true }

// MaxMessageSize reports the configured limit.
func (d *Decoder) MaxMessageSize() int { return d.max }

// Feed hands the decoder the next bytes of the stream. p must stay unchanged
// until Next returns ErrNeedMore (or an error); any bytes of p not yet
// returned as whole messages are then copied into the decoder.
func (d *Decoder) Feed(p []byte) {
	d.release()
	if len(d.in) > 0 {
		// The caller fed again before draining: keep the old bytes first.
		d.stash(d.in)
		d.in = nil
	}
	d.in = p
}

// Buffered reports how many bytes the decoder holds that were not yet
// returned as messages.
func (d *Decoder) Buffered() int {
	n := len(d.in) + len(d.carry)
	if d.carryDone {
		n -= d.carryN
	}
	return n
}

func (d *Decoder) headerLen() int {
	if d.startup {
		return 4
	}
	return 5
}

// check validates a header and returns the whole message length.
func (d *Decoder) check(hdr []byte) (int, error) {
	if d.startup {
		n := int(int32(binary.BigEndian.Uint32(hdr)))
		if n < 8 {
			return 0, &FrameError{Length: n, Max: MaxStartupSize, Reason: "length below minimum of 8"}
		}
		if n > MaxStartupSize || n > d.max {
			return 0, &FrameError{Length: n, Max: min(MaxStartupSize, d.max), Reason: "length above maximum"}
		}
		return n, nil
	}
	n := int(int32(binary.BigEndian.Uint32(hdr[1:])))
	if n < 4 {
		return 0, &FrameError{Type: hdr[0], Length: n, Max: d.max, Reason: "length below minimum of 4"}
	}
	if n+1 > d.max {
		return 0, &FrameError{Type: hdr[0], Length: n, Max: d.max, Reason: "length above maximum"}
	}
	return n + 1, nil
}

func (d *Decoder) frame(raw []byte) Frame {
	if d.startup {
		d.startup = false
		return Frame{Body: raw[4:], Raw: raw}
	}
	return Frame{Type: raw[0], Body: raw[5:], Raw: raw}
}

// Next returns the next whole message, or ErrNeedMore, or a *FrameError.
func (d *Decoder) Next() (Frame, error) {
	d.release()
	if len(d.carry) > 0 {
		return d.fromCarry()
	}
	hl := d.headerLen()
	if len(d.in) >= hl {
		n, err := d.check(d.in[:hl])
		if err != nil {
			d.in = nil
			return Frame{}, err
		}
		if len(d.in) >= n {
			raw := d.in[:n:n]
			d.in = d.in[n:]
			return d.frame(raw), nil
		}
	}
	// Not a whole message: keep the tail for the next Feed.
	if len(d.in) > 0 {
		d.stash(d.in)
		d.in = nil
	}
	return Frame{}, ErrNeedMore
}

// Hold puts back f, the message Next just returned, and takes ownership of
// every byte not yet returned: the bytes fed may then be reused, and the
// next Next returns f again (in the decoder's own copy). It is for a caller
// that must stop before a message until something else is done (the engine
// waiting on a catalog lookup) while its read buffer serves other streams.
func (d *Decoder) Hold(f Frame) {
	if d.carryDone {
		// f is the head of carry: keep it there, the rest of in after it.
		d.carryDone = false
	} else {
		// f came from in (carry was empty): it and the rest of in move
		// into carry.
		d.carry = append(d.carry[:0], f.Raw...)
	}
	if len(d.in) > 0 {
		d.stash(d.in)
		d.in = nil
	}
}

// release forgets a carried message that was already returned; a carry
// buffer that grew for one huge frame is given back.
func (d *Decoder) release() {
	if !d.carryDone {
		return
	}
	d.carryDone = false
	if rest := len(d.carry) - d.carryN; rest > 0 {
		d.carry = d.carry[:copy(d.carry, d.carry[d.carryN:])]
		return
	}
	if cap(d.carry) > shrinkAbove {
		d.carry = nil
	} else {
		d.carry = d.carry[:0]
	}
}

func (d *Decoder) stash(p []byte) {
	d.carry = append(d.carry, p...)
}

// fromCarry completes the message started in the carry buffer with bytes from in.
func (d *Decoder) fromCarry() (Frame, error) {
	hl := d.headerLen()
	if len(d.carry) < hl {
		take := min(hl-len(d.carry), len(d.in))
		d.carry = append(d.carry, d.in[:take]...)
		d.in = d.in[take:]
		if len(d.carry) < hl {
			return Frame{}, ErrNeedMore
		}
	}
	n, err := d.check(d.carry[:hl])
	if err != nil {
		d.carry = d.carry[:0]
		d.in = nil
		return Frame{}, err
	}
	if len(d.carry) < n {
		take := min(n-len(d.carry), len(d.in))
		if cap(d.carry) < n {
			// Grow once to the exact size instead of by doubling.
			grown := make([]byte, len(d.carry), n)
			copy(grown, d.carry)
			d.carry = grown
		}
		d.carry = append(d.carry, d.in[:take]...)
		d.in = d.in[take:]
		if len(d.carry) < n {
			return Frame{}, ErrNeedMore
		}
	}
	d.carryDone, d.carryN = true, n
	return d.frame(d.carry[:n:n]), nil
}

// NextOf returns the next message when it is of type typ and whole in the
// fed bytes, as its bytes and its body: Next's common case without a Frame
// to build (the engine's loop over the rows it masks). Anything else (another
// type, a message in or after the carry buffer, a header that does not
// validate, the startup phase) gives ok false and consumes nothing: Next
// then handles it (and reports any error). The views are valid as Next's.
func (d *Decoder) NextOf(typ byte) (raw, body []byte, ok bool) {
	in := d.in
	if len(in) < 5 || in[0] != typ || d.startup || len(d.carry) > 0 { // (carryDone: carry holds that message)
		return nil, nil, false
	}
	n := int(int32(binary.BigEndian.Uint32(in[1:]))) + 1
	if n < 5 || n > d.max || n > len(in) {
		return nil, nil, false
	}
	d.in = in[n:]
	return in[:n:n], in[5:n:n], true
}

// NextRun returns, as one view into the fed bytes, the longest run of whole
// messages of type typ (at most max of them) at the head of the unread input,
// and how many messages it holds. It is the pass-through fast path: a run of
// DataRows that go out untouched is framed without per-message work and
// copied once. A message that straddles Feeds, a header that does not
// validate, or another type ends the run; Next then handles it (and reports
// any error). The view is valid until the next Feed.
func (d *Decoder) NextRun(typ byte, max int) ([]byte, int) {
	if d.startup || len(d.carry) > 0 && !d.carryDone {
		return nil, 0
	}
	d.release()
	in, off, n := d.in, 0, 0
	for n < max && len(in)-off >= 5 && in[off] == typ {
		l := int(int32(binary.BigEndian.Uint32(in[off+1:])))
		if l < 4 || l+1 > d.max || l+1 > len(in)-off {
			break
		}
		off += l + 1
		n++
	}
	d.in = in[off:]
	return in[:off:off], n
}
