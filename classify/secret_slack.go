package classify

// slackDetector finds SLACK_TOKEN: bot, user, app-level, refresh and legacy
// tokens (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-, xapp-) and incoming
// webhook URLs (hooks.slack.com/services/T.../B.../secret, /workflows/...).
type slackDetector struct{}

func init() { registerBuiltin(&slackDetector{}) }

func (*slackDetector) Name() string   { return "slack" }
func (*slackDetector) Types() TypeSet { return SetOf(SlackToken) }
func (*slackDetector) Triggers() Triggers {
	return Triggers{Keywords: []string{"xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "xapp-", "hooks.slack.com/"}}
}

func slackTokenByte(c byte) bool { return isAlnum(c) || c == '-' }

func (*slackDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	if c.Keyword == 7 {
		return slackWebhook(text, c, sink)
	}
	for i := p; i < c.End; i++ {
		if isUpper(text[i]) {
			return c.End
		}
	}
	if p > 0 && isAlnum(text[p-1]) {
		return c.End
	}
	e := secTokenEnd(text, c.End, 256, slackTokenByte)
	for e > c.End && text[e-1] == '-' {
		e--
	}
	body := text[c.End:e]
	// Tokens are dash-separated groups: xoxb-<team>-<bot>-<secret>; xapp-1-<app>-<n>-<hex>.
	dashes := 0
	for _, b := range body {
		if b == '-' {
			dashes++
		}
	}
	if len(body) < 20 || dashes < 2 || secCharClasses(body) < 2 {
		return c.End
	}
	sink.Span(Span{Start: p, End: e, Type: SlackToken, Score: 0.95})
	return e
}

// slackWebhook confirms hooks.slack.com/services/T.../B.../<24 base62> or
// hooks.slack.com/workflows/... and reports the URL from its scheme.
func slackWebhook(text []byte, c Candidate, sink Sink) int {
	i := c.End
	switch {
	case hasPrefixFold(text, i, "services/"):
		i += len("services/")
	case hasPrefixFold(text, i, "workflows/"):
		i += len("workflows/")
	case hasPrefixFold(text, i, "triggers/"):
		i += len("triggers/")
	default:
		return c.End
	}
	parts := 0
	e := i
	for parts < 3 {
		s := e
		e = secTokenEnd(text, s, 128, secBase62)
		if e-s < 8 {
			return c.End
		}
		parts++
		if parts < 3 {
			if e >= len(text) || text[e] != '/' {
				return c.End
			}
			e++
		}
	}
	start := c.Pos
	if hasPrefixFold(text, start-8, "https://") {
		start -= 8
	} else if hasPrefixFold(text, start-7, "http://") {
		start -= 7
	}
	sink.Span(Span{Start: start, End: e, Type: SlackToken, Score: 0.95})
	return e
}
