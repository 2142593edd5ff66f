package classify

// genericSecretDetector finds GENERIC_SECRET: a value assigned to a key that
// names a credential (secret, token, api_key, access_key, credential, ...),
// or following "Bearer"/"Basic", that looks random: at least 16 bytes of
// token characters, Shannon entropy >= genericMinEntropy bits per byte and
// a class-change rate >= genericMinChanges (see randomLooking). The
// thresholds were measured by TestGenericSecretThresholds on random keys
// (base62, hex, base64, base64url, upper+digits; 16-64 bytes) against
// identifiers built from dictionary words (snake, kebab, dotted, camel case,
// with numbers): about 99% of keys pass and 0.01% of identifiers.
type genericSecretDetector struct{}

func init() { registerBuiltin(&genericSecretDetector{}) }

const (
	genericMinLen     = 16
	genericMinEntropy = 3.0
	genericMinChanges = 0.15
)

var genericKeywords = []string{"secret", "token", "api_key", "apikey", "api-key", "access_key", "accesskey",
	"auth_key", "authkey", "credential", "private_key", "signing_key", "encryption_key", "bearer ", "basic "}

func (*genericSecretDetector) Name() string       { return "generic_secret" }
func (*genericSecretDetector) Types() TypeSet     { return SetOf(GenericSecret) }
func (*genericSecretDetector) Triggers() Triggers { return Triggers{Keywords: genericKeywords} }

func genericValueStop(c byte) bool { return !secTokenByte(c) }

func (*genericSecretDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	var vs, ve int
	if kw := genericKeywords[c.Keyword]; kw == "bearer " || kw == "basic " {
		if c.Pos > 0 && isWordByte(text[c.Pos-1]) {
			return c.End
		}
		vs = c.End
		for vs < len(text) && text[vs] == ' ' {
			vs++
		}
		ve = secTokenEnd(text, vs, 4096, secTokenByte)
	} else {
		ke := secKeyEnd(text, c.End)
		var kind secAssignKind
		vs, ve, _, kind = secAssignment(text, ke, genericValueStop)
		if kind == secAssignNone {
			return ke
		}
		// A quoted value must be one token.
		e := secTokenEnd(text, vs, ve-vs, secTokenByte)
		if e != ve {
			return ke
		}
	}
	for ve > vs && text[ve-1] == '.' {
		ve--
	}
	v := text[vs:ve]
	if len(v) < genericMinLen || len(v) > 4096 || !randomLooking(v) {
		return c.End
	}
	sink.Span(Span{Start: vs, End: ve, Type: GenericSecret, Score: 0.8})
	return ve
}

// randomLooking: entropy and class changes of a random token, not of words.
// Class changes are counted between consecutive ASCII letters and digits
// (separators skipped), except where a word starts: upper to lower, and
// lower to upper when a lower-case letter follows (camelCase). Random base62
// changes class about 40% of the time, hex 47%; identifiers made of words
// change only where digits start or end.
func randomLooking(v []byte) bool {
	if shannonEntropy(v) < genericMinEntropy {
		return false
	}
	return classChangeRate(v) >= genericMinChanges
}

func secClass(c byte) int {
	switch {
	case isLower(c):
		return 0
	case isUpper(c):
		return 1
	case isDigit(c):
		return 2
	}
	return -1
}

func classChangeRate(v []byte) float64 {
	prev := -1
	pairs, changes := 0, 0
	for i, c := range v {
		k := secClass(c)
		if k < 0 {
			continue
		}
		if prev >= 0 {
			pairs++
			switch {
			case k == prev, prev == 1 && k == 0:
			case prev == 0 && k == 1 && secNextClass(v, i+1) == 0: // camelCase word start
			default:
				changes++
			}
		}
		prev = k
	}
	if pairs == 0 {
		return 0
	}
	return float64(changes) / float64(pairs)
}

// secNextClass is the class of the next letter or digit from i, or -1.
func secNextClass(v []byte, i int) int {
	for ; i < len(v); i++ {
		if k := secClass(v[i]); k >= 0 {
			return k
		}
	}
	return -1
}
