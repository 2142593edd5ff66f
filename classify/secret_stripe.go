package classify

// stripeDetector finds STRIPE_KEY: secret, restricted and publishable keys,
// live and test (sk_live_, rk_live_, pk_live_, sk_test_, rk_test_,
// pk_test_), followed by at least 24 base62 characters. Live secret keys
// score highest; publishable keys lowest (they are meant to be public, but
// tie an account).
type stripeDetector struct{}

func init() { registerBuiltin(&stripeDetector{}) }

func (*stripeDetector) Name() string   { return "stripe" }
func (*stripeDetector) Types() TypeSet { return SetOf(StripeKey) }
func (*stripeDetector) Triggers() Triggers {
	return Triggers{Keywords: []string{"sk_live_", "rk_live_", "pk_live_", "sk_test_", "rk_test_", "pk_test_", "whsec_"}}
}

var stripeScores = [...]float32{0.97, 0.97, 0.7, 0.85, 0.85, 0.6, 0.9}

func (*stripeDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	for i := p; i < c.End; i++ {
		if isUpper(text[i]) {
			return c.End
		}
	}
	if p > 0 && isAlnum(text[p-1]) {
		return c.End
	}
	e := secTokenEnd(text, c.End, 256, secBase62)
	if e-c.End < 24 || (e < len(text) && text[e] == '_') || secCharClasses(text[c.End:e]) < 2 {
		return c.End
	}
	sink.Span(Span{Start: p, End: e, Type: StripeKey, Score: stripeScores[c.Keyword]})
	return e
}
