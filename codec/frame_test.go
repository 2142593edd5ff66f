package codec

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/jackc/pgx/v5/pgproto3"
)

// TestRecordedStreamsMatchPgproto3 checks the recorded session against an
// independent decoder: every frame codec yields is the message pgproto3
// reads at the same place, and the capture holds every shape the other tests
// rely on (so a degenerate re-capture fails here, not silently).
func TestRecordedStreamsMatchPgproto3(t *testing.T) {
	backend, frontend := loadRecorded(t)

	got, buf, err := collect(NewDecoder(0), backend, whole(backend.data))
	if err != nil || buf != 0 {
		t.Fatalf("backend: err %v, %d bytes left", err, buf)
	}
	fe := pgproto3.NewFrontend(bytes.NewReader(backend.data), nil)
	fe.SetMaxBodyLen(0)
	seen := map[byte]int{}
	var nullRows, bigRows int
	for i, r := range got {
		msg, err := fe.Receive()
		if err != nil {
			t.Fatalf("pgproto3 frame %d: %v", i, err)
		}
		checkSameMessage(t, i, r, msg)
		seen[r.Type]++
		if r.Type == DataRow {
			fields, err := SplitDataRow(nil, r.Body)
			if err != nil {
				t.Fatalf("frame %d: recorded DataRow: %v", i, err)
			}
			for _, f := range fields {
				if f == nil {
					nullRows++
					break
				}
			}
			if len(r.Raw) > 64<<10 {
				bigRows++
			}
		}
	}
	if _, err := fe.Receive(); err == nil {
		t.Fatalf("pgproto3 found a message after codec's last frame")
	}
	for _, typ := range []byte{AuthenticationMsg, ParameterStatus, BackendKeyDataMsg, ReadyForQuery,
		RowDescription, DataRow, CommandComplete, ErrorResponse, EmptyQueryResponse, NoticeResponse,
		NotificationResponse, CopyInResponse, CopyOutResponse, CopyData, CopyDone,
		ParseComplete, BindComplete} {
		if seen[typ] == 0 {
			t.Errorf("recorded backend stream has no %q message", typ)
		}
	}
	if nullRows == 0 || bigRows < 2 {
		t.Errorf("recorded backend stream: %d rows with NULL, %d rows > 64 KiB; want >0 and >=2", nullRows, bigRows)
	}

	got, buf, err = collect(NewDecoder(0), frontend, whole(frontend.data))
	if err != nil || buf != 0 {
		t.Fatalf("frontend: err %v, %d bytes left", err, buf)
	}
	be := pgproto3.NewBackend(bytes.NewReader(frontend.data), nil)
	seen = map[byte]int{}
	for i, r := range got {
		var msg pgproto3.FrontendMessage
		if i == 0 {
			msg, err = be.ReceiveStartupMessage()
		} else {
			msg, err = be.Receive()
		}
		if err != nil {
			t.Fatalf("pgproto3 frontend frame %d: %v", i, err)
		}
		checkSameMessage(t, i, r, msg)
		seen[r.Type]++
	}
	if got[0].Type != 0 || binary.BigEndian.Uint32(got[0].Body) != ProtocolVersion30 {
		t.Errorf("frontend frame 0 = %v, want an untyped StartupMessage", got[0])
	}
	for _, typ := range []byte{Query, CopyData, CopyDone, Parse, Bind, Describe, Execute, Sync, Terminate} {
		if seen[typ] == 0 {
			t.Errorf("recorded frontend stream has no %q message", typ)
		}
	}
}

// checkSameMessage: pgproto3 re-encodes most messages byte for byte; for the
// rest (field order of error/notice responses) the type byte must agree.
func checkSameMessage(t *testing.T, i int, r rec, msg pgproto3.Message) {
	t.Helper()
	enc, err := msg.Encode(nil)
	if err != nil {
		t.Fatalf("frame %d: pgproto3 re-encode %T: %v", i, msg, err)
	}
	if bytes.Equal(enc, r.Raw) {
		return
	}
	wantType := byte(0)
	if r.Type != 0 {
		wantType = enc[0]
	}
	if r.Type != wantType {
		t.Fatalf("frame %d: codec %v, pgproto3 %T (%q)", i, r, msg, wantType)
	}
	switch m := msg.(type) {
	case *pgproto3.ErrorResponse, *pgproto3.NoticeResponse:
	case *pgproto3.StartupMessage:
		// pgproto3 keeps the parameters in a map: its re-encoding orders
		// them at random. Same length and the same parameters suffice.
		if len(enc) != len(r.Raw) || len(m.Parameters) == 0 {
			t.Fatalf("frame %d: StartupMessage re-encodes %d bytes, codec framed %d", i, len(enc), len(r.Raw))
		}
		for k, v := range m.Parameters {
			if !bytes.Contains(r.Raw, append(append([]byte(k), 0), append([]byte(v), 0)...)) {
				t.Fatalf("frame %d: parameter %q=%q not in the framed StartupMessage", i, k, v)
			}
		}
	default:
		t.Fatalf("frame %d %T: pgproto3 re-encodes %d bytes, codec framed %d", i, msg, len(enc), len(r.Raw))
	}
}

// startupStream is a client's first bytes: SSLRequest, StartupMessage (3.2),
// then typed messages.
func startupStream() stream {
	var b []byte
	b = binary.BigEndian.AppendUint32(b, 8)
	b = binary.BigEndian.AppendUint32(b, SSLRequestCode)
	start := len(b)
	b = append(b, 0, 0, 0, 0)
	b = binary.BigEndian.AppendUint32(b, ProtocolVersion32)
	for _, kv := range []string{"user", "postgres", "database", "test", "application_name", "codec-test"} {
		b = AppendCString(b, kv)
	}
	b = append(b, 0)
	binary.BigEndian.PutUint32(b[start:], uint32(len(b)-start))
	b, m := BeginMessage(b, Query)
	b = AppendCString(b, "select 1")
	b = FinishMessage(b, m)
	b, m = BeginMessage(b, Terminate)
	b = FinishMessage(b, m)
	return stream{name: "startup-ssl-3.2", data: b, startup: true, startN: 2}
}

// rowsStream is many DataRows of varied shapes with a RowDescription-like
// prelude: small frames, so every split point is cheap to test.
func rowsStream() stream {
	var b []byte
	for i := range 50 {
		b = appendRow(b, i)
	}
	return stream{name: "rows", data: b}
}

func appendRow(b []byte, i int) []byte {
	b, m := BeginDataRow(b, 4)
	b = AppendField(b, fmt.Appendf(nil, "%d", i))
	if i%3 == 0 {
		b = AppendNull(b)
	} else {
		b = AppendField(b, bytes.Repeat([]byte{'a' + byte(i%26)}, i*7))
	}
	b = AppendField(b, nil)
	b = AppendField(b, []byte("alice@example.com"))
	return FinishMessage(b, m)
}

func allStreams(t testing.TB) []stream {
	backend, frontend := loadRecorded(t)
	return []stream{backend, frontend, startupStream(), rowsStream()}
}

func TestDecoderDeliveryModes(t *testing.T) {
	for _, s := range allStreams(t) {
		want, err := referenceFrames(s)
		if err != nil || len(want) == 0 {
			t.Fatalf("%s: reference: %d frames, %v", s.name, len(want), err)
		}
		for _, dm := range deliveries() {
			got, buf, err := collect(NewDecoder(s.max), s, dm.chunks(s.data))
			if err != nil || buf != 0 {
				t.Fatalf("%s/%s: err %v, %d bytes left", s.name, dm.name, err, buf)
			}
			equalRecs(t, s.name+"/"+dm.name, got, want)
		}
	}
}

// TestDecoderEverySplitPoint feeds each stream in two pieces, cut at every
// byte boundary. The chunks are subslices of one buffer, so a frame that
// did not straddle the cut must be a view at its exact stream offset
// (zero-copy); the one that did is compared byte for byte.
func TestDecoderEverySplitPoint(t *testing.T) {
	for _, s := range allStreams(t) {
		want, err := referenceFrames(s)
		if err != nil {
			t.Fatal(err)
		}
		offs := make([]int, len(want))
		for i, off := 1, 0; i < len(want); i++ {
			off += len(want[i-1].Raw)
			offs[i] = off
		}
		d := NewDecoder(s.max)
		data := bytes.Clone(s.data)
		for cut := 0; cut <= len(data); cut++ {
			i := 0
			buf, err := decodeChunks(d, s, [][]byte{data[:cut], data[cut:]}, func(f Frame) error {
				if i >= len(want) {
					return errors.New("extra frame")
				}
				w := want[i]
				if f.Type != w.Type || len(f.Raw) != len(w.Raw) || len(f.Body) != len(w.Body) {
					return fmt.Errorf("frame %d = %q/%d, want %v", i, f.Type, len(f.Raw), w)
				}
				straddles := offs[i] < cut && cut < offs[i]+len(w.Raw)
				if straddles {
					if !bytes.Equal(f.Raw, w.Raw) || !bytes.Equal(f.Body, w.Body) {
						return fmt.Errorf("frame %d assembled across the cut differs", i)
					}
				} else if &f.Raw[0] != &data[offs[i]] {
					return fmt.Errorf("frame %d was copied although it lay inside one Feed", i)
				}
				i++
				return nil
			})
			if err == nil && (i != len(want) || buf != 0) {
				err = fmt.Errorf("%d frames, %d bytes left; want %d frames", i, buf, len(want))
			}
			if err != nil {
				t.Fatalf("%s cut at %d: %v", s.name, cut, err)
			}
		}
	}
}

// TestDecoderFeedBeforeDrain: Feed may come before Next has drained the
// previous slice; the undrained bytes (possibly several whole messages) come
// first. Regression: the carry buffer kept only the first of several
// stashed messages and dropped the rest.
func TestDecoderFeedBeforeDrain(t *testing.T) {
	for _, s := range allStreams(t) {
		want, _ := referenceFrames(s)
		for _, dm := range deliveries() {
			chunks := dm.chunks(s.data)
			for take := 0; take <= 2; take++ {
				d := NewDecoder(s.max)
				var got []rec
				untyped := 0
				if s.startup {
					untyped = max1(s.startN) - 1
					d.ExpectStartup()
				}
				next := func() error {
					f, err := d.Next()
					if err != nil {
						return err
					}
					got = append(got, copyFrame(f))
					if untyped > 0 {
						d.ExpectStartup()
						untyped--
					}
					return nil
				}
				for _, c := range chunks {
					d.Feed(c)
					// Take at most `take` frames, then feed again.
					for range take {
						if err := next(); err == ErrNeedMore {
							break
						} else if err != nil {
							t.Fatalf("%s/%s: %v", s.name, dm.name, err)
						}
					}
				}
				for {
					if err := next(); err == ErrNeedMore {
						break
					} else if err != nil {
						t.Fatalf("%s/%s: %v", s.name, dm.name, err)
					}
				}
				equalRecs(t, fmt.Sprintf("%s/%s/take%d", s.name, dm.name, take), got, want)
				if d.Buffered() != 0 {
					t.Fatalf("%s/%s/take%d: %d bytes left", s.name, dm.name, take, d.Buffered())
				}
			}
		}
	}
}

func typedHeader(typ byte, length int32) []byte {
	return binary.BigEndian.AppendUint32([]byte{typ}, uint32(length))
}

func startupHeader(length int32) []byte {
	return binary.BigEndian.AppendUint32(nil, uint32(length))
}

func TestDecoderFrameErrors(t *testing.T) {
	good := func() []byte { return rowsStream().data[:len(appendRow(nil, 0))] } // one whole DataRow
	cases := []struct {
		name    string
		max     int
		startup bool
		data    []byte
		want    FrameError
		before  int // whole frames expected before the error
	}{
		{"length 3", 0, false, typedHeader('D', 3), FrameError{Type: 'D', Length: 3, Max: DefaultMaxMessageSize, Reason: "length below minimum of 4"}, 0},
		{"length 0", 0, false, typedHeader('Z', 0), FrameError{Type: 'Z', Length: 0, Max: DefaultMaxMessageSize, Reason: "length below minimum of 4"}, 0},
		{"length -1", 0, false, typedHeader('D', -1), FrameError{Type: 'D', Length: -1, Max: DefaultMaxMessageSize, Reason: "length below minimum of 4"}, 0},
		{"length -2 after a good row", 0, false, append(good(), typedHeader('D', -2)...), FrameError{Type: 'D', Length: -2, Max: DefaultMaxMessageSize, Reason: "length below minimum of 4"}, 1},
		{"huge length", 0, false, typedHeader('D', 0x7fffffff), FrameError{Type: 'D', Length: 0x7fffffff, Max: DefaultMaxMessageSize, Reason: "length above maximum"}, 0},
		{"above configured max", 1024, false, typedHeader('D', 1024), FrameError{Type: 'D', Length: 1024, Max: 1024, Reason: "length above maximum"}, 0},
		{"startup length 7", 0, true, append(startupHeader(7), 0, 3, 0, 0), FrameError{Length: 7, Max: MaxStartupSize, Reason: "length below minimum of 8"}, 0},
		{"startup length -1", 0, true, startupHeader(-1), FrameError{Length: -1, Max: MaxStartupSize, Reason: "length below minimum of 8"}, 0},
		{"startup length 10001", 0, true, startupHeader(10001), FrameError{Length: 10001, Max: MaxStartupSize, Reason: "length above maximum"}, 0},
		{"startup above configured max", 100, true, startupHeader(200), FrameError{Length: 200, Max: 100, Reason: "length above maximum"}, 0},
	}
	for _, c := range cases {
		s := stream{name: c.name, data: c.data, startup: c.startup, max: c.max}
		for _, dm := range deliveries() {
			got, _, err := collect(NewDecoder(c.max), s, dm.chunks(c.data))
			var fe *FrameError
			if !errors.As(err, &fe) {
				t.Fatalf("%s/%s: err = %v, want *FrameError", c.name, dm.name, err)
			}
			if *fe != c.want {
				t.Fatalf("%s/%s: %+v, want %+v", c.name, dm.name, *fe, c.want)
			}
			if fe.Error() == "" || len(got) != c.before {
				t.Fatalf("%s/%s: %d frames before the error, want %d", c.name, dm.name, len(got), c.before)
			}
		}
		// Every two-piece split gives the same error.
		for cut := 0; cut <= len(c.data); cut++ {
			_, _, err := collect(NewDecoder(c.max), s, splitAt(c.data, cut))
			var fe *FrameError
			if !errors.As(err, &fe) || *fe != c.want {
				t.Fatalf("%s cut at %d: err = %v", c.name, cut, err)
			}
		}
	}
}

// TestDecoderLimitBoundaries: a frame exactly at the limit is accepted.
func TestDecoderLimitBoundaries(t *testing.T) {
	// Typed: the limit counts the whole message, type byte included.
	msg := append(typedHeader('d', 1023), make([]byte, 1019)...)
	got, buf, err := collect(NewDecoder(1024), stream{data: msg}, whole(msg))
	if err != nil || buf != 0 || len(got) != 1 || len(got[0].Body) != 1019 {
		t.Fatalf("1024-byte message with max 1024: %v, %d frames, %d left", err, len(got), buf)
	}
	// Startup: exactly 8 and exactly MaxStartupSize.
	for _, n := range []int32{8, MaxStartupSize} {
		msg := append(startupHeader(n), make([]byte, n-4)...)
		got, buf, err := collect(NewDecoder(0), stream{data: msg, startup: true}, byteByByte(msg))
		if err != nil || buf != 0 || len(got) != 1 || len(got[0].Raw) != int(n) {
			t.Fatalf("startup length %d: %v, %d frames, %d left", n, err, len(got), buf)
		}
	}
	if NewDecoder(0).MaxMessageSize() != DefaultMaxMessageSize || NewDecoder(-5).MaxMessageSize() != DefaultMaxMessageSize {
		t.Fatalf("max <= 0 must select DefaultMaxMessageSize")
	}
}

// TestDecoderTruncatedHeader: a stream that ends inside a header (or a body)
// is "need more", never a frame or a panic; Buffered tells the caller at EOF
// that the peer stopped mid-message.
func TestDecoderTruncatedHeader(t *testing.T) {
	for _, s := range []stream{
		{name: "typed header", data: []byte{'D', 0, 0}},
		{name: "type byte only", data: []byte{'D'}},
		{name: "typed body", data: append(typedHeader('D', 10), 0, 1)},
		{name: "startup header", data: []byte{0, 0}, startup: true},
		{name: "startup body", data: append(startupHeader(16), 0, 3), startup: true},
	} {
		for _, dm := range deliveries() {
			got, buf, err := collect(NewDecoder(0), s, dm.chunks(s.data))
			if err != nil || len(got) != 0 || buf != len(s.data) {
				t.Fatalf("%s/%s: %d frames, err %v, buffered %d, want 0, nil, %d", s.name, dm.name, len(got), err, buf, len(s.data))
			}
		}
	}
}

// TestDecoderCarryShrinks: a carry buffer that grew for one huge frame is
// released once that frame has been consumed, and small frames after it do
// not bring it back.
func TestDecoderCarryShrinks(t *testing.T) {
	big := append(typedHeader('D', 4<<20+4), make([]byte, 4<<20)...)
	small := appendRow(nil, 5)
	data := append(append(bytes.Clone(small), big...), small...)
	s := stream{data: data}
	d := NewDecoder(0)
	cut := len(small) + 1000 // inside the big frame
	var sizes []int
	var capDuring int
	_, err := decodeChunks(d, s, splitAt(data, cut, len(data)-len(small)/2), func(f Frame) error {
		sizes = append(sizes, len(f.Raw))
		if len(f.Raw) == len(big) {
			capDuring = cap(d.carry)
		}
		return nil
	})
	if err != nil || !reflect.DeepEqual(sizes, []int{len(small), len(big), len(small)}) {
		t.Fatalf("frames %v, err %v", sizes, err)
	}
	if capDuring < len(big) {
		t.Fatalf("big frame was not carried (cap %d)", capDuring)
	}
	if c := cap(d.carry); c > shrinkAbove {
		t.Fatalf("carry buffer kept %d bytes after the huge frame; want <= %d", c, shrinkAbove)
	}
	// The huge frame as the last one: the next Next releases it.
	d = NewDecoder(0)
	d.Feed(bytes.Clone(big[:100]))
	if _, err := d.Next(); err != ErrNeedMore {
		t.Fatal(err)
	}
	d.Feed(bytes.Clone(big[100:]))
	if f, err := d.Next(); err != nil || len(f.Raw) != len(big) {
		t.Fatalf("big frame: %v", err)
	}
	if _, err := d.Next(); err != ErrNeedMore {
		t.Fatal(err)
	}
	if c := cap(d.carry); c > shrinkAbove {
		t.Fatalf("carry buffer kept %d bytes after the huge frame; want <= %d", c, shrinkAbove)
	}
}

// TestDecoderGrowsCarryOnce: a large straddling frame is assembled with one
// allocation of its exact size, not by doubling.
func TestDecoderGrowsCarryOnce(t *testing.T) {
	big := append(typedHeader('d', 1<<20+4), make([]byte, 1<<20)...)
	d := NewDecoder(0)
	chunks := splitAt(big, 3, 1000, 500000)
	n := testing.AllocsPerRun(5, func() {
		for _, c := range chunks {
			d.Feed(c)
			for {
				if _, err := d.Next(); err != nil {
					break
				}
			}
		}
	})
	// Per run: the carry is released after the huge frame, so one exact-size
	// allocation plus at most one for the first few header bytes.
	if n > 2 {
		t.Fatalf("%v allocations to assemble one 1 MiB frame; want <= 2", n)
	}
}

func TestFrameErrorMessage(t *testing.T) {
	for _, c := range []struct {
		e    FrameError
		want string
	}{
		{FrameError{Type: 'D', Length: 3, Max: 100, Reason: "length below minimum of 4"}, `codec: message 'D': length below minimum of 4 (length 3, max 100)`},
		{FrameError{Length: 20000, Max: MaxStartupSize, Reason: "length above maximum"}, `codec: startup message: length above maximum (length 20000, max 10000)`},
	} {
		if got := c.e.Error(); got != c.want {
			t.Errorf("Error() = %q, want %q", got, c.want)
		}
	}
}

// TestHold: a message put back with Hold comes out of Next again, and so do
// the bytes after it, even though the caller's buffer was overwritten in
// between; both for a message read from the fed bytes and for one that
// straddled two Feeds.
func TestHold(t *testing.T) {
	var stream []byte
	for i := range 4 {
		stream = append(stream, 'D', 0, 0, 0, 7, 0, 1, byte('a'+i))
	}
	for split := 1; split < len(stream); split++ {
		d := NewDecoder(1 << 20)
		buf := append([]byte(nil), stream[:split]...)
		d.Feed(buf)
		var got []byte
		held, fedAll := false, false
		for {
			f, err := d.Next()
			if err == ErrNeedMore {
				if fedAll {
					break
				}
				fedAll = true
				buf = append([]byte(nil), stream[split:]...)
				d.Feed(buf)
				continue
			}
			if err != nil {
				t.Fatalf("split %d: %v", split, err)
			}
			if !held && f.Body[len(f.Body)-1] == 'b' {
				held = true
				d.Hold(f)
				for i := range buf {
					buf[i] = 'X' // the caller reuses its buffer
				}
				d.Feed(nil)
				continue
			}
			got = append(got, f.Raw...)
		}
		if string(got) != string(stream) {
			t.Fatalf("split %d: got %q, want %q", split, got, stream)
		}
	}
}
