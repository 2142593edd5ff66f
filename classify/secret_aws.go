package classify

// awsDetector finds AWS_ACCESS_KEY (access key IDs: AKIA/ASIA/ABIA/ACCA and
// 16 base32 characters) and AWS_SECRET_KEY (40 characters of base64 with
// mixed case and digits, within 100 bytes after an "aws" keyword, e.g.
// aws_secret_access_key = ..., or standalone in a column whose name says it
// holds AWS secret keys: aws_secret_access_key, secret_access_key, aws_secret).
//
// The bare form has no keyword to trigger on, so the detector also takes the
// digits the scanner already triggers on (the key must hold one: lower case,
// upper case and digits). Outside such a column it returns len(text) at the
// first digit and sleeps for the rest of the value: one call per value.
type awsDetector struct{}

func init() { registerBuiltin(&awsDetector{}) }

func (*awsDetector) Name() string   { return "aws" }
func (*awsDetector) Types() TypeSet { return SetOf(AWSAccessKey, AWSSecretKey) }
func (*awsDetector) Triggers() Triggers {
	return Triggers{Bytes: "0123456789",
		Keywords: []string{"AKIA", "ASIA", "ABIA", "ACCA", "aws", "SecretAccessKey"}}
}

func awsBase32(c byte) bool { return isUpper(c) || (c >= '2' && c <= '7') }

func awsSecretByte(c byte) bool { return isAlnum(c) || c == '+' || c == '/' }

func (*awsDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	if c.Keyword < 0 {
		return awsBareSecret(text, p, ctx, sink)
	}
	if c.Keyword < 4 { // access key ID: exact upper case, 20 characters, standalone
		if !isUpper(text[p]) || !isUpper(text[p+1]) {
			return c.End
		}
		e := secTokenEnd(text, c.End, 17, awsBase32)
		if e-p != 20 || !secStandalone(text, p, e, isAlnum) {
			return c.End
		}
		sink.Span(Span{Start: p, End: e, Type: AWSAccessKey, Score: 0.95})
		return e
	}
	if !ctx.Wants(AWSSecretKey) {
		return c.End
	}
	// "aws" ... a 40-byte base64 token within the next 100 bytes.
	lim := c.End + 100
	if lim > len(text) {
		lim = len(text)
	}
	for i := c.End; i < lim; i++ {
		if !awsSecretByte(text[i]) {
			continue
		}
		e := secTokenEnd(text, i, 41, awsSecretByte)
		if e-i == 40 && (e >= len(text) || !awsSecretByte(text[e])) {
			if awsSecretShape(text[i:e]) {
				sink.Span(Span{Start: i, End: e, Type: AWSSecretKey, Score: 0.9})
				return c.End // an access key ID may lie between the keyword and the secret
			}
		}
		i = secTokenEnd(text, e, len(text), awsSecretByte) // skip the rest of the token
	}
	return c.End
}

// awsSecretShape: a 40-byte base64 token with lower case, upper case and
// digits and the entropy of a random key, not of words or a hex digest.
func awsSecretShape(tok []byte) bool {
	return len(tok) == 40 && secCharClasses(tok) == 3 && shannonEntropy(tok) >= 4.0
}

// awsBareSecret reports the standalone 40-byte secret key around p in a column
// expected to hold AWS secret keys. Elsewhere it returns len(text), so the
// byte triggers cost one call per value.
func awsBareSecret(text []byte, p int, ctx *Context, sink Sink) int {
	if ctx.Expect != AWSSecretKey || !ctx.Wants(AWSSecretKey) {
		return len(text)
	}
	s := p
	for s > 0 && awsSecretByte(text[s-1]) {
		s--
	}
	e := secTokenEnd(text, p, len(text), awsSecretByte)
	if e-s == 40 && awsSecretShape(text[s:e]) {
		sink.Span(Span{Start: s, End: e, Type: AWSSecretKey, Score: 0.9})
	}
	return e
}
