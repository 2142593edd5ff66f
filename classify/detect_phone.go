package classify

// phoneDetector finds PHONE_NUMBER in international (E.164, "+CC ..." or "00CC ...") and
// national formats. National formats are recognised by their grouping, not by a generator's
// habits:
//   - NANP (US, CA, Caribbean): (NXX) NXX-XXXX, NXX-NXX-XXXX, NXX.NXX.XXXX, 1-NXX-NXX-XXXX.
//   - Trunk-prefix plans ("0" + 8..11 digits, with separators): GB, DE, FR, IT landlines, NL,
//     BE, CH, AT, SE, FI, IE, PT?, AU, NZ, JP, KR, TW, IN, PK, TH, MY, ID, PH, VN, TR, IL, EG,
//     ZA, NG, KE, AR, BR ((0xx)), RU ("8 (xxx) xxx-xx-xx").
//   - Closed plans without trunk prefix, 9 digits in 3-3-3 (ES, PL, PT, CZ, SK) or 8 digits in
//     2-2-2-2 / 4-4 (DK, NO, SG, HK), 11-digit Chinese mobiles 1[3-9]x xxxx xxxx, MX 2-4-4.
//   - Extensions: "ext. 123", "x123", "ext 12345" are part of the span.
//
// A bare digit run (no '+', no separators) is reported only where the column or nearby words
// say phone: 10-digit order numbers and Unix timestamps look the same. Dates, IPv4 addresses,
// ISBNs and numbers introduced as order/invoice/SKU/tracking numbers are rejected.
type phoneDetector struct{}

func init() { registerBuiltin(&phoneDetector{}) }

func (*phoneDetector) Name() string       { return "phone" }
func (*phoneDetector) Types() TypeSet     { return SetOf(PhoneNumber) }
func (*phoneDetector) Triggers() Triggers { return Triggers{Bytes: "0123456789", MinDigits: 7} }

var phoneContextWords = newWordList(
	"phone", "tel", "telephone", "mobile", "mob", "cell", "call", "fax", "whatsapp", "sms",
	"text", "contact", "ph", "handy", "telefon", "telefono", "teléfono", "téléphone", "portable",
	"celular", "móvil", "movil", "dial", "ring", "hotline", "reach",
	"called", "calling", "phoned", "texted", "handynummer", "telefonnummer", "telefonisch",
	"rufnummer", "mobil", "bel", "telefone",
	"numeroon", "puhelin", "gsm", "cellulare", "tél", "tlf", "fon", "ou au", "appelez", "appeler",
	"joindre", "joignable", "llamar", "llame", "anrufen", "ligar", "chiamare", "bellen",
	"al numero", "al número", "au numéro", "op nummer", "unter der nummer", "pod numer",
	"pod numerem", "office", "direct line", "landline",
)

// callingCodeList lists the ITU-T E.164 country calling codes (1-3 digits).
var callingCodeList = []int{1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49,
	51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93,
	94, 95, 98, 211, 212, 213, 216, 218, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230,
	231, 232, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 248, 249,
	250, 251, 252, 253, 254, 255, 256, 257, 258, 260, 261, 262, 263, 264, 265, 266, 267, 268,
	269, 290, 291, 297, 298, 299, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370, 371,
	372, 373, 374, 375, 376, 377, 378, 380, 381, 382, 383, 385, 386, 387, 389, 420, 421, 423,
	500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 590, 591, 592, 593, 594, 595, 596, 597,
	598, 599, 670, 672, 673, 674, 675, 676, 677, 678, 679, 680, 681, 682, 683, 685, 686, 687,
	688, 689, 690, 691, 692, 850, 852, 853, 855, 856, 880, 886, 960, 961, 962, 963, 964, 965,
	966, 967, 968, 970, 971, 972, 973, 974, 975, 976, 977, 992, 993, 994, 995, 996, 998}

// callingCodes has bit v set for each calling code v (0..999): a bit test, not a map lookup
// (no hashing, and no per-process hash seed moving the figures). Built once in init;
// read-only afterwards.
var callingCodes [16]uint64

func init() {
	for _, c := range callingCodeList {
		callingCodes[c>>6] |= 1 << (c & 63)
	}
}

// isCallingCode reports whether v (0..999) is a calling code.
func isCallingCode(v int) bool {
	return callingCodes[uint(v>>6)&15]>>(uint(v)&63)&1 != 0
}

// callingCodeLen returns the length of the valid calling code d starts with, or 0.
func callingCodeLen(d []byte) int {
	v := 0
	for i := 0; i < 3 && i < len(d); i++ {
		v = v*10 + int(d[i]-'0')
		if isCallingCode(v) {
			return i + 1
		}
	}
	return 0
}

func (*phoneDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	if e := brCarrierPlaceholder(text, c.Pos, sink); e > 0 {
		return e
	}
	var tb numToken
	t := numTokenAt(text, c.Pos, sink, &tb)
	if t.overflow || t.nd < 7 {
		return t.end
	}
	score := phoneScore(text, t, ctx)
	if score == 0 {
		return t.end
	}
	// Shapes shared with ID numbers (3-3-3 is also a CA_SIN, AU_TFN): phone words before
	// the number settle it.
	if score < 0.8 && t.ng > 1 && phoneHinted(text, t, ctx) {
		score = 0.8
	}
	end := phoneExtension(text, t.end)
	sink.Span(Span{Start: t.start, End: end, Type: PhoneNumber, Score: score})
	return end
}

func phoneScore(text []byte, t *numToken, ctx *Context) float32 {
	d := t.digitsOf()
	nd := t.nd
	if t.isDateLike() || t.isIPv4Like() {
		return 0
	}
	if t.sep == '/' {
		// Only the German/Austrian/Swiss "0171/1234567", "030/12345678".
		if !(t.ng == 2 && d[0] == '0' && d[1] != '0' && nd >= 9 && nd <= 12 && t.groups[0] <= 5) ||
			numNegativeContext(text, t.start) {
			return 0
		}
		return 0.75
	}
	if t.sep == 0xff && !t.paren && !t.plus && !(d[0] == '0' && d[1] == '0') {
		// Mixed separators: only one different separator after the first group ("08-123 456 78",
		// "011 4123-4567", "11 91234-5678") or spaces after the first ("070-123 45 67").
		other := 0
		for k := 2; k < t.ng; k++ {
			if t.seps[k] != t.seps[k-1] {
				other++
			}
		}
		if other > 1 {
			return 0
		}
	}
	// International.
	if t.plus || (d[0] == '0' && d[1] == '0' && t.ng > 1) {
		dd := d
		if !t.plus {
			dd = d[2:]
		}
		ccl := callingCodeLen(dd)
		if ccl == 0 || len(dd) < 8 || len(dd) > 15 {
			return 0
		}
		if !t.plus && (t.groups[0] != 2 && int(t.groups[0]) != 2+ccl || numNegativeContext(text, t.start)) {
			return 0
		}
		return 0.9
	}
	// Amounts and counts written with thousands separators: "250 000 000 EUR", "1 500 000".
	if t.sep == ' ' && (followedByUnit(text, t.end) || thousandsGrouped(t) && allZero(d[nd-3:])) {
		return 0
	}
	if t.sep == '-' && t.ng >= 4 && t.groups[t.ng-1] == 1 && isISBN(d) { // hyphenated ISBN: group-publisher-title-check
		return 0
	}
	if !ctx.expects(PhoneNumber, ColumnPhone) && numNegativeContext(text, t.start) {
		return 0
	}
	if t.ng == 1 {
		// A bare run: only with phone context, and only plausible lengths.
		if !phoneHinted(text, t, ctx) {
			// Not even a bare trunk-prefixed number ("0949998835"): 10-digit order, tracking
			// and reference numbers look the same.
			return 0
		}
		if ctx.expects(PhoneNumber, ColumnPhone) && nd <= 15 {
			return 0.6
		}
		switch {
		case nd == 10 && d[0] >= '2' && d[3] >= '2':
			return 0.6
		case nd == 11 && d[0] == '1' && d[1] >= '2' && d[4] >= '2':
			return 0.6
		case d[0] == '0' && nd >= 9 && nd <= 12:
			return 0.6
		case nd == 11 && d[0] == '1' && d[1] >= '3':
			return 0.6 // CN mobile
		case (nd == 8 || nd == 9) && d[0] != '0':
			return 0.5
		}
		return 0
	}
	// NANP.
	if (t.groupsAre(3, 3, 4) && d[0] >= '2' && d[3] >= '2') ||
		(t.groupsAre(1, 3, 3, 4) && d[0] == '1' && d[1] >= '2' && d[4] >= '2') {
		return 0.85
	}
	// 3-3-4 elsewhere (IT and CO mobiles "3xx xxx xxxx", GR, ...).
	if t.groupsAre(3, 3, 4) && d[0] >= '2' {
		return 0.75
	}
	// A parenthesised area code: "(12) 345 67 89", "(2) 2345 6789", "(601) 234 5678".
	if t.paren && nd >= 8 && nd <= 11 {
		return 0.7
	}
	// Trunk-prefix national formats: 0 + 8..11 digits (12 with an AR mobile "15").
	if d[0] == '0' && d[1] != '0' && nd >= 9 && (nd <= 12 || nd == 13 && t.paren) && t.groups[0] >= 2 {
		if t.groups[0] <= 5 || t.paren {
			return 0.8
		}
	}
	// AU/NZ service numbers "1300 123 456", "1800 123 456", "0800 123 456" is trunk above.
	if t.groupsAre(4, 3, 3) && d[0] == '1' && (d[1] == '3' || d[1] == '8') && d[2] == '0' && d[3] == '0' {
		return 0.7
	}
	// RU/BY/KZ trunk "8 (495) 123-45-67", "8 800 555 35 35".
	if d[0] == '8' && t.groups[0] == 1 && nd == 11 {
		return 0.8
	}
	// FR-style pairs without trunk (e.g. after a country name): 5 groups of 2.
	if t.groupsAre(2, 2, 2, 2, 2) && d[0] == '0' {
		return 0.8
	}
	// CN mobile 1[3-9]x xxxx xxxx.
	if t.groupsAre(3, 4, 4) && d[0] == '1' && d[1] >= '3' {
		return 0.8
	}
	// MX / BR without trunk: 2-4-4, 11 91234-5678.
	if (t.groupsAre(2, 4, 4) || t.groupsAre(2, 5, 4)) && d[0] != '0' && t.seps[1] == ' ' {
		return 0.7
	}
	// IN mobiles "98765 43210".
	if t.groupsAre(5, 5) && d[0] >= '6' && t.sep != '.' {
		return 0.7
	}
	// Closed 9-digit plans (ES, PL, PT, CZ, SK): 3-3-3; 3-2-2-2 (ES); 2-3-2-2 (PL, BE, CH
	// landlines); 3-2-3 (NO mobiles).
	if (t.groupsAre(3, 3, 3) || t.groupsAre(3, 2, 2, 2) || t.groupsAre(2, 3, 2, 2)) && d[0] >= '2' && t.sep != '.' {
		return 0.65
	}
	if t.groupsAre(3, 2, 3) && (d[0] == '4' || d[0] == '9') && t.sep == ' ' {
		return 0.6
	}
	// DK/NO "32 12 34 56", CL "9 1234 5678": spaces only.
	if (t.groupsAre(2, 2, 2, 2) || t.groupsAre(1, 4, 4)) && d[0] != '0' && t.sep == ' ' {
		return 0.55
	}
	// DK/NO 2-2-2-2, SG/HK 4-4: only with context.
	if nd > 12 || t.sep == '.' || !phoneHinted(text, t, ctx) {
		return 0
	}
	if (t.groupsAre(2, 2, 2, 2) || t.groupsAre(4, 4)) && d[0] != '0' {
		return 0.6
	}
	if nd >= 8 {
		return 0.6
	}
	return 0
}

func phoneHinted(text []byte, t *numToken, ctx *Context) bool {
	return ctx.expects(PhoneNumber, ColumnPhone) || wordNearBefore(text, t.start, 32, phoneContextWords)
}

// phoneExtension extends a phone span over a following extension ("ext. 123", " x123",
// " ext 4567", "#12"). It returns the new end.
func phoneExtension(text []byte, end int) int {
	i := end
	if i >= len(text) {
		return end
	}
	if i < len(text) && (text[i] == ' ' || text[i] == ',') {
		i++
		if i < len(text) && text[i] == ' ' {
			i++
		}
	}
	switch {
	case hasPrefixFold(text, i, "ext."):
		i += 4
	case hasPrefixFold(text, i, "x.") && i+2 < len(text) && isDigit(text[i+2]):
		i += 2
	case i+1 < len(text) && text[i] == '#' && isDigit(text[i+1]):
		i++
	case hasPrefixFold(text, i, "ext"):
		i += 3
	case i+1 < len(text) && (text[i]|0x20) == 'x' && isDigit(text[i+1]):
		i++
	case i < len(text) && text[i] == '#' && i == end:
		i++
	default:
		return end
	}
	if i < len(text) && text[i] == ' ' {
		i++
	}
	j := i
	for j < len(text) && j-i < 6 && isDigit(text[j]) {
		j++
	}
	if j == i || !rightBoundary(text, j) {
		return end
	}
	return j
}

// isISBN reports whether d (10 or 13 digits) is a valid ISBN-10 / ISBN-13 (978/979).
func isISBN(d []byte) bool {
	switch len(d) {
	case 13:
		if d[0] != '9' || d[1] != '7' || (d[2] != '8' && d[2] != '9') {
			return false
		}
		s := 0
		for i := 0; i < 13; i++ {
			v := int(d[i] - '0')
			if i%2 == 1 {
				v *= 3
			}
			s += v
		}
		return s%10 == 0
	case 10:
		s := 0
		for i := 0; i < 10; i++ {
			s += (10 - i) * int(d[i]-'0')
		}
		return s%11 == 0
	}
	return false
}

// brCarrierPlaceholder reports Brazilian numbers written with the carrier placeholder,
// "(0xx11) 3639-7789", when the area code's first digit is at p. It returns the span's end, or
// 0 if the text is not in that form.
func brCarrierPlaceholder(text []byte, p int, sink Sink) int {
	if p < 4 || text[p-4] != '(' || text[p-3] != '0' || text[p-2]|0x20 != 'x' || text[p-1]|0x20 != 'x' {
		return 0
	}
	i := p
	for i < len(text) && isDigit(text[i]) && i-p < 3 {
		i++
	}
	if i-p != 2 || i >= len(text) || text[i] != ')' {
		return 0
	}
	i++
	for i < len(text) && text[i] == ' ' {
		i++
	}
	if i >= len(text) || !isDigit(text[i]) {
		return 0
	}
	var t numToken
	parseNumToken(text, i, &t)
	if t.overflow || t.nd < 8 || t.nd > 9 || t.ng > 2 {
		return 0
	}
	sink.Span(Span{Start: p - 4, End: t.end, Type: PhoneNumber, Score: 0.8})
	return t.end
}

// unitWords follow numbers that are amounts or counts, not phone numbers.
var unitWords = newWordList("eur", "euro", "euros", "usd", "dollar", "dollars", "gbp", "chf", "pln",
	"kr", "sek", "nok", "dkk", "jpy", "yen", "inr", "rupees", "zł", "zl", "km", "kg", "t", "m", "mb",
	"gb", "people", "persons", "habitants", "inhabitants", "einwohner", "units", "items", "tonnes",
	"tons", "barrels", "bytes", "votes", "views", "users", "€", "$", "£", "¥")

// followedByUnit reports whether a currency or unit word or sign follows the number ending at e.
func followedByUnit(text []byte, e int) bool {
	i := e
	for i < len(text) && i-e < 2 && text[i] == ' ' {
		i++
	}
	if i >= len(text) {
		return false
	}
	end := i
	for end < len(text) && end-i < 16 && text[end] != ' ' && text[end] != ',' && text[end] != '.' && text[end] != ')' {
		end++
	}
	return wordNearBefore(text, end, end-i, unitWords)
}

func allZero(d []byte) bool {
	for _, c := range d {
		if c != '0' {
			return false
		}
	}
	return true
}

// thousandsGrouped reports whether every group after the first has 3 digits ("1 500 000").
func thousandsGrouped(t *numToken) bool {
	for k := 1; k < t.ng; k++ {
		if t.groups[k] != 3 {
			return false
		}
	}
	return t.groups[0] <= 3
}
