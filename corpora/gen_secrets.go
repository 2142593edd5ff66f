package corpora

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"slices"
	"strings"
)

// Secrets are FAKE: random characters in each format's real alphabet and length (and its real
// checksum where the format has one), never real credentials.

func init() {
	register("AWS_ACCESS_KEY", []string{"aws_access_key_id", "access_key", "aws_key", "credentials"}, vg(genAWSAccessKey), vg(assignment(genAWSAccessKeyBare, awsAccessKeys), "config", "env", "settings"))
	register("AWS_SECRET_KEY", []string{"config", "env", "settings", "credentials"},
		vg(func(g *gen, _ string) piece { s, f := genAWSSecretBare(g); return whole("AWS_SECRET_KEY", s, f) }, "aws_secret_access_key", "secret_access_key", "aws_secret_key"),
		vg(assignment(genAWSSecretBare, awsSecretKeys)))
	register("GITHUB_TOKEN", []string{"token", "github_token", "gh_token", "access_token"}, vg(genGitHub))
	register("GITLAB_TOKEN", []string{"token", "gitlab_token", "ci_token", "access_token"}, vg(genGitLab))
	register("SLACK_TOKEN", []string{"slack_token", "bot_token", "token", "webhook"}, vg(genSlack))
	register("STRIPE_KEY", []string{"stripe_key", "stripe_secret", "api_key", "secret_key"}, vg(genStripe))
	register("GOOGLE_API_KEY", []string{"google_api_key", "maps_key", "api_key", "gcp_key"}, vg(genGoogle))
	register("OPENAI_KEY", []string{"openai_api_key", "api_key", "llm_key", "OPENAI_KEY"}, vg(genOpenAI))
	register("ANTHROPIC_KEY", []string{"anthropic_api_key", "api_key", "llm_key", "claude_key"}, vg(genAnthropic))
	register("JWT", []string{"id_token", "access_token", "jwt", "session_token", "auth_header"}, vg(genJWT))
	register("PRIVATE_KEY", []string{"private_key", "ssh_key", "tls_key", "key_pem"}, vg(genPEM))
	register("PASSWORD", []string{"dsn", "connection_string", "conninfo", "config", "env"}, vg(genConnPassword))
	register("GENERIC_SECRET", []string{"config", "headers", "env", "settings"}, vg(genGenericSecret))
}

const awsKeyAlpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

func genAWSAccessKeyBare(g *gen) (string, string) {
	return g.pick([]string{"AKIA", "AKIA", "AKIA", "ASIA"}) + g.from(awsKeyAlpha, 16), "aws/access-key-id"
}

func genAWSAccessKey(g *gen, _ string) piece {
	s, f := genAWSAccessKeyBare(g)
	return whole("AWS_ACCESS_KEY", s, f)
}

func genAWSSecretBare(g *gen) (string, string) {
	return g.from(alnumAlpha+"/+", 40), "aws/secret-access-key"
}

var (
	awsAccessKeys = []string{"aws_access_key_id", "AWS_ACCESS_KEY_ID", "AccessKeyId", "accessKeyId"}
	awsSecretKeys = []string{"aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", "SecretAccessKey", "secretAccessKey"}
)

// assignment wraps a bare secret in the ways configuration writes a key and its value; only the
// value is the span.
func assignment(bare func(*gen) (string, string), keys []string) func(*gen, string) piece {
	return func(g *gen, _ string) piece {
		v, f := bare(g)
		k := g.pick(keys)
		var pre, post string
		switch g.intn(5) {
		case 0:
			pre = k + " = "
		case 1:
			pre = k + "="
		case 2:
			pre, post = `{"`+k+`": "`, `"}`
		case 3:
			pre = "export " + k + "="
		default:
			pre = k + ": "
		}
		typ := "AWS_SECRET_KEY"
		if strings.HasPrefix(v, "AKIA") || strings.HasPrefix(v, "ASIA") {
			typ = "AWS_ACCESS_KEY"
		}
		return piece{text: pre + v + post, format: f + "/assigned",
			spans: []Span{{Type: typ, Start: len(pre), End: len(pre) + len(v)}}}
	}
}

func base62(n uint32, width int) string {
	const a = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	b := make([]byte, width)
	for i := width - 1; i >= 0; i-- {
		b[i] = a[n%62]
		n /= 62
	}
	return string(b)
}

func genGitHub(g *gen, _ string) piece {
	if g.chance(0.25) {
		s := "github_pat_11" + g.from(upperAlpha+digitsAlpha, 20) + "_" + g.from(alnumAlpha, 59)
		return whole("GITHUB_TOKEN", s, "github/fine-grained")
	}
	// Classic: 30 random base62 characters and a base62 CRC32 of them (6 characters).
	r := g.from(alnumAlpha, 30)
	p := g.pick([]string{"ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"})
	return whole("GITHUB_TOKEN", p+r+base62(crc32.ChecksumIEEE([]byte(r)), 6), "github/"+strings.TrimSuffix(p, "_"))
}

func genGitLab(g *gen, _ string) piece {
	p := g.pick([]string{"glpat-", "glpat-", "glpat-", "gldt-", "glrt-", "glptt-"})
	if p == "glptt-" {
		return whole("GITLAB_TOKEN", p+g.from(hexLower, 40), "gitlab/glptt")
	}
	return whole("GITLAB_TOKEN", p+g.from(b64urlAlpha, 20), "gitlab/"+strings.TrimSuffix(p, "-"))
}

func genSlack(g *gen, _ string) piece {
	switch g.intn(4) {
	case 0:
		s := "xoxp-" + g.from(digitsAlpha, 11) + "-" + g.from(digitsAlpha, 12) + "-" + g.from(digitsAlpha, 13) + "-" + g.from(hexLower, 32)
		return whole("SLACK_TOKEN", s, "slack/xoxp")
	case 1:
		s := "https://hooks.slack.com/services/T" + g.from(upperAlpha+digitsAlpha, 8) + "/B" + g.from(upperAlpha+digitsAlpha, 10) + "/" + g.from(alnumAlpha, 24)
		return whole("SLACK_TOKEN", s, "slack/webhook") // the URL is the credential
	case 2:
		s := "xapp-1-A" + g.from(upperAlpha+digitsAlpha, 10) + "-" + g.from(digitsAlpha, 13) + "-" + g.from(hexLower, 64)
		return whole("SLACK_TOKEN", s, "slack/xapp")
	}
	s := "xoxb-" + g.from(digitsAlpha, g.between(10, 13)) + "-" + g.from(digitsAlpha, 13) + "-" + g.from(alnumAlpha, 24)
	return whole("SLACK_TOKEN", s, "slack/xoxb")
}

func genStripe(g *gen, _ string) piece {
	p := g.pick([]string{"sk_live_", "sk_live_", "sk_test_", "rk_live_", "rk_test_"})
	n := 24
	if g.chance(0.5) {
		n = 99
	}
	return whole("STRIPE_KEY", p+g.from(alnumAlpha, n), "stripe/"+strings.TrimSuffix(p, "_"))
}

func genGoogle(g *gen, _ string) piece {
	return whole("GOOGLE_API_KEY", "AIza"+g.from(b64urlAlpha, 35), "google/api-key")
}

func genOpenAI(g *gen, _ string) piece {
	switch g.intn(3) {
	case 0:
		return whole("OPENAI_KEY", "sk-"+g.from(alnumAlpha, 20)+"T3BlbkFJ"+g.from(alnumAlpha, 20), "openai/legacy")
	case 1:
		return whole("OPENAI_KEY", "sk-svcacct-"+g.from(b64urlAlpha, 74)+"T3BlbkFJ"+g.from(b64urlAlpha, 74), "openai/svcacct")
	}
	return whole("OPENAI_KEY", "sk-proj-"+g.from(b64urlAlpha, 74)+"T3BlbkFJ"+g.from(b64urlAlpha, 74), "openai/proj")
}

func genAnthropic(g *gen, _ string) piece {
	if g.chance(0.2) {
		return whole("ANTHROPIC_KEY", "sk-ant-admin01-"+g.from(b64urlAlpha, 93)+"AA", "anthropic/admin")
	}
	return whole("ANTHROPIC_KEY", "sk-ant-api03-"+g.from(b64urlAlpha, 93)+"AA", "anthropic/api03")
}

func b64url(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func genJWT(g *gen, _ string) piece {
	alg := g.pick([]string{"HS256", "RS256", "ES256", "RS512"})
	hdr := map[string]string{"alg": alg, "typ": "JWT"}
	if alg != "HS256" {
		hdr["kid"] = g.from(alnumAlpha, 16)
	}
	h, _ := json.Marshal(hdr)
	given, sur := g.name("")
	claims := map[string]any{
		"sub":  fmt.Sprint(g.between(100000, 99999999)),
		"name": given + " " + sur,
		"iat":  1700000000 + g.intn(60000000),
		"exp":  1760000000 + g.intn(60000000),
		"iss":  g.pick([]string{"https://auth.example.com/", "https://accounts.google.com", "api.acme-corp.com"}),
	}
	if g.chance(0.5) {
		claims["scope"] = g.pick([]string{"read:orders", "openid profile email", "admin"})
	}
	c, _ := json.Marshal(claims)
	sigLen := 32
	if alg[0] != 'H' {
		sigLen = 256
		if alg[0] == 'E' {
			sigLen = 64
		}
	}
	s := b64url(h) + "." + b64url(c) + "." + b64url(g.bytes(sigLen))
	if g.chance(0.3) {
		pre := "Bearer "
		return piece{text: pre + s, format: "jwt/bearer", spans: []Span{{Type: "JWT", Start: len(pre), End: len(pre) + len(s)}}}
	}
	return whole("JWT", s, "jwt/"+alg)
}

func genPEM(g *gen, _ string) piece {
	label := g.pick([]string{"RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "DSA PRIVATE KEY"})
	n := g.between(120, 1190)
	der := append([]byte{0x30, 0x82, byte(n >> 8), byte(n)}, g.bytes(n)...)
	body := base64.StdEncoding.EncodeToString(der)
	width := 64
	if label == "OPENSSH PRIVATE KEY" {
		width = 70
		body = base64.StdEncoding.EncodeToString(append([]byte("openssh-key-v1\x00"), g.bytes(n)...))
	}
	nl := "\n"
	if g.chance(0.15) {
		nl = `\n` // as stored in JSON or environment variables
	}
	s := "-----BEGIN " + label + "-----" + nl + groupEvery(body, nl, width) + nl + "-----END " + label + "-----"
	return whole("PRIVATE_KEY", s, "pem/"+strings.ReplaceAll(strings.ToLower(label), " ", "-"))
}

// genConnPassword puts a password in the connection-string and configuration forms that carry
// one; the span is the password alone.
func genConnPassword(g *gen, _ string) piece {
	pw := strings.Map(func(r rune) rune {
		if strings.ContainsRune(";&'\" ", r) {
			return '_'
		}
		return r
	}, g.password())
	host := g.pick([]string{"db.internal", "10.0.3.17", "pg-prod.cluster-abc123.eu-west-1.rds.amazonaws.com", "localhost", "sqlsrv01.corp.local"})
	user := g.pick([]string{"app", "etl", "analytics_ro", "sa", "postgres"})
	var pre, post, f string
	switch g.intn(7) {
	case 0:
		pre, post, f = "host="+host+" port=5432 dbname=prod user="+user+" password=", " sslmode=require", "libpq"
	case 1:
		pre, post, f = "Server=tcp:"+host+",1433;Database=Sales;User Id="+user+";Password=", ";Encrypt=True;", "adonet"
	case 2:
		pre, post, f = "jdbc:postgresql://"+host+":5432/prod?user="+user+"&password=", "&ssl=true", "jdbc"
	case 3:
		pre, post, f = "DB_PASSWORD=", "", "env"
	case 4:
		pre, post, f = `{"host": "`+host+`", "user": "`+user+`", "password": "`, `"}`, "json"
	case 5:
		pre, post, f = "Driver={ODBC Driver 18 for SQL Server};Server="+host+";Uid="+user+";Pwd=", ";", "odbc"
	default:
		pre, post, f = "password: ", "", "yaml"
	}
	text := pre + pw + post
	p := piece{text: text, format: "password/" + f, spans: []Span{{Type: "PASSWORD", Start: len(pre), End: len(pre) + len(pw)}}}
	if f == "jdbc" { // the whole string is a URL holding the password
		p.spans = append([]Span{{Type: "URL", Start: 0, End: len(text)}}, p.spans...)
	}
	// The host is PII-ish too: an IPv4 address, or a public DNS name (a URL in Presidio's sense);
	// internal names (db.internal, localhost, *.corp.local) are neither. Inside a jdbc URL it
	// nests in the URL.
	if i := strings.Index(pre, host); i >= 0 {
		switch {
		case host[0] >= '0' && host[0] <= '9':
			p.spans = append(p.spans, Span{Type: "IP_ADDRESS", Start: i, End: i + len(host)})
		case strings.HasSuffix(host, ".com") && f != "jdbc":
			p.spans = append(p.spans, Span{Type: "URL", Start: i, End: i + len(host)})
		}
		slices.SortStableFunc(p.spans, func(a, b Span) int { return a.Start - b.Start })
	}
	return p
}

func genGenericSecret(g *gen, _ string) piece {
	var v string
	switch g.intn(3) {
	case 0:
		v = g.from(hexLower, g.pick2(32, 40))
	case 1:
		v = g.from(alnumAlpha, g.between(24, 48))
	default:
		v = b64url(g.bytes(g.between(18, 36)))
	}
	var pre, post string
	switch g.intn(7) {
	case 0:
		pre = "api_key="
	case 1:
		pre, post = `{"client_secret": "`, `"}`
	case 2:
		pre = "Authorization: Bearer "
	case 3:
		pre = "X-API-Key: "
	case 4:
		pre, post = "SECRET_KEY = '", "'"
	case 5:
		pre = "auth_token: "
	default:
		pre = "export SENDGRID_API_KEY="
	}
	return piece{text: pre + v + post, format: "generic/" + strings.TrimSpace(strings.Trim(pre, `{"=:' `)),
		spans: []Span{{Type: "GENERIC_SECRET", Start: len(pre), End: len(pre) + len(v)}}}
}

func (g *gen) pick2(a, b int) int {
	if g.chance(0.5) {
		return a
	}
	return b
}
