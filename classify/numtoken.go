package classify

// numToken is a run of digit groups joined by single separators, parsed from a trigger digit:
// "+1 (555) 123-4567", "4111 1111 1111 1111", "123-45-6789", "046 454 286". Numeric detectors
// parse it on the stack and read digits, group lengths and separators from it.
type numToken struct {
	start, end int  // text[start:end], leading '+'/'(' included, trailing separators excluded
	first      int  // offset of the first digit (the trigger)
	plus       bool // leading '+'
	paren      bool // a group was in parentheses
	digits     [maxNumDigits]byte
	nd         int
	groups     [maxNumGroups]uint8 // digits per group
	seps       [maxNumGroups]byte  // separator before group i (0 for the first; '(' / ')' kept)
	ng         int
	sep        byte // the separator if all are the same (ignoring parentheses), else 0xff; 0 if none
	overflow   bool // more digits or groups than fit, or glued to a longer alphanumeric token
}

const (
	maxNumDigits = 24
	maxNumGroups = 12
)

func isNumSep(c byte) bool { return c == ' ' || c == '-' || c == '.' || c == '/' }

// numTokenAt returns the token whose first digit is at pos. Inside a Scan (sink is the scan's
// state) the numeric detectors share one parse per token; otherwise it parses into t.
func numTokenAt(text []byte, pos int, sink Sink, t *numToken) *numToken {
	if st, ok := sink.(*scanState); ok {
		if !st.tokOK || st.tok.first != pos {
			parseNumToken(text, pos, &st.tok)
			st.tokOK = true
		}
		return &st.tok
	}
	parseNumToken(text, pos, t)
	return t
}

// parseNumToken parses the token whose first digit is at pos (text[pos] must be a digit).
func parseNumToken(text []byte, pos int, t *numToken) {
	*t = numToken{first: pos}
	start := pos
	// "(" opens an area code only if ")" closes it after at most 5 digits: "(555) 123-4567",
	// "(0)20"; in "(4111 1111 ...)" it is prose punctuation and stays outside the token.
	if start > 0 && text[start-1] == '(' {
		j := pos
		for j < len(text) && isDigit(text[j]) && j-pos <= 5 {
			j++
		}
		if j < len(text) && text[j] == ')' && j-pos <= 5 {
			start--
			t.paren = true
		}
	}
	if start > 0 && text[start-1] == '+' {
		start--
		t.plus = true
		// "(+44) 20 7946 0958": the calling code in parentheses.
		if start > 0 && text[start-1] == '(' {
			j := pos
			for j < len(text) && isDigit(text[j]) && j-pos <= 3 {
				j++
			}
			if j < len(text) && text[j] == ')' {
				start--
				t.paren = true
			}
		}
	}
	t.start = start
	// Glued on the left ("ORD-2024", "a716-4466", "v1.2"), or a negative number ("-4322...")?
	if start > 0 {
		c := text[start-1]
		if isWordByte(c) {
			t.overflow = true
		} else if (c == '-' || c == '.' || c == '/' || c == ':') && start > 1 && isAlnum(text[start-2]) {
			t.overflow = true
		} else if c == '-' && !t.plus && !t.paren && (start == 1 || text[start-2] == ' ' || text[start-2] == '=' || text[start-2] == '(' || text[start-2] == ':' || text[start-2] == ',' || text[start-2] == '[') {
			t.overflow = true
		}
	}
	i := pos
	n := len(text)
	lastEnd := pos
	opened := t.paren // the current group follows a '(' that we took into the token
	for {
		// One digit group.
		if t.ng == maxNumGroups {
			t.overflow = true
			break
		}
		g := 0
		for i < n && isDigit(text[i]) {
			if t.nd < maxNumDigits {
				t.digits[t.nd] = text[i]
				t.nd++
			} else {
				t.overflow = true
			}
			g++
			i++
		}
		if g > 255 {
			g = 255
		}
		t.groups[t.ng] = uint8(g)
		t.ng++
		lastEnd = i
		closed := false
		if i < n && text[i] == ')' && opened {
			i++
			lastEnd = i
			closed = true
		}
		opened = false
		// Separator: one of " -./", optionally with a parenthesis: " (", ") ", ")".
		j := i
		var sc byte
		if j < n && isNumSep(text[j]) {
			sc = text[j]
			j++
		}
		if j < n && text[j] == '(' && j+1 < n && isDigit(text[j+1]) {
			k := j + 1
			for k < n && isDigit(text[k]) && k-j <= 6 {
				k++
			}
			if k < n && text[k] == ')' {
				if sc == 0 {
					sc = '('
				}
				t.paren = true
				opened = true
				j++
			}
		}
		if j == i && closed && j < n && isDigit(text[j]) {
			sc = ')' // "(555)555-1234"
		} else if j == i || j >= n || !isDigit(text[j]) || t.overflow {
			break // a token glued on the left ("mc2 ...") stops after its first group
		}
		if t.ng == maxNumGroups {
			t.overflow = true
			break
		}
		t.seps[t.ng] = sc
		if sc != '(' {
			switch {
			case t.sep == 0:
				t.sep = sc
			case t.sep != sc:
				t.sep = 0xff
			}
		}
		i = j
	}
	t.end = lastEnd
	// Glued on the right ("1.2.3-beta", "12345abc")?
	if e := t.end; e < n {
		c := text[e]
		if isPhoneExtension(text, e) {
			// "555-555-1234x123", "ext.12": an extension, not a glued token.
		} else if isWordByte(c) {
			t.overflow = true
		} else if (c == '-' || c == '.' || c == '/' || c == ':' || c == ',') && e+1 < n && isAlnum(text[e+1]) {
			t.overflow = true
		}
	}
}

// isPhoneExtension reports whether text[e:] starts an extension glued to a number: "x123",
// "ext123", "ext.123".
func isPhoneExtension(text []byte, e int) bool {
	switch {
	case hasPrefixFold(text, e, "ext."):
		e += 4
	case hasPrefixFold(text, e, "ext"):
		e += 3
	case e < len(text) && text[e]|0x20 == 'x':
		e++
	default:
		return false
	}
	return e < len(text) && isDigit(text[e])
}

// digitsOf returns the token's digits.
func (t *numToken) digitsOf() []byte { return t.digits[:t.nd] }

// groupsAre reports whether the group lengths are exactly gs.
func (t *numToken) groupsAre(gs ...uint8) bool {
	if t.ng != len(gs) {
		return false
	}
	for i, g := range gs {
		if t.groups[i] != g {
			return false
		}
	}
	return true
}

// numNegativeWords precede numbers that are not PII: order and invoice numbers, SKUs,
// tracking numbers, versions.
var numNegativeWords = newWordList(
	"order", "invoice", "inv", "sku", "part", "item", "ref", "reference", "tracking", "isbn",
	"model", "serial", "version", "ver", "ticket", "po", "build", "batch", "lot", "case",
	"transaction", "txn", "confirmation", "shipment", "product", "article", "art", "ean", "upc",
	"barcode", "gtin", "scanned", "mpn", "pn", "artikel", "artikelnummer", "sendungsnummer", "awb",
	"waybill", "bestellnummer", "bestellung", "commande", "pedido", "ordine", "rma", "asin", "sn",
)

// numNegativeContext reports whether the number at start is introduced as a non-PII number:
// a '#' right before it or one of numNegativeWords within 24 bytes before.
func numNegativeContext(text []byte, start int) bool {
	k := start - 1
	for k >= 0 && (text[k] == ' ' || text[k] == ':') {
		k--
	}
	if k >= 0 && text[k] == '#' {
		return true
	}
	if k >= 1 && (text[k] == '.' && (text[k-1]|0x20) == 'o' && k >= 2 && (text[k-2]|0x20) == 'n') {
		// "No." / "no." — ambiguous ("Tel. No."), only negative after a negative word.
		return wordNearBefore(text, k-2, 24, numNegativeWords)
	}
	return wordNearBefore(text, start, 24, numNegativeWords)
}

// isDateLike reports whether the token reads as a calendar date (2024-01-15, 15.01.2024,
// 01/15/2024, 15/01/24).
func (t *numToken) isDateLike() bool {
	if t.ng != 3 || t.sep == 0 || t.sep == 0xff || t.sep == ' ' || t.plus || t.paren {
		return false
	}
	d := t.digitsOf()
	g0, g1, g2 := int(t.groups[0]), int(t.groups[1]), int(t.groups[2])
	num := func(b []byte) int {
		v := 0
		for _, c := range b {
			v = v*10 + int(c-'0')
		}
		return v
	}
	a := num(d[:g0])
	b := num(d[g0 : g0+g1])
	c := num(d[g0+g1:])
	switch {
	case g0 == 4 && g1 <= 2 && g2 <= 2:
		return b >= 1 && b <= 12 && c >= 1 && c <= 31
	case g0 <= 2 && g1 <= 2 && (g2 == 4 || g2 == 2):
		return a >= 1 && b >= 1 && (a <= 12 && b <= 31 || a <= 31 && b <= 12)
	}
	_ = c
	return false
}

// isIPv4Like reports whether the token is four dot-separated groups of 1-3 digits.
// (Five dotted pairs starting with 0 are a French phone number, "06.12.34.56.78".)
func (t *numToken) isIPv4Like() bool {
	if t.ng != 4 || t.sep != '.' {
		return false
	}
	for i := 0; i < t.ng; i++ {
		if t.groups[i] > 3 {
			return false
		}
	}
	return true
}
