package classify

import (
	"fmt"
	"math/big"
	"math/rand"
	"strings"
	"testing"
)

// TestRecallGenerated generates valid values of the structured types in their real-world
// formats (check digits computed here, independently of the detectors' validators), places them
// bare and in sentences, and requires the detector to report the value exactly: recall at least
// 0.99 for checksum-validated types and 0.97 for the rest.
func TestRecallGenerated(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + r.Intn(10))
		}
		return string(b)
	}
	luhnComplete := func(prefix string, n int) string {
		d := prefix + digits(n-len(prefix)-1)
		for c := byte('0'); c <= '9'; c++ {
			s, dbl := 0, false
			x := d + string(c)
			for i := len(x) - 1; i >= 0; i-- {
				v := int(x[i] - '0')
				if dbl {
					v *= 2
					if v > 9 {
						v -= 9
					}
				}
				s += v
				dbl = !dbl
			}
			if s%10 == 0 {
				return x
			}
		}
		panic("unreachable")
	}
	group := func(s string, sep string, gs ...int) string {
		var parts []string
		for _, g := range gs {
			parts = append(parts, s[:g])
			s = s[g:]
		}
		return strings.Join(parts, sep)
	}
	iban := func(cc string, bban string) string {
		num := ""
		for _, c := range bban + cc + "00" {
			if c >= 'A' && c <= 'Z' {
				num += fmt.Sprint(int(c-'A') + 10)
			} else {
				num += string(c)
			}
		}
		n, _ := new(big.Int).SetString(num, 10)
		check := 98 - new(big.Int).Mod(n, big.NewInt(97)).Int64()
		return fmt.Sprintf("%s%02d%s", cc, check, bban)
	}
	ibanSpaced := func(s string) string {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if i > 0 && i%4 == 0 {
				b.WriteByte(' ')
			}
			b.WriteByte(s[i])
		}
		return b.String()
	}
	type gen struct {
		t    Type
		min  float64
		make func() string
	}
	gens := []gen{
		{CreditCard, 0.99, func() string { return group(luhnComplete("4", 16), " ", 4, 4, 4, 4) }},
		{CreditCard, 0.99, func() string { return luhnComplete(fmt.Sprint(51+r.Intn(5)), 16) }},
		{CreditCard, 0.99, func() string { return group(luhnComplete("37", 15), " ", 4, 6, 5) }},
		{CreditCard, 0.99, func() string { return group(luhnComplete("6011", 16), "-", 4, 4, 4, 4) }},
		{CreditCard, 0.99, func() string { return luhnComplete(fmt.Sprint(2221+r.Intn(500)), 16) }},
		{CreditCard, 0.99, func() string { return luhnComplete(fmt.Sprint(3528+r.Intn(62)), 16) }},
		{IBANCode, 0.99, func() string { return iban("DE", digits(18)) }},
		{IBANCode, 0.99, func() string { return ibanSpaced(iban("GB", "NWBK"+digits(14))) }},
		{IBANCode, 0.99, func() string { return ibanSpaced(iban("FR", digits(23))) }},
		{IBANCode, 0.99, func() string { return iban("ES", digits(20)) }},
		{IBANCode, 0.99, func() string { return strings.ToLower(iban("NL", "ABNA"+digits(10))) }},
		{IBANCode, 0.99, func() string { return ibanSpaced(iban("IT", "X"+digits(22))) }},
		{USSSN, 0.99, func() string {
			a := 1 + r.Intn(665)
			return fmt.Sprintf("%03d-%02d-%04d", a, 1+r.Intn(99), 1+r.Intn(9999))
		}},
		{IPAddress, 0.97, func() string {
			return fmt.Sprintf("%d.%d.%d.%d", 1+r.Intn(223), r.Intn(256), r.Intn(256), r.Intn(256))
		}},
		{IPAddress, 0.97, func() string {
			var gs []string
			for i := 0; i < 8; i++ {
				gs = append(gs, fmt.Sprintf("%x", r.Intn(65536)))
			}
			if r.Intn(2) == 0 {
				return strings.Join(gs[:3], ":") + "::" + gs[7]
			}
			return strings.Join(gs, ":")
		}},
		{MACAddress, 0.97, func() string {
			var gs []string
			for i := 0; i < 6; i++ {
				gs = append(gs, fmt.Sprintf("%02x", r.Intn(256)))
			}
			return strings.Join(gs, []string{":", "-"}[r.Intn(2)])
		}},
		{EmailAddress, 0.97, func() string {
			users := []string{"john.smith", "j_doe", "maria.garcia+news", "li.wei", "o'connor", "user123", "first.m.last", "zoë.müller"}
			doms := []string{"gmail.com", "example.co.uk", "mail.company.org", "uni-heidelberg.de", "yahoo.fr", "bücher.de", "sub.domain.io"}
			return users[r.Intn(len(users))] + "@" + doms[r.Intn(len(doms))]
		}},
		{PhoneNumber, 0.97, func() string {
			a, e := 2+r.Intn(8), 2+r.Intn(8)
			f := []string{"(%d%s) %d%s-%s", "%d%s-%d%s-%s", "%d%s.%d%s.%s", "+1 %d%s %d%s %s", "+1-%d%s-%d%s-%s"}
			return fmt.Sprintf(f[r.Intn(len(f))], a, digits(2), e, digits(2), digits(4))
		}},
		{PhoneNumber, 0.97, func() string {
			f := []func() string{
				func() string { return "+44 20 " + digits(4) + " " + digits(4) },
				func() string { return "07" + digits(3) + " " + digits(6) },
				func() string { return "+49 " + fmt.Sprint(30+r.Intn(60)) + " " + digits(7) },
				func() string { return "0" + fmt.Sprint(1+r.Intn(5)) + " " + group(digits(8), " ", 2, 2, 2, 2) },
				func() string { return "+33 " + fmt.Sprint(1+r.Intn(7)) + " " + group(digits(8), " ", 2, 2, 2, 2) },
				func() string { return "+39 0" + digits(1) + " " + digits(4) + " " + digits(4) },
				func() string { return "+34 " + fmt.Sprint(6+r.Intn(2)) + digits(2) + " " + digits(3) + " " + digits(3) },
				func() string { return "+81 " + fmt.Sprint(3+r.Intn(6)) + "-" + digits(4) + "-" + digits(4) },
				func() string { return "+91 9" + digits(4) + " " + digits(5) },
				func() string { return "+61 4" + digits(2) + " " + digits(3) + " " + digits(3) },
				func() string { return "+55 11 9" + digits(4) + "-" + digits(4) },
				func() string { return "+86 13" + digits(1) + " " + digits(4) + " " + digits(4) },
				func() string { return "+7 9" + digits(2) + " " + digits(3) + "-" + digits(2) + "-" + digits(2) },
				func() string { return "+31 6 " + digits(8) },
				func() string { return "+46 8 " + digits(3) + " " + digits(2) + " " + digits(2) },
				func() string { return "+27 " + fmt.Sprint(60+r.Intn(30)) + " " + digits(3) + " " + digits(4) },
				func() string { return "+52 55 " + digits(4) + " " + digits(4) },
				func() string { return "+82 10-" + digits(4) + "-" + digits(4) },
				func() string { return "+65 " + fmt.Sprint(8+r.Intn(2)) + digits(3) + " " + digits(4) },
				func() string { return "+353 8" + digits(1) + " " + digits(3) + " " + digits(4) },
				func() string { return "+48 " + fmt.Sprint(5+r.Intn(4)) + digits(2) + " " + digits(3) + " " + digits(3) },
				func() string { return "+90 5" + digits(2) + " " + digits(3) + " " + digits(2) + " " + digits(2) },
				func() string { return "+234 80" + digits(1) + " " + digits(3) + " " + digits(4) },
				func() string { return "+62 81" + digits(1) + "-" + digits(4) + "-" + digits(4) },
				func() string { return "+63 9" + digits(2) + " " + digits(3) + " " + digits(4) },
				func() string { return "+84 9" + digits(1) + " " + digits(3) + " " + digits(2) + " " + digits(2) },
				func() string { return "+20 10 " + digits(4) + " " + digits(4) },
				func() string { return "+41 44 " + digits(3) + " " + digits(2) + " " + digits(2) },
				func() string { return "+43 1 " + digits(7) },
				func() string { return "+32 4" + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2) },
				func() string { return "+351 9" + digits(2) + " " + digits(3) + " " + digits(3) },
				func() string { return "+30 69" + digits(1) + " " + digits(3) + " " + digits(4) },
				func() string { return "+972 5" + digits(1) + "-" + digits(3) + "-" + digits(4) },
				func() string { return "+64 21 " + digits(3) + " " + digits(4) },
			}
			return f[r.Intn(len(f))]()
		}},
		{Crypto, 0.99, func() string {
			return []string{"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "0x" + strings.Repeat("ab12", 10)}[r.Intn(4)]
		}},
	}
	sc := Default()
	contexts := []string{"%s", "Contact: %s.", "please use %s for this", "(%s)", "details - %s, thanks"}
	for gi, g := range gens {
		const n = 400
		hit := 0
		var miss string
		for i := 0; i < n; i++ {
			v := g.make()
			c := contexts[i%len(contexts)]
			text := fmt.Sprintf(c, v)
			start := strings.Index(text, v)
			var buf SpanBuffer
			sc.Scan([]byte(text), Context{Column: ColumnFreeText}, &buf)
			found := false
			for _, s := range buf.Spans {
				if s.Type == g.t && s.Start == start && s.End == start+len(v) {
					found = true
				}
			}
			if found {
				hit++
			} else if miss == "" {
				miss = fmt.Sprintf("%q: got %s", text, fmtSpans(text, buf.Spans))
			}
		}
		if rec := float64(hit) / n; rec < g.min {
			t.Errorf("gen %d %s: recall %.3f < %.2f, e.g. %s", gi, g.t, rec, g.min, miss)
		}
	}
}
