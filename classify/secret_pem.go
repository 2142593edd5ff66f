package classify

// pemDetector finds PRIVATE_KEY: a PEM block whose label ends in "PRIVATE
// KEY" (RSA, EC, DSA, OPENSSH, ENCRYPTED, PKCS#8) or is "PGP PRIVATE KEY
// BLOCK", from "-----BEGIN" through the matching "-----END ...-----". A
// block cut off before its END line (a truncated value) is reported to the
// end of the value: what is there is still key material.
type pemDetector struct{}

func init() { registerBuiltin(&pemDetector{}) }

func (*pemDetector) Name() string       { return "pem" }
func (*pemDetector) Types() TypeSet     { return SetOf(PrivateKey) }
func (*pemDetector) Triggers() Triggers { return Triggers{Keywords: []string{"-----BEGIN "}} }

func (*pemDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	// Label: up to "-----" on the same line.
	ls := c.End
	le := ls
	for le < len(text) && le-ls < 64 && text[le] != '-' && text[le] != '\n' {
		le++
	}
	if !hasPrefixFold(text, le, "-----") {
		return c.End
	}
	label := text[ls:le]
	if !(pemEndsWith(label, "PRIVATE KEY") || pemEndsWith(label, "PGP PRIVATE KEY BLOCK")) {
		return c.End
	}
	// END line with the same label.
	for i := le + 5; i+9 <= len(text); i++ {
		if text[i] != '-' || !hasPrefixFold(text, i, "-----END ") {
			continue
		}
		j := i + 9
		if hasPrefixFold(text, j, string(label)) && hasPrefixFold(text, j+len(label), "-----") {
			e := j + len(label) + 5
			sink.Span(Span{Start: p, End: e, Type: PrivateKey, Score: 0.99})
			return e
		}
	}
	if len(text)-le < 40 { // a header with no key material
		return c.End
	}
	sink.Span(Span{Start: p, End: len(text), Type: PrivateKey, Score: 0.9})
	return len(text)
}

func pemEndsWith(label []byte, s string) bool {
	return len(label) >= len(s) && string(label[len(label)-len(s):]) == s
}
