package classify

// passwordDetector finds PASSWORD values assigned to a password key in
// connection strings and configuration: libpq conninfo (password=secret
// host=...), ADO.NET/ODBC (Password=...;Pwd=...), JDBC and URL query
// parameters (?password=...&), environment files (DB_PASSWORD=...), JSON and
// YAML ("password": "..."). Only the value is reported, so masking keeps the
// key. Passwords in URL userinfo (scheme://user:pass@host) are reported by
// the URL detector.
//
// A colon-separated unquoted value must look like a password (a digit, a
// symbol or mixed case), so prose such as "password: must be 8 characters"
// is not a finding; placeholders ("****", "${DB_PASSWORD}", "<password>")
// are not either.
type passwordDetector struct{}

func init() { registerBuiltin(&passwordDetector{}) }

func (*passwordDetector) Name() string   { return "password" }
func (*passwordDetector) Types() TypeSet { return SetOf(Password) }
func (*passwordDetector) Triggers() Triggers {
	return Triggers{Keywords: []string{"passw", "pwd", "passphrase"}}
}

// passwordKeyNot are identifier tails that name something about a password,
// not a password: password_file, password_policy, pwd_length, passwordless.
var passwordKeyNot = []string{"file", "path", "policy", "length", "len", "expir", "reset", "chang", "required",
	"enabled", "less", "min", "max", "count", "age", "field", "label", "prompt", "type", "strength", "rule",
	"hint", "updated", "set", "auth", "cmd", "command", "env", "url", "_id"}

func passwordValueStop(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == ',' ||
		c == '"' || c == '\'' || c == '}' || c == ')' || c == ']' || c == '<' || c == '>'
}

func (*passwordDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	p := c.Pos
	if c.Keyword == 1 && p > 0 && isAlpha(text[p-1]) { // "pwd" inside a word (cwd, xpwd)
		return c.End
	}
	ke := secKeyEnd(text, c.End)
	for _, w := range passwordKeyNot {
		if containsFold(text, c.End, ke, w) {
			return ke
		}
	}
	vs, ve, quoted, kind := secAssignment(text, ke, passwordValueStop)
	if kind == secAssignNone {
		return ke
	}
	v := text[vs:ve]
	if secPlaceholder(v) {
		return ke
	}
	score := float32(0.9)
	if kind == secAssignColon && !quoted {
		if len(v) < 4 || !passwordLike(v) {
			return ke
		}
		score = 0.8
	}
	sink.Span(Span{Start: vs, End: ve, Type: Password, Score: score})
	return ve
}

// passwordLike: a digit, a symbol, or upper case after the first letter.
func passwordLike(v []byte) bool {
	for i, c := range v {
		if isDigit(c) || (!isAlpha(c) && c < 0x80) || (i > 0 && isUpper(c)) {
			return true
		}
	}
	return false
}
