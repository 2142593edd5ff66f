package classify

// gitlabDetector finds GITLAB_TOKEN: personal, deploy, runner, CI build and
// pipeline trigger tokens (glpat-, gldt-, glrt-, glcbt-, glptt-) followed by at
// least 20 characters of [A-Za-z0-9_-] (newer tokens carry a '.' part).
type gitlabDetector struct{}

func init() { registerBuiltin(&gitlabDetector{}) }

func (*gitlabDetector) Name() string   { return "gitlab" }
func (*gitlabDetector) Types() TypeSet { return SetOf(GitLabToken) }
func (*gitlabDetector) Triggers() Triggers {
	return Triggers{Keywords: []string{"glpat-", "gldt-", "glrt-", "glcbt-", "glptt-"}}
}

func gitlabByte(c byte) bool { return secBase64URL(c) || c == '.' }

func (*gitlabDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	for i := p; i < c.End; i++ {
		if isUpper(text[i]) {
			return c.End
		}
	}
	if p > 0 && isAlnum(text[p-1]) {
		return c.End
	}
	e := secTokenEnd(text, c.End, 256, gitlabByte)
	for e > c.End && text[e-1] == '.' {
		e--
	}
	if e-c.End < 20 || secCharClasses(text[c.End:e]) < 2 {
		return c.End
	}
	sink.Span(Span{Start: p, End: e, Type: GitLabToken, Score: 0.95})
	return e
}
