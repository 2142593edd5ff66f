package classify

// ibanDetector finds IBAN_CODE: a country code, two check digits and the country's BBAN length
// (ISO 13616 registry), in any case, bare or in groups of four separated by single spaces or
// dashes, confirmed by the ISO 7064 mod-97 check. Triggered by the first check digit.
type ibanDetector struct{}

func init() { registerBuiltin(&ibanDetector{}) }

func (*ibanDetector) Name() string   { return "iban" }
func (*ibanDetector) Types() TypeSet { return SetOf(IBANCode) }
func (*ibanDetector) Triggers() Triggers {
	// The first check digit: a letter of the country code before, the second digit after.
	return Triggers{Bytes: "0123456789", MinDigits: 2, Before: gateAlpha, After: gateDigit, SkipWord: true}
}

// ibanLengths maps a country code (two lowercase letters, packed as a<<8|b) to the IBAN length.
var ibanLengths = map[uint16]uint8{}

func init() {
	const reg = "AD24AE23AL28AT20AZ28BA20BE16BG22BH22BI27BR29BY28CH21CR22CY28CZ24DE22DJ27DK18DO28EE20EG29" +
		"ES24FI18FK18FO18FR27GB22GE22GI23GL18GR27GT28HR21HU28IE22IL23IQ23IS26IT27JO30KW30KZ20LB28" +
		"LC32LI21LT20LU20LV21LY25MC27MD24ME22MK19MN20MR27MT31MU30NI28NL18NO15OM23PK24PL28PS29PT25" +
		"QA29RO24RS22RU33SA24SC31SD18SE24SI19SK24SM27SO23ST25SV28TL23TN24TR26UA29VA22VG24XK20YE30" +
		"DZ26AO25BJ28BF28CM27CV25CF27TD27KM27CG27CI28GQ27GA27GW25IR26MG27ML28MA28MZ25NE28SN28"
	for i := 0; i+4 <= len(reg); i += 4 {
		k := uint16(reg[i]|0x20)<<8 | uint16(reg[i+1]|0x20)
		ibanLengths[k] = uint8((reg[i+2]-'0')*10 + reg[i+3] - '0')
	}
}

func ibanCharValue(c byte) int {
	if isDigit(c) {
		return int(c - '0')
	}
	return int(c|0x20-'a') + 10
}

func (*ibanDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	// The trigger must be the first check digit: two letters before it, a digit after it.
	if p < 2 || p+1 >= len(text) || !isDigit(text[p+1]) || !isAlpha(text[p-1]) || !isAlpha(text[p-2]) ||
		!leftBoundary(text, p-2) {
		return skipAlnum(text, p)
	}
	// Country codes are written in one case.
	if isUpper(text[p-2]) != isUpper(text[p-1]) {
		return p + 2
	}
	want, ok := ibanLengths[uint16(text[p-2]|0x20)<<8|uint16(text[p-1]|0x20)]
	if !ok {
		return p + 2
	}
	// Collect the characters: first 4 in place, then the BBAN with optional single separators.
	var buf [34]byte
	buf[0], buf[1], buf[2], buf[3] = text[p-2], text[p-1], text[p], text[p+1]
	n := 4
	i := p + 2
	var sep byte
	grouped := false
	for n < int(want) && i < len(text) {
		ch := text[i]
		if isAlnum(ch) {
			buf[n] = ch
			n++
			i++
			continue
		}
		if (ch == ' ' || ch == '-') && n%4 == 0 && i+1 < len(text) && isAlnum(text[i+1]) {
			if sep == 0 {
				if n != 4 { // grouped IBANs separate "DE89" from the BBAN; "ee5432a8-..." is a UUID
					break
				}
				sep = ch
			} else if sep != ch {
				break
			}
			grouped = true
			i++
			continue
		}
		break
	}
	if n != int(want) || !rightBoundary(text, i) || (i+1 < len(text) && (text[i] == '-' || text[i] == '.') && isAlnum(text[i+1])) {
		return p + 2
	}
	_ = grouped
	// BBAN letters must share the country code's case family only loosely; reject mixed
	// lower/upper BBANs that are more likely words.
	// mod 97 over BBAN + country + check digits.
	rem := 0
	for k := 4; k < n+4; k++ {
		v := ibanCharValue(buf[k%n])
		if v >= 10 {
			rem = (rem*100 + v) % 97
		} else {
			rem = (rem*10 + v) % 97
		}
	}
	if rem != 1 {
		return p + 2
	}
	sink.Span(Span{Start: p - 2, End: i, Type: IBANCode, Score: 1})
	return i
}
