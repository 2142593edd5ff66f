package mask

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/policy"
)

var testKey = []byte("maskwire-test-key-0123456789")

func newSession(t testing.TB) *Session {
	t.Helper()
	tk, err := NewTokenizer(testKey)
	if err != nil {
		t.Fatal(err)
	}
	return tk.NewSession()
}

func tok(t *testing.T, s *Session, typ classify.Type, v string) string {
	t.Helper()
	out, err := s.AppendToken(nil, typ, []byte(v), false)
	if err != nil {
		t.Fatalf("AppendToken(%v, %q): %v", typ, v, err)
	}
	return string(out)
}

func TestKeyHandling(t *testing.T) {
	if _, err := NewTokenizer([]byte("short")); err == nil || strings.Contains(err.Error(), "short") {
		t.Fatalf("short key: %v", err)
	}
	tk, _ := NewTokenizer(testKey)
	for _, s := range []string{fmt.Sprint(tk), fmt.Sprintf("%+v", tk), fmt.Sprintf("%#v", tk)} {
		if strings.Contains(s, string(testKey)) {
			t.Fatalf("key leaked: %s", s)
		}
	}
	if !tk.SameKey(testKey) || tk.SameKey([]byte("maskwire-test-key-0123456780")) {
		t.Fatal("SameKey")
	}
}

func TestDeterminism(t *testing.T) {
	values := map[classify.Type][]string{
		classify.EmailAddress: {"alice@example.com", "x.y+z@sub.example.org"},
		classify.PhoneNumber:  {"+1 (555) 010-9999", "020 7946 0958"},
		classify.CreditCard:   {"4111 1111 1111 1111", "5500-0000-0000-0004"},
		classify.USSSN:        {"123-45-6789", "123456789"},
		classify.IBANCode:     {"DE89 3704 0044 0532 0130 00", "GB29NWBK60161331926819"},
		classify.IPAddress:    {"192.168.1.7", "2001:db8::1", "10.0.0.0/8"},
		classify.Person:       {"Ada Lovelace", "Zoë"},
		classify.UKNINO:       {"AB123456C"},
	}
	a, b := newSession(t), newSession(t)
	other, _ := NewTokenizer([]byte("another-key-0123456789"))
	o := other.NewSession()
	for typ, vs := range values {
		for _, v := range vs {
			x, y := tok(t, a, typ, v), tok(t, b, typ, v)
			if x != y || x != tok(t, a, typ, v) {
				t.Errorf("%v %q: not deterministic: %q %q", typ, v, x, y)
			}
			if x == v {
				t.Errorf("%v %q: token equals input", typ, v)
			}
			if z := tok(t, o, typ, v); z == x {
				t.Errorf("%v %q: another key gives the same token %q", typ, v, z)
			}
		}
	}
	if tok(t, a, classify.EmailAddress, "Bob@Example.COM") != tok(t, a, classify.EmailAddress, "bob@example.com") {
		t.Error("email tokens must fold ASCII case")
	}
	if tok(t, a, classify.EmailAddress, "bob@example.com") == tok(t, a, classify.EmailAddress, "rob@example.com") {
		t.Error("different emails, same token")
	}
}

var emailRE = regexp.MustCompile(`^[a-z2-7]{8,64}@([a-z2-7]{10}\.invalid|example\.com)$`)

func TestFormats(t *testing.T) {
	s := newSession(t)
	for _, v := range []string{"alice@example.com", "a@example.com", strings.Repeat("l", 70) + "@example.com"} {
		x := tok(t, s, classify.EmailAddress, v)
		if !emailRE.MatchString(x) || strings.HasSuffix(x, "example.com") {
			t.Errorf("email %q -> %q", v, x)
		}
		k, _ := s.AppendEmail(nil, []byte(v), true)
		if !emailRE.MatchString(string(k)) || !strings.HasSuffix(string(k), "@example.com") {
			t.Errorf("email keep domain %q -> %q", v, k)
		}
	}
	for _, v := range []string{"+1 (555) 010-9999", "020 7946 0958", "+44-20-7946-0958", "5550109999"} {
		x := tok(t, s, classify.PhoneNumber, v)
		if shape(x) != shape(v) {
			t.Errorf("phone %q -> %q: shape %q vs %q", v, x, shape(x), shape(v))
		}
	}
	for i := 0; i < 200; i++ {
		v := fmt.Sprintf("4%03d %04d %04d %04d", i, i*7, i*13, 1000+i)
		x := tok(t, s, classify.CreditCard, v)
		if shape(x) != shape(v) || !LuhnValid([]byte(x)) || x[0] != '9' || x[len(x)-4:] != v[len(v)-4:] {
			t.Fatalf("card %q -> %q (luhn %v)", v, x, LuhnValid([]byte(x)))
		}
	}
	x := tok(t, s, classify.CreditCard, "378282246310005") // 15-digit Amex
	if len(x) != 15 || !LuhnValid([]byte(x)) || !strings.HasSuffix(x, "0005") {
		t.Errorf("amex -> %q", x)
	}
	for i := 0; i < 300; i++ {
		for _, f := range []string{"%03d-%02d-%04d", "%03d %02d %04d", "%03d%02d%04d"} {
			v := fmt.Sprintf(f, 100+i, 1+i%99, 1000+i)
			x := tok(t, s, classify.USSSN, v)
			d := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return r
				}
				return -1
			}, x)
			area, _ := strconv.Atoi(d[:3])
			group, _ := strconv.Atoi(d[3:5])
			serial, _ := strconv.Atoi(d[5:])
			if shape(x) != shape(v) || area < 900 || group < 1 || group > 49 || serial == 0 {
				t.Fatalf("ssn %q -> %q", v, x)
			}
		}
	}
	for _, v := range []string{"DE89 3704 0044 0532 0130 00", "GB29NWBK60161331926819", "gb29 nwbk 6016 1331 9268 19", "FR1420041010050500013M02606", "NL91ABNA0417164300"} {
		if !IBANValid([]byte(v)) {
			t.Fatalf("fixture %q invalid", v)
		}
		x := tok(t, s, classify.IBANCode, v)
		if shape(x[4:]) != shape(v[4:]) || x[:2] != v[:2] || !IBANValid([]byte(x)) || len(x) != len(v) {
			t.Errorf("iban %q -> %q (valid %v)", v, x, IBANValid([]byte(x)))
		}
	}
	for _, v := range []string{"192.168.1.7", "8.8.8.8", "2001:db8::1", "fe80::1:2", "10.1.2.3/24", "::ffff:1.2.3.4"} {
		x := tok(t, s, classify.IPAddress, v)
		addr, suffix, _ := strings.Cut(x, "/")
		a, err := netip.ParseAddr(addr)
		in, _ := netip.ParseAddr(strings.Split(v, "/")[0])
		if err != nil || a.Is4() != in.Unmap().Is4() || (strings.Contains(v, "/") && "/"+suffix != v[strings.IndexByte(v, '/'):]) {
			t.Errorf("ip %q -> %q", v, x)
		}
		if a.Is4() && a.As4()[0] < 240 || a.Is6() && !netip.MustParsePrefix("2001:db8::/32").Contains(a) {
			t.Errorf("ip %q -> %q outside the token range", v, x)
		}
	}
	for _, v := range []string{"Ada Lovelace", "x", "Zoë Ünal", strings.Repeat("long ", 30)} {
		x := tok(t, s, classify.Person, v)
		if len(x) != len(v) || (len(v) >= 8 && !strings.HasPrefix(x, "tok_")) {
			t.Errorf("generic %q -> %q", v, x)
		}
	}
	if x := tok(t, s, classify.UKNINO, "AB 12 34 56 C"); shape(x) != "AA 99 99 99 A" {
		t.Errorf("shape -> %q", x)
	}
}

// shape maps digits to 9, letters to A/a, keeps the rest.
func shape(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return '9'
		case r >= 'A' && r <= 'Z':
			return 'A'
		case r >= 'a' && r <= 'z':
			return 'a'
		}
		return r
	}, s)
}

func TestMalformedReturnsError(t *testing.T) {
	s := newSession(t)
	cases := []struct {
		t classify.Type
		v string
	}{
		{classify.EmailAddress, "no-at-sign"}, {classify.EmailAddress, "a@nodot"}, {classify.CreditCard, "12345"},
		{classify.USSSN, "123-45-678"}, {classify.IBANCode, "DE8937"}, {classify.IBANCode, "1234567890123456"},
		{classify.IPAddress, "999.1.1.1"}, {classify.IPAddress, "1.2.3.4/abc"}, {classify.PhoneNumber, "n/a"},
	}
	for _, c := range cases {
		dst := []byte("keep")
		out, err := s.AppendToken(dst, c.t, []byte(c.v), false)
		if err != ErrMalformed || string(out) != "keep" {
			t.Errorf("%v %q: %q, %v; want ErrMalformed and dst unchanged", c.t, c.v, out, err)
		}
		// The action layer redacts instead: nothing raw leaves.
		red := string(s.AppendText(nil, policy.Action{Kind: policy.Tokenize}, c.t, []byte(c.v)))
		if strings.Contains(red, c.v) && len(c.v) > 3 {
			t.Errorf("%v %q: redaction leaks: %q", c.t, c.v, red)
		}
	}
}

func TestMaskAndRedact(t *testing.T) {
	cases := []struct {
		v          string
		keep       int
		keepDomain bool
		want       string
	}{
		{"4111 1111 1111 1234", 4, false, "**** **** **** 1234"},
		{"+1 (555) 010-9999", 2, false, "+* (***) ***-**99"},
		{"alice@example.com", 0, true, "*****@example.com"},
		{"Zoë", 1, false, "**ë"},
		{"Zoë", 0, false, "***"},
		{"ab", 5, false, "ab"},
	}
	for _, c := range cases {
		if got := string(AppendMasked(nil, []byte(c.v), c.keep, c.keepDomain)); got != c.want {
			t.Errorf("mask %q: %q want %q", c.v, got, c.want)
		}
	}
	red := []struct {
		t    classify.Type
		v    string
		want string
	}{
		{classify.EmailAddress, "a@b.com", RedactedEmail},
		{classify.USSSN, "123-45-6789", "000-00-0000"},
		{classify.CreditCard, "4111-1111-1111-1111", "0000-0000-0000-0000"},
		{classify.IBANCode, "DE89 3704", "XX00 0000"},
		{classify.IPAddress, "fe80::1", "::"},
		{classify.Person, "Ada", RedactedText},
	}
	for _, c := range red {
		if got := string(AppendRedacted(nil, c.t, []byte(c.v))); got != c.want {
			t.Errorf("redact %v %q: %q want %q", c.t, c.v, got, c.want)
		}
	}
	if !LuhnValid([]byte("0000-0000-0000-0000")) {
		t.Error("all-zero redacted card must pass Luhn")
	}
	s := newSession(t)
	h := s.AppendHash(nil, []byte("x"))
	if len(h) != HashLen || string(h) != string(newSession(t).AppendHash(nil, []byte("x"))) {
		t.Errorf("hash %q", h)
	}
}

func TestTyped(t *testing.T) {
	s := newSession(t)
	type tc struct {
		oid    uint32
		format int16
		in     []byte
		check  func([]byte) error
	}
	be16 := func(x int16) []byte { return binary.BigEndian.AppendUint16(nil, uint16(x)) }
	be32 := func(x int32) []byte { return binary.BigEndian.AppendUint32(nil, uint32(x)) }
	be64 := func(x int64) []byte { return binary.BigEndian.AppendUint64(nil, uint64(x)) }
	width := func(n int) func([]byte) error {
		return func(b []byte) error {
			if len(b) != n {
				return fmt.Errorf("len %d want %d", len(b), n)
			}
			return nil
		}
	}
	cases := []tc{
		{OIDInt2, Binary, be16(-42), width(2)},
		{OIDInt4, Binary, be32(123456), width(4)},
		{OIDInt8, Binary, be64(-1), width(8)},
		{OIDInt2, Text, []byte("42"), parsesInt(16)},
		{OIDInt4, Text, []byte("-2147483648"), parsesInt(32)},
		{OIDInt8, Text, []byte("9223372036854775807"), parsesInt(64)},
		{OIDNumeric, Text, []byte("-1234.5600"), func(b []byte) error {
			if shape(string(b)) != "-9999.9999" || b[1] == '0' {
				return fmt.Errorf("numeric %q", b)
			}
			return nil
		}},
		{OIDNumeric, Binary, []byte{0, 2, 0, 0, 0, 0, 0, 2, 0x04, 0xd2, 0x15, 0xe0}, validNumericBinary},
		{OIDFloat8, Text, []byte("1.5e+20"), parsesFloat},
		{OIDFloat8, Binary, be64(0x3ff8000000000000), width(8)},
		{OIDFloat4, Binary, be32(0x3fc00000), width(4)},
		{OIDUUID, Text, []byte("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), validUUIDText},
		{OIDUUID, Binary, bytes.Repeat([]byte{7}, 16), func(b []byte) error {
			if len(b) != 16 || b[6]>>4 != 8 || b[8]>>6 != 2 {
				return fmt.Errorf("uuid %x", b)
			}
			return nil
		}},
		{OIDDate, Text, []byte("1985-07-14"), parsesTime("2006-01-02")},
		{OIDDate, Binary, be32(-5285), binaryDays},
		{OIDTimestamp, Text, []byte("1985-07-14 13:45:00.123"), parsesTime("2006-01-02 15:04:05")},
		{OIDTimestamptz, Text, []byte("1985-07-14 13:45:00+02"), parsesTime("2006-01-02 15:04:05-07")},
		{OIDTimestamptz, Binary, be64(-456_000_000_000_000), binaryMicros},
		{OIDInet, Text, []byte("192.168.0.1/24"), parsesPrefixOrAddr},
		{OIDCIDR, Text, []byte("10.1.0.0/16"), func(b []byte) error {
			p, err := netip.ParsePrefix(string(b))
			if err != nil || p.Masked() != p || p.Bits() != 16 {
				return fmt.Errorf("cidr %q", b)
			}
			return nil
		}},
		{OIDInet, Binary, []byte{2, 32, 0, 4, 192, 168, 0, 1}, func(b []byte) error {
			if len(b) != 8 || b[0] != 2 || b[3] != 4 || b[4] < 240 {
				return fmt.Errorf("inet %v", b)
			}
			return nil
		}},
		{OIDInet, Binary, append([]byte{3, 64, 1, 16}, netip.MustParseAddr("2001:db8:1:2::").AsSlice()...), func(b []byte) error {
			if len(b) != 20 || b[0] != 3 {
				return fmt.Errorf("inet6 %v", b)
			}
			for _, x := range b[4+8:] {
				if x != 0 {
					return fmt.Errorf("cidr host bits set: %v", b)
				}
			}
			return nil
		}},
		{OIDBytea, Text, []byte(`\x00ff10`), func(b []byte) error {
			if len(b) != 8 || string(b[:2]) != `\x` {
				return fmt.Errorf("bytea %q", b)
			}
			return nil
		}},
		{OIDBytea, Binary, []byte{1, 2, 3}, width(3)},
		{OIDBpchar, Text, []byte("alice@example.com   "), width(20)},
		{OIDBpchar, Text, []byte("a@b.co    "), width(10)},
		{OIDJSON, Text, []byte(`{"email":"a@b.com","n":[1,"x\"y",{"k":"\u00e9"}],"t":true}`), validJSON},
		{OIDJSONB, Binary, []byte("\x01" + `["a@b.com", null]`), func(b []byte) error {
			if b[0] != 1 {
				return fmt.Errorf("jsonb version")
			}
			return validJSON(b[1:])
		}},
	}
	for _, c := range cases {
		out, err := s.AppendTyped(nil, c.oid, c.format, classify.EmailAddress, c.in, false)
		if err != nil {
			t.Errorf("oid %d fmt %d %q: %v", c.oid, c.format, c.in, err)
			continue
		}
		if bytes.Equal(out, c.in) {
			t.Errorf("oid %d fmt %d %q: unchanged", c.oid, c.format, c.in)
		}
		if err := c.check(out); err != nil {
			t.Errorf("oid %d fmt %d %q -> %q: %v", c.oid, c.format, c.in, out, err)
		}
		again, _ := s.AppendTyped(nil, c.oid, c.format, classify.EmailAddress, c.in, false)
		if !bytes.Equal(out, again) {
			t.Errorf("oid %d: not deterministic", c.oid)
		}
	}
	// The same integer in text and binary format gives the same token.
	txt, _ := s.AppendTyped(nil, OIDInt8, Text, classify.None, []byte("-77"), false)
	bin, _ := s.AppendTyped(nil, OIDInt8, Binary, classify.None, be64(-77), false)
	if strconv.FormatInt(int64(binary.BigEndian.Uint64(bin)), 10) != string(txt) {
		t.Errorf("int8 text %q vs binary %x", txt, bin)
	}
	dt, _ := s.AppendTyped(nil, OIDDate, Text, classify.None, []byte("1985-07-14"), false)
	db, _ := s.AppendTyped(nil, OIDDate, Binary, classify.None, be32(-5284), false) // 1985-07-14
	if d := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(int32(binary.BigEndian.Uint32(db)))).Format("2006-01-02"); d != string(dt) {
		t.Errorf("date text %q vs binary %s", dt, d)
	}
}

func TestTypedMalformedAndRedact(t *testing.T) {
	s := newSession(t)
	bad := []struct {
		oid    uint32
		format int16
		in     string
	}{
		{OIDInt4, Binary, "abc"}, {OIDInt4, Text, "12x"}, {OIDInt8, Text, "99999999999999999999"},
		{OIDNumeric, Binary, "\x00\x01"}, {OIDNumeric, Text, "1.2.3"}, {OIDUUID, Text, "not-a-uuid"},
		{OIDDate, Text, "14/07/1985"}, {OIDDate, Binary, "\x00"}, {OIDInet, Binary, "\x02\x20\x00\x10"},
		{OIDBytea, Text, `\001`}, {OIDJSON, Text, `{"a":}`}, {OIDJSONB, Binary, "\x02{}"}, {OIDBool, Text, "t"},
	}
	for _, c := range bad {
		out, err := s.AppendTyped([]byte("k"), c.oid, c.format, classify.None, []byte(c.in), false)
		if err == nil || string(out) != "k" {
			t.Errorf("oid %d %q: %q %v; want ErrMalformed", c.oid, c.in, out, err)
		}
	}
	for _, oid := range []uint32{OIDBool, OIDInt2, OIDInt4, OIDInt8, OIDFloat4, OIDFloat8, OIDNumeric, OIDUUID, OIDDate,
		OIDTimestamp, OIDTimestamptz, OIDTime, OIDInet, OIDCIDR, OIDMacaddr, OIDBytea, OIDJSON, OIDJSONB, OIDText, OIDBpchar} {
		for _, f := range []int16{Text, Binary} {
			out, ok := AppendRedactTyped(nil, oid, f)
			if !ok {
				t.Errorf("oid %d fmt %d: no placeholder", oid, f)
				continue
			}
			if f == Text {
				if err := parsesAs(oid, out); err != nil {
					t.Errorf("redact oid %d text %q: %v", oid, out, err)
				}
			}
		}
	}
	if _, ok := AppendRedactTyped(nil, 600, Binary); ok {
		t.Error("unknown binary type must report no placeholder")
	}
}

// parsesAs checks that a text-format value parses as type oid.
func parsesAs(oid uint32, b []byte) error {
	switch oid {
	case OIDInt2:
		return parsesInt(16)(b)
	case OIDInt4:
		return parsesInt(32)(b)
	case OIDInt8:
		return parsesInt(64)(b)
	case OIDFloat4, OIDFloat8, OIDNumeric:
		return parsesFloat(b)
	case OIDUUID:
		return validUUIDText(b)
	case OIDDate:
		return parsesTime("2006-01-02")(b)
	case OIDTimestamp:
		return parsesTime("2006-01-02 15:04:05")(b)
	case OIDTimestamptz:
		return parsesTime("2006-01-02 15:04:05-07")(b)
	case OIDInet, OIDCIDR:
		return parsesPrefixOrAddr(b)
	case OIDJSON, OIDJSONB:
		return validJSON(b)
	case OIDBytea:
		if len(b) < 2 || string(b[:2]) != `\x` || len(b)%2 != 0 {
			return fmt.Errorf("bytea %q", b)
		}
	}
	return nil
}

func parsesInt(bits int) func([]byte) error {
	return func(b []byte) error { _, err := strconv.ParseInt(string(b), 10, bits); return err }
}
func parsesFloat(b []byte) error { _, err := strconv.ParseFloat(string(b), 64); return err }
func parsesTime(layout string) func([]byte) error {
	return func(b []byte) error {
		tm, err := time.Parse(layout, string(b))
		if err == nil && (tm.Year() < 1900 || tm.Year() > 2010) {
			return fmt.Errorf("year %d implausible", tm.Year())
		}
		return err
	}
}
func validJSON(b []byte) error {
	if !json.Valid(b) {
		return fmt.Errorf("invalid JSON %q", b)
	}
	return nil
}
func validUUIDText(b []byte) error {
	var u [16]byte
	if !parseUUID(&u, b) {
		return fmt.Errorf("uuid %q", b)
	}
	return nil
}
func parsesPrefixOrAddr(b []byte) error {
	if _, err := netip.ParsePrefix(string(b)); err == nil {
		return nil
	}
	_, err := netip.ParseAddr(string(b))
	return err
}
func binaryDays(b []byte) error {
	if len(b) != 4 {
		return fmt.Errorf("len %d", len(b))
	}
	d := int32(binary.BigEndian.Uint32(b))
	if d < tokenDayFirst || d >= tokenDayFirst+tokenDaySpan {
		return fmt.Errorf("day %d out of range", d)
	}
	return nil
}
func binaryMicros(b []byte) error {
	if len(b) != 8 {
		return fmt.Errorf("len %d", len(b))
	}
	us := int64(binary.BigEndian.Uint64(b))
	if us%usecPerDay != 0 {
		return fmt.Errorf("not midnight")
	}
	return binaryDays(binary.BigEndian.AppendUint32(nil, uint32(int32(us/usecPerDay))))
}
func validNumericBinary(b []byte) error {
	if len(b) < 8 {
		return fmt.Errorf("short")
	}
	nd := int(binary.BigEndian.Uint16(b))
	if len(b) != 8+2*nd {
		return fmt.Errorf("len %d for %d digits", len(b), nd)
	}
	for i := 0; i < nd; i++ {
		if binary.BigEndian.Uint16(b[8+2*i:]) >= 10000 {
			return fmt.Errorf("digit >= NBASE")
		}
	}
	return nil
}

type keyHint struct{ s *Session }

func (k keyHint) ReplaceJSONString(dst, key, value []byte) ([]byte, bool) {
	switch string(key) {
	case "email":
		out, err := k.s.AppendToken(dst, classify.EmailAddress, value, true)
		if err != nil {
			return AppendRedacted(dst, classify.EmailAddress, value), true
		}
		return out, true
	case "notes":
		return append(dst, "quote\" back\\slash \x01"...), true
	}
	return dst, false
}

func TestJSON(t *testing.T) {
	s := newSession(t)
	src := `{ "id": 7, "email": "alice@example.com", "tags": ["a", "b"],
  "contacts": [{"email": "bob@corp.io"}, {"email": "not an email"}], "notes": "x",
  "esc": "caf\u00e9 \"q\"", "e": -1.5e-3, "z": null, "nested": {"email": ["c@d.org"]} }`
	out, err := s.AppendJSON(nil, []byte(src), keyHint{s})
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(out) {
		t.Fatalf("invalid: %s", out)
	}
	var m map[string]any
	json.Unmarshal(out, &m)
	if m["id"].(float64) != 7 || m["tags"].([]any)[0] != "a" || m["esc"] != `café "q"` {
		t.Errorf("untouched values changed: %s", out)
	}
	for _, raw := range []string{"alice@", "bob@", "c@d.org", "not an email"} {
		if bytes.Contains(out, []byte(raw)) {
			t.Errorf("raw %q left in %s", raw, out)
		}
	}
	if !strings.HasSuffix(m["email"].(string), "@example.com") || m["notes"] != "quote\" back\\slash \x01" {
		t.Errorf("replacements: %s", out)
	}
	// nil replacer copies exactly.
	cp, err := s.AppendJSON(nil, []byte(src), nil)
	if err != nil || string(cp) != src {
		t.Errorf("copy: %v %s", err, cp)
	}
	for _, bad := range []string{``, `{`, `{"a" 1}`, `[1,]`, `"\x"`, `01`, `1.`, `tru`, `{"a":1}x`, "\"a\x01\"", strings.Repeat("[", 2000) + strings.Repeat("]", 2000)} {
		if out, err := s.AppendJSON([]byte("k"), []byte(bad), keyHint{s}); err == nil || string(out) != "k" {
			t.Errorf("malformed %q accepted: %q", bad, out)
		}
	}
}

func TestCache(t *testing.T) {
	tk, _ := NewTokenizer(testKey)
	plain := tk.NewSession()
	cached := tk.WithCache(NewCache(1 << 20)).NewSession()
	for _, v := range []string{"alice@example.com", "bob@example.com", "alice@example.com"} {
		a, _ := plain.AppendToken([]byte("p:"), classify.EmailAddress, []byte(v), false)
		b, _ := cached.AppendToken([]byte("p:"), classify.EmailAddress, []byte(v), false)
		if !bytes.Equal(a, b) {
			t.Fatalf("cache changes tokens: %q %q", a, b)
		}
	}
	if cached.t.cache.fc.EntryCount() != 2 || cached.t.cache.fc.HitCount() != 1 {
		t.Fatalf("entries %d hits %d", cached.t.cache.fc.EntryCount(), cached.t.cache.fc.HitCount())
	}
	// A new key sharing the cache never gets the old key's tokens.
	other, _ := NewTokenizer([]byte("another-key-0123456789"))
	o1, _ := other.NewSession().AppendToken(nil, classify.EmailAddress, []byte("alice@example.com"), false)
	o2, _ := other.WithCache(cached.t.cache).NewSession().AppendToken(nil, classify.EmailAddress, []byte("alice@example.com"), false)
	if !bytes.Equal(o1, o2) {
		t.Fatalf("shared cache returned another key's token: %q vs %q", o2, o1)
	}
	// keep_domain is part of the key.
	a, _ := cached.AppendToken(nil, classify.EmailAddress, []byte("alice@example.com"), true)
	if !strings.HasSuffix(string(a), "@example.com") {
		t.Fatalf("keepDomain ignored by the cache: %q", a)
	}
}

func TestApply(t *testing.T) {
	s := newSession(t)
	be := binary.BigEndian
	cases := []struct {
		a      policy.Action
		typ    classify.Type
		oid    uint32
		format int16
		in     string
		check  func(string) bool
	}{
		{policy.Action{Kind: policy.Allow}, classify.EmailAddress, OIDText, Text, "a@b.com", func(o string) bool { return o == "a@b.com" }},
		{policy.Action{Kind: policy.Tokenize}, classify.EmailAddress, OIDVarchar, Text, "a@b.com", func(o string) bool { return emailRE.MatchString(o) }},
		{policy.Action{Kind: policy.Tokenize, KeepDomain: true}, classify.EmailAddress, OIDBpchar, Text, "a@example.com     ", func(o string) bool {
			return len(o) == 18 && strings.HasSuffix(strings.TrimRight(o, " "), "@example.com") || len(o) == 18 && !strings.Contains(o, "a@")
		}},
		{policy.Action{Kind: policy.Mask, KeepLast: 4}, classify.CreditCard, OIDText, Text, "4111-1111-1111-1234", func(o string) bool { return o == "****-****-****-1234" }},
		{policy.Action{Kind: policy.Redact}, classify.USSSN, OIDText, Text, "123-45-6789", func(o string) bool { return o == "000-00-0000" }},
		{policy.Action{Kind: policy.Hash}, classify.EmailAddress, OIDText, Text, "a@b.com", func(o string) bool { return len(o) == 64 }},
		{policy.Action{Kind: policy.Mask, KeepLast: 2}, classify.PhoneNumber, OIDJSON, Text, `{"p":"555-0199","n":1}`, func(o string) bool { return o == `{"p":"***-**99","n":1}` }},
		{policy.Action{Kind: policy.Redact}, classify.EmailAddress, OIDJSONB, Binary, "\x01[\"a@b.com\"]", func(o string) bool { return o == "\x01[\""+RedactedEmail+"\"]" }},
		{policy.Action{Kind: policy.Hash}, classify.None, OIDInt8, Binary, string(be.AppendUint64(nil, 5)), func(o string) bool { return len(o) == 8 }},
		{policy.Action{Kind: policy.Mask, KeepLast: 4}, classify.DateTime, OIDDate, Text, "1985-07-14", func(o string) bool { return o == "1970-01-01" }},
	}
	for _, c := range cases {
		out, err := s.Apply(nil, c.a, c.typ, c.oid, c.format, []byte(c.in))
		if err != nil || !c.check(string(out)) {
			t.Errorf("Apply(%v, %v, oid %d, %q) = %q, %v", c.a, c.typ, c.oid, c.in, out, err)
		}
	}
	if out, err := s.Apply([]byte("k"), policy.Action{Kind: policy.Redact}, classify.None, 600, Binary, []byte{1}); err == nil || string(out) != "k" {
		t.Errorf("unknown binary type: %q %v", out, err)
	}
}

// TestPhoneKeepsCountryCode: an international number keeps "+" and its
// country code (E.164 lengths), the other digits are replaced exactly as in
// the token of the same digits written without "+".
func TestPhoneKeepsCountryCode(t *testing.T) {
	s := newSession(t)
	for _, c := range []struct{ v, cc string }{
		{"+1 (555) 010-9999", "+1"}, {"+15550109999", "+1"}, {"+44 20 7946 0958", "+44"},
		{"+442079460958", "+44"}, {"+49-30-1234567", "+49"}, {"+353 1 234 5678", "+353"},
		{"+7 495 123 45 67", "+7"}, {"+86 10 1234 5678", "+86"}, {"+358401234567", "+358"},
		{"+880 1712 345678", "+880"}, {"+27 21 123 4567", "+27"}, {" + 33 1 23 45 67 89", " + 33"},
	} {
		x := tok(t, s, classify.PhoneNumber, c.v)
		if !strings.HasPrefix(x, c.cc) || shape(x) != shape(c.v) || x == c.v {
			t.Errorf("phone %q -> %q: want prefix %q and the same shape", c.v, x, c.cc)
			continue
		}
		plain := strings.Replace(c.v, "+", "", 1) // the same digits, not international
		y := tok(t, s, classify.PhoneNumber, plain)
		if xd, yd := digitsOf(x), digitsOf(y); xd[len(digitsOf(c.cc)):] != yd[len(digitsOf(c.cc)):] {
			t.Errorf("phone %q -> %q, %q -> %q: digits after the country code differ", c.v, x, plain, y)
		}
	}
	// Not international: every digit is replaced (the first is not kept).
	same := 0
	for i := range 200 {
		v := fmt.Sprintf("1 (555) 010-%04d", i)
		if tok(t, s, classify.PhoneNumber, v)[0] == '1' {
			same++
		}
	}
	if same > 60 {
		t.Errorf("national numbers: first digit kept %d/200 times", same)
	}
	// Too short after the code to be a number: all digits replaced.
	if x := tok(t, s, classify.PhoneNumber, "+44 12"); len(x) != 6 || x[0] != '+' {
		t.Errorf("+44 12 -> %q", x)
	}
}

func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// TestLongDigitStrings: digit strings longer than one block holds (30
// digits) take the streamed path, whether they start with runs of eight
// digits or not, and give deterministic same-shape tokens.
func TestLongDigitStrings(t *testing.T) {
	s := newSession(t)
	for _, v := range []string{strings.Repeat("1234567890", 8), "+" + strings.Repeat("12345678 ", 9), strings.Repeat("9", 65)} {
		x := tok(t, s, classify.PhoneNumber, v)
		if shape(x) != shape(v) || x != tok(t, s, classify.PhoneNumber, v) {
			t.Errorf("%q -> %q", v, x)
		}
		s.digitsLong(tagDigits, []byte(v))
		want := s.seed
		s.digits(tagDigits, []byte(v))
		if s.seed != want {
			t.Errorf("%q: digits and digitsLong disagree", v)
		}
	}
	// Short strings: the word-at-a-time packing gives the streamed MAC.
	for _, v := range []string{"4111111111111111", "41111111111111112", "1234567", "12345678-9", "4111 1111 1111 1111", "123456781234567812345678123456781234567812345678123456781234",
		strings.Repeat("7", 29), strings.Repeat("7", 30), strings.Repeat("7", 31), "12345678 12345678 12345678 123456", "1234567812345678123456781234567"} {
		s.digitsLong(tagCard, []byte(v))
		want := s.seed
		s.digits(tagCard, []byte(v))
		if s.seed != want {
			t.Errorf("%q: digits and digitsLong disagree", v)
		}
	}
}
