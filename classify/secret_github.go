package classify

// githubDetector finds GITHUB_TOKEN: classic tokens ghp_/gho_/ghu_/ghs_/ghr_
// followed by 36 base62 characters, and fine-grained tokens github_pat_
// followed by 82 characters of [A-Za-z0-9_].
type githubDetector struct{}

func init() { registerBuiltin(&githubDetector{}) }

func (*githubDetector) Name() string   { return "github" }
func (*githubDetector) Types() TypeSet { return SetOf(GitHubToken) }
func (*githubDetector) Triggers() Triggers {
	return Triggers{Keywords: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"}}
}

func githubPATByte(c byte) bool { return isAlnum(c) || c == '_' }

func (*githubDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	for i := p; i < c.End; i++ { // prefixes are lower case
		if isUpper(text[i]) {
			return c.End
		}
	}
	if p > 0 && isAlnum(text[p-1]) {
		return c.End
	}
	var e int
	if c.Keyword == 5 { // github_pat_
		e = secTokenEnd(text, c.End, 256, githubPATByte)
		if e-c.End < 70 {
			return c.End
		}
	} else {
		e = secTokenEnd(text, c.End, 256, secBase62)
		if e-c.End < 36 || e-c.End > 251 || (e < len(text) && text[e] == '_') {
			return c.End
		}
	}
	if secCharClasses(text[c.End:e]) < 2 {
		return c.End
	}
	sink.Span(Span{Start: p, End: e, Type: GitHubToken, Score: 0.95})
	return e
}
