//go:build !race

package mask

import (
	"encoding/binary"
	"testing"

	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/policy"
)

// TestZeroAllocsPerValue: every per-value path appends to a buffer with
// room and allocates nothing.
func TestZeroAllocsPerValue(t *testing.T) {
	s := newSession(t)
	tk, _ := NewTokenizer(testKey)
	cached := tk.WithCache(NewCache(1 << 20)).NewSession()
	dst := make([]byte, 0, 4096)
	text := []struct {
		t classify.Type
		v string
	}{
		{classify.EmailAddress, "alice@example.com"}, {classify.PhoneNumber, "+1 (555) 010-9999"},
		{classify.CreditCard, "4111 1111 1111 1111"}, {classify.USSSN, "123-45-6789"},
		{classify.IBANCode, "DE89 3704 0044 0532 0130 00"}, {classify.IPAddress, "192.168.1.7"},
		{classify.IPAddress, "2001:db8::1/64"}, {classify.Person, "Ada Lovelace"}, {classify.UKNINO, "AB123456C"},
	}
	for _, c := range text {
		v := []byte(c.v)
		check(t, "token "+c.v, func() { s.AppendToken(dst[:0], c.t, v, false) })
		check(t, "cached "+c.v, func() { cached.AppendToken(dst[:0], c.t, v, false) })
		for _, k := range []policy.Kind{policy.Mask, policy.Redact, policy.Hash, policy.Null} {
			check(t, k.String()+" "+c.v, func() { s.AppendText(dst[:0], policy.Action{Kind: k, KeepLast: 4}, c.t, v) })
		}
	}
	be := binary.BigEndian
	typed := []struct {
		oid uint32
		f   int16
		v   []byte
	}{
		{OIDInt4, Binary, be.AppendUint32(nil, 5)}, {OIDInt8, Text, []byte("-123456789")},
		{OIDNumeric, Text, []byte("1234.56")}, {OIDNumeric, Binary, []byte{0, 2, 0, 0, 0, 0, 0, 2, 0x04, 0xd2, 0x15, 0xe0}},
		{OIDFloat8, Text, []byte("1.5e+20")}, {OIDUUID, Text, []byte("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")},
		{OIDUUID, Binary, make([]byte, 16)}, {OIDDate, Text, []byte("1985-07-14")},
		{OIDTimestamptz, Binary, be.AppendUint64(nil, 1)}, {OIDInet, Text, []byte("10.0.0.1/8")},
		{OIDCIDR, Text, []byte("10.1.0.0/16")}, {OIDInet, Binary, []byte{2, 32, 0, 4, 1, 2, 3, 4}},
		{OIDBytea, Text, []byte(`\x0102ff`)}, {OIDBytea, Binary, []byte{1, 2, 3}},
		{OIDBpchar, Text, []byte("alice@example.com   ")},
		{OIDJSON, Text, []byte(`{"email":"a@b.com","n":[1,"x\u00e9"]}`)}, {OIDJSONB, Binary, []byte("\x01[\"a@b.com\"]")},
	}
	for _, c := range typed {
		check(t, "typed "+string(c.v), func() { s.AppendTyped(dst[:0], c.oid, c.f, classify.EmailAddress, c.v, false) })
		check(t, "redact typed", func() { AppendRedactTyped(dst[:0], c.oid, c.f) })
	}
	for _, c := range typed {
		for _, k := range []policy.Kind{policy.Tokenize, policy.Mask, policy.Redact, policy.Hash} {
			check(t, "apply "+k.String()+" "+string(c.v), func() {
				s.Apply(dst[:0], policy.Action{Kind: k, KeepLast: 2}, classify.EmailAddress, c.oid, c.f, c.v)
			})
		}
	}
	js := []byte(`{"email":"a@b.com","contacts":[{"email":"c@d.org"}]}`)
	check(t, "json hint", func() { s.AppendJSON(dst[:0], js, keyHint{s}) })
}

func check(t *testing.T, name string, f func()) {
	t.Helper()
	f() // warm scratch buffers
	if n := testing.AllocsPerRun(50, f); n != 0 {
		t.Errorf("%s: %v allocs per value", name, n)
	}
}

func TestSharedZeroAllocs(t *testing.T) {
	tk, _ := NewTokenizer(testKey)
	sh := NewShared(tk)
	dst := make([]byte, 0, 256)
	v := []byte("alice@example.com")
	check(t, "shared apply", func() {
		sh.Apply(dst[:0], policy.Action{Kind: policy.Tokenize}, classify.EmailAddress, OIDText, Text, v)
	})
	check(t, "shared text", func() {
		sh.AppendText(dst[:0], policy.Action{Kind: policy.Mask, KeepLast: 4}, classify.EmailAddress, v)
	})
}
