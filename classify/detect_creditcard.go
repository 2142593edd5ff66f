package classify

// creditCardDetector finds CREDIT_CARD: 12-19 digits, bare or grouped by spaces or dashes
// (4-4-4-4, 4-6-5, 4-6-4, 4-4-4-4-3, ...), with a Luhn check digit and an issuer prefix (IIN)
// whose brand allows that length: Visa, Mastercard (51-55, 2221-2720), Amex, Discover,
// JCB, Diners, UnionPay, Maestro, Mir, RuPay, Troy, Verve, Elo, Hipercard.
type creditCardDetector struct{}

func init() { registerBuiltin(&creditCardDetector{}) }

func (*creditCardDetector) Name() string   { return "creditcard" }
func (*creditCardDetector) Types() TypeSet { return SetOf(CreditCard) }
func (*creditCardDetector) Triggers() Triggers {
	return Triggers{Bytes: "0123456789", MinDigits: 12, NumDigits: 1<<20 - 1<<12, NumPlain: true}
}

var cardContextWords = newWordList("card", "credit", "debit", "visa", "mastercard", "amex", "cc", "pan", "payment", "kreditkarte", "tarjeta", "carte")

func prefixNum(d []byte, n int) int {
	v := 0
	for i := 0; i < n && i < len(d); i++ {
		v = v*10 + int(d[i]-'0')
	}
	return v
}

// cardBrandOK reports whether d's prefix belongs to a brand that issues numbers of len(d).
func cardBrandOK(d []byte) bool {
	n := len(d)
	p1, p2, p3, p4, p6 := prefixNum(d, 1), prefixNum(d, 2), prefixNum(d, 3), prefixNum(d, 4), prefixNum(d, 6)
	switch {
	case p1 == 4: // Visa (and Electron)
		return n == 13 || n == 16 || n == 19
	case p2 >= 51 && p2 <= 55, p4 >= 2221 && p4 <= 2720: // Mastercard
		return n == 16
	case p2 == 34 || p2 == 37: // Amex
		return n == 15
	case p4 == 6011, p3 >= 644 && p3 <= 649, p2 == 65: // Discover (and RuPay 65)
		return n >= 16 && n <= 19
	case p6 >= 622126 && p6 <= 622925, p2 == 62, p2 == 81: // UnionPay
		return n >= 16 && n <= 19
	case p4 >= 3528 && p4 <= 3589: // JCB
		return n >= 16 && n <= 19
	case p4 == 2131 || p4 == 1800: // JCB (old 15-digit ranges)
		return n == 15
	case p3 >= 300 && p3 <= 305, p2 == 36, p2 == 38, p2 == 39, p4 == 3095: // Diners
		return n >= 14 && n <= 19
	case p4 >= 2200 && p4 <= 2204: // Mir
		return n >= 16 && n <= 19
	case p2 == 60, p2 == 82, p3 == 508, p3 == 353, p3 == 356: // RuPay
		return n == 16
	case p4 == 9792: // Troy
		return n == 16
	case p6 >= 506099 && p6 <= 506198, p6 >= 650002 && p6 <= 650027: // Verve
		return n == 16 || n == 19
	case p4 == 6062, p4 == 3841: // Hipercard
		return n == 16 || n == 19
	case p2 == 50, p2 >= 56 && p2 <= 69, p1 == 6: // Maestro and other 6-prefix debit
		return n >= 12 && n <= 19
	}
	return false
}

// cardGrouping accepts the ways card numbers are printed: every group 4 digits but a shorter
// last one (4-4-4-4, 4-4-4-1, 4-4-4-4-3), Amex 4-6-5, Diners 4-6-4, and 3-7 digit groups.
func cardGrouping(t *numToken) bool {
	every4 := true
	for i := 0; i < t.ng-1; i++ {
		if t.groups[i] != 4 {
			every4 = false
		}
	}
	if every4 && t.groups[t.ng-1] >= 1 && t.groups[t.ng-1] <= 4 {
		return true
	}
	for i := 0; i < t.ng; i++ {
		if t.groups[i] < 3 || t.groups[i] > 7 {
			return false
		}
	}
	return true
}

// eanValid reports whether d (12 or 13 digits) has a valid EAN-13 / UPC-A check digit.
func eanValid(d []byte) bool {
	s := 0
	n := len(d)
	for i := 0; i < n-1; i++ {
		w := 1
		if (n-1-i)%2 == 1 {
			w = 3
		}
		s += w * int(d[i]-'0')
	}
	return (10-s%10)%10 == int(d[n-1]-'0')
}

func (*creditCardDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	var tb numToken
	t := numTokenAt(text, c.Pos, sink, &tb)
	if t.overflow || t.nd < 12 || t.nd > 19 || t.plus || t.paren {
		return t.end
	}
	d := t.digitsOf()
	if t.ng > 1 {
		if t.sep != ' ' && t.sep != '-' {
			return t.end
		}
		if t.groups[0] != 4 || !cardGrouping(t) {
			return t.end
		}
	}
	if !luhnValid(d) || !cardBrandOK(d) || allSame(d) {
		return t.end
	}
	hinted := ctx.expects(CreditCard, ColumnCreditCard) || wordNearBefore(text, t.start, 32, cardContextWords)
	// A bare 13-digit EAN or 12-digit UPC barcode can pass Luhn too; without card context it
	// is a barcode.
	if !hinted && t.ng == 1 && (t.nd == 13 || t.nd == 12) && eanValid(d) {
		return t.end
	}
	if !hinted && numNegativeContext(text, t.start) {
		return t.end
	}
	score := float32(0.9)
	if t.ng == 1 && !hinted {
		score = 0.8
	}
	if hinted {
		score = 1
	}
	sink.Span(Span{Start: t.start, End: t.end, Type: CreditCard, Score: score})
	return t.end
}
