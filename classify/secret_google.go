package classify

// googleDetector finds GOOGLE_API_KEY: "AIza" followed by 35 characters of
// [A-Za-z0-9_-] (39 in all).
type googleDetector struct{}

func init() { registerBuiltin(&googleDetector{}) }

func (*googleDetector) Name() string       { return "google" }
func (*googleDetector) Types() TypeSet     { return SetOf(GoogleAPIKey) }
func (*googleDetector) Triggers() Triggers { return Triggers{Keywords: []string{"AIza"}} }

func (*googleDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	if text[p] != 'A' || text[p+1] != 'I' || text[p+2] != 'z' || text[p+3] != 'a' {
		return c.End
	}
	e := secTokenEnd(text, c.End, 36, secBase64URL)
	if e-p != 39 || !secStandalone(text, p, e, secBase64URL) || secCharClasses(text[c.End:e]) < 2 {
		return c.End
	}
	sink.Span(Span{Start: p, End: e, Type: GoogleAPIKey, Score: 0.95})
	return e
}
