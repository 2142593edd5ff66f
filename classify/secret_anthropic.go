package classify

// anthropicDetector finds ANTHROPIC_KEY: "sk-ant-" followed by a kind and
// version (api03-, admin01-, oat01-, ...) and at least 32 characters of
// [A-Za-z0-9_-].
type anthropicDetector struct{}

func init() { registerBuiltin(&anthropicDetector{}) }

func (*anthropicDetector) Name() string       { return "anthropic" }
func (*anthropicDetector) Types() TypeSet     { return SetOf(AnthropicKey) }
func (*anthropicDetector) Triggers() Triggers { return Triggers{Keywords: []string{"sk-ant-"}} }

func (*anthropicDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	if string(text[p:c.End]) != "sk-ant-" || (p > 0 && secBase64URL(text[p-1])) {
		return c.End
	}
	e := secTokenEnd(text, c.End, 300, secBase64URL)
	body := text[c.End:e]
	if len(body) < 40 || secCharClasses(body) < 3 {
		return c.End
	}
	sink.Span(Span{Start: p, End: e, Type: AnthropicKey, Score: 0.97})
	return e
}
