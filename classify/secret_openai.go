package classify

// openAIDetector finds OPENAI_KEY: "sk-" keys whose body carries the
// "T3BlbkFJ" marker (base64 of "OpenAI") that every OpenAI secret key has,
// and project, service-account and admin keys (sk-proj-, sk-svcacct-,
// sk-admin-) of at least 40 characters. Anthropic's "sk-ant-" is left to
// anthropicDetector.
type openAIDetector struct{}

func init() { registerBuiltin(&openAIDetector{}) }

func (*openAIDetector) Name() string       { return "openai" }
func (*openAIDetector) Types() TypeSet     { return SetOf(OpenAIKey) }
func (*openAIDetector) Triggers() Triggers { return Triggers{Keywords: []string{"sk-"}} }

func (*openAIDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	if text[p] != 's' || text[p+1] != 'k' || (p > 0 && secBase64URL(text[p-1])) {
		return c.End
	}
	if hasPrefixFold(text, c.End, "ant-") {
		return c.End
	}
	e := secTokenEnd(text, c.End, 300, secBase64URL)
	body := text[c.End:e]
	if len(body) < 32 {
		return c.End
	}
	marker := false
	for i := 0; i+8 <= len(body); i++ {
		if body[i] == 'T' && string(body[i:i+8]) == "T3BlbkFJ" {
			marker = true
			break
		}
	}
	prefixed := hasPrefixFold(body, 0, "proj-") || hasPrefixFold(body, 0, "svcacct-") || hasPrefixFold(body, 0, "admin-")
	switch {
	case marker:
		sink.Span(Span{Start: p, End: e, Type: OpenAIKey, Score: 0.97})
	case prefixed && len(body) >= 40 && secCharClasses(body) == 3:
		sink.Span(Span{Start: p, End: e, Type: OpenAIKey, Score: 0.9})
	default:
		return c.End
	}
	return e
}
