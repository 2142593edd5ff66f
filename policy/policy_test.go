package policy

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/invalid/*.err from the current output")

func noEnv(string) string { return "" }

// TestInvalidFixtures parses each testdata/invalid/*.yaml and asserts the
// exact error text in its sibling .err file.
func TestInvalidFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			_, err := LoadWith(f, Options{Getenv: noEnv})
			if err == nil {
				t.Fatalf("%s: accepted, want an error", f)
			}
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("%s: error %T is not *policy.Error: %v", f, err, err)
			}
			errFile := strings.TrimSuffix(f, ".yaml") + ".err"
			if *update {
				os.WriteFile(errFile, []byte(err.Error()+"\n"), 0o644)
			}
			want, rerr := os.ReadFile(errFile)
			if rerr != nil {
				t.Fatalf("missing %s: %v", errFile, rerr)
			}
			if got := err.Error(); got != strings.TrimRight(string(want), "\n") {
				t.Errorf("error text\n got: %s\nwant: %s", got, want)
			}
		})
	}
}

func TestKeyNeverInErrorsOrFormatting(t *testing.T) {
	secret := "s3cr3t-k3y"
	_, err := ParseWith([]byte("tokenization:\n  key: \""+secret+"\"\n"), "p.yaml", Options{Getenv: noEnv})
	if err == nil || strings.Contains(err.Error(), secret) {
		t.Fatalf("short key: err %v", err)
	}
	_, err = ParseWith(nil, "p.yaml", Options{Getenv: func(string) string { return secret }})
	if err == nil || strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), "$MASKWIRE_TOKEN_KEY is 10 bytes") {
		t.Fatalf("short env key: err %v", err)
	}
	long := "0123456789abcdef-long-secret"
	p, err := ParseWith([]byte("tokenization: {key: \""+long+"\"}\n"), "p.yaml", Options{Getenv: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{fmt.Sprint(p), fmt.Sprintf("%+v", p), fmt.Sprintf("%#v", p), fmt.Sprint(p.Key()), fmt.Sprintf("%s %x %q", p.Key(), p.Key(), p.Key())} {
		if strings.Contains(s, long) || strings.Contains(s, "0123456789abcdef") || strings.Contains(s, "3031323334") {
			t.Fatalf("key leaked by fmt: %s", s)
		}
	}
	if string(p.Key()) != long || p.KeySource() != "config" {
		t.Fatalf("key not kept: source %q", p.KeySource())
	}
}

func TestKeySources(t *testing.T) {
	env := map[string]string{"MASKWIRE_TOKEN_KEY": "env-key-0123456789", "OTHER": "hex:000102030405060708090a0b0c0d0e0f"}
	getenv := func(k string) string { return env[k] }
	cases := []struct {
		src, wantSource string
		wantLen         int
	}{
		{"", "$MASKWIRE_TOKEN_KEY", 18},
		{"masking: observe\n", "$MASKWIRE_TOKEN_KEY", 18},
		{"tokenization: {key_env: OTHER}\n", "$OTHER", 16},
		{"tokenization: {key: \"base64:AAECAwQFBgcICQoLDA0ODxAR\"}\n", "config", 18},
	}
	for _, c := range cases {
		p, err := ParseWith([]byte(c.src), "p.yaml", Options{Getenv: getenv})
		if err != nil {
			t.Fatalf("%q: %v", c.src, err)
		}
		if p.KeySource() != c.wantSource || len(p.Key()) != c.wantLen {
			t.Errorf("%q: source %q len %d, want %q %d", c.src, p.KeySource(), len(p.Key()), c.wantSource, c.wantLen)
		}
	}
	p, err := ParseWith(nil, "", Options{Getenv: noEnv})
	if err != nil || p.Key() != nil || p.KeySource() != "none" {
		t.Fatalf("no key: %v %q", err, p.KeySource())
	}
}

const fullExample = `
version: 1
masking: enforce
tokenization:
  key_env: MASKWIRE_TOKEN_KEY
default_action:
  "*": tokenize
  US_SSN: redact
  CREDIT_CARD: {action: mask, keep_last: 4}
  EMAIL_ADDRESS: {action: tokenize, keep_domain: true}
rules:
  - name: admins see everything
    match: {users: [admin, dba]}
    action: allow
  - name: trusted analysts see emails of the crm database
    match: {column: "crm.*.*.*", type: EMAIL_ADDRESS, users: analyst}
    action: allow
  - name: notes are always redacted
    match: {column: "*.*.*.notes"}
    action: redact
  - match: {column: "*.public.customers.phone?", not_users: [support]}
    action: mask
    keep_last: 2
  - match: {column: "users.email", users: [support]}
    action: mask
    keep_domain: true
  - match: {column: "*.billing.*.*", type: [CREDIT_CARD, IBAN_CODE]}
    action: hash
  - match: {column: "ssn"}
    action: null
server:
  listen: "127.0.0.1:6432"
  upstream: "127.0.0.1:5432"
  timeouts: {connect: 5s}
`

func mustPlan(t testing.TB, src string) *Plan {
	t.Helper()
	p, err := ParseWith([]byte(src), "p.yaml", Options{Getenv: func(string) string { return "0123456789abcdef" }})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDecide(t *testing.T) {
	p := mustPlan(t, fullExample)
	users := ColumnRef{"shop", "public", "users", "email"}
	cust := ColumnRef{"shop", "public", "customers", "phone1"}
	crm := ColumnRef{"crm", "sales", "leads", "contact"}
	cases := []struct {
		name     string
		user     string
		col      ColumnRef
		det      string
		want     Action
		explicit bool
	}{
		{"default tokenize", "bob", users, "PHONE_NUMBER", Action{Kind: Tokenize}, false},
		{"default per type", "bob", users, "US_SSN", Action{Kind: Redact}, false},
		{"default mask keep_last", "bob", users, "CREDIT_CARD", Action{Kind: Mask, KeepLast: 4}, false},
		{"default keep_domain", "bob", ColumnRef{"x", "y", "z", "w"}, "EMAIL_ADDRESS", Action{Kind: Tokenize, KeepDomain: true}, false},
		{"nothing detected, no column rule", "bob", users, "", Action{Kind: Allow}, false},
		{"admin allow wins first", "admin", users, "US_SSN", Action{Kind: Allow}, true},
		{"admin allow before detection", "dba", users, "", Action{Kind: Allow}, true},
		{"analyst on crm emails", "analyst", crm, "EMAIL_ADDRESS", Action{Kind: Allow}, true},
		{"analyst on crm other type", "analyst", crm, "PHONE_NUMBER", Action{Kind: Tokenize}, false},
		{"analyst elsewhere", "analyst", users, "EMAIL_ADDRESS", Action{Kind: Tokenize, KeepDomain: true}, false},
		{"type rule not before detection", "analyst", crm, "", Action{Kind: Allow}, false},
		{"column rule forces without detection", "bob", ColumnRef{"shop", "public", "tickets", "notes"}, "", Action{Kind: Redact}, true},
		{"column rule with detection", "bob", ColumnRef{"shop", "public", "tickets", "NOTES"}, "EMAIL_ADDRESS", Action{Kind: Redact}, true},
		{"glob ? matches one char", "bob", cust, "PHONE_NUMBER", Action{Kind: Mask, KeepLast: 2}, true},
		{"glob ? not two chars", "bob", ColumnRef{"shop", "public", "customers", "phone12"}, "PHONE_NUMBER", Action{Kind: Tokenize}, false},
		{"glob ? not zero chars", "bob", ColumnRef{"shop", "public", "customers", "phone"}, "PHONE_NUMBER", Action{Kind: Tokenize}, false},
		{"not_users excludes", "support", cust, "PHONE_NUMBER", Action{Kind: Tokenize}, false},
		{"right-aligned table.column", "support", users, "EMAIL_ADDRESS", Action{Kind: Mask, KeepDomain: true}, true},
		{"right-aligned other user", "bob", users, "", Action{Kind: Allow}, false},
		{"type list", "bob", ColumnRef{"shop", "billing", "cards", "iban"}, "IBAN_CODE", Action{Kind: Hash}, true},
		{"type list miss", "bob", ColumnRef{"shop", "billing", "cards", "iban"}, "US_SSN", Action{Kind: Redact}, false},
		{"single part pattern", "bob", ColumnRef{Database: "shop", Column: "ssn"}, "", Action{Kind: Null}, true},
		{"computed column has no table", "bob", ColumnRef{Database: "shop", Column: "email"}, "", Action{Kind: Allow}, false},
		{"computed column, table pattern", "support", ColumnRef{Database: "shop", Column: "email"}, "EMAIL_ADDRESS", Action{Kind: Tokenize, KeepDomain: true}, false},
	}
	for _, c := range cases {
		got, explicit := p.Match(c.user, c.col, c.det)
		if got != c.want || explicit != c.explicit {
			t.Errorf("%s: Match(%q, %+v, %q) = %+v, %v; want %+v, %v", c.name, c.user, c.col, c.det, got, explicit, c.want, c.explicit)
		}
		if d := p.Decide(c.user, c.col, c.det); d != got {
			t.Errorf("%s: Decide differs from Match", c.name)
		}
	}
	if p.Mode() != Enforce || p.NumRules() != 7 {
		t.Errorf("mode %v rules %d", p.Mode(), p.NumRules())
	}
}

func TestFirstMatchWins(t *testing.T) {
	p := mustPlan(t, `
rules:
  - match: {column: "*.*.t.c"}
    action: hash
  - match: {column: "*.*.t.c", users: [alice]}
    action: allow
`)
	if a := p.Decide("alice", ColumnRef{"d", "s", "t", "c"}, "EMAIL_ADDRESS"); a.Kind != Hash {
		t.Fatalf("got %v, want hash (first rule)", a.Kind)
	}
}

func TestModesAndDefaults(t *testing.T) {
	for src, want := range map[string]Mode{"": Enforce, "masking: off": Off, "masking: observe": Observe, "masking: enforce": Enforce} {
		if m := mustPlan(t, src).Mode(); m != want {
			t.Errorf("%q: mode %v want %v", src, m, want)
		}
	}
	d := Default()
	if d.Mode() != Enforce || d.Decide("anyone", ColumnRef{Column: "x"}, "EMAIL_ADDRESS").Kind != Tokenize {
		t.Fatal("default plan must enforce and tokenize every detected type")
	}
	if d.Decide("anyone", ColumnRef{Column: "x"}, "").Kind != Allow {
		t.Fatal("default plan must not force columns with nothing detected")
	}
	p := mustPlan(t, "default_action: mask\n")
	if a := p.Decide("u", ColumnRef{}, "PHONE_NUMBER"); a != (Action{Kind: Mask, KeepLast: DefaultKeepLast}) {
		t.Fatalf("default mask: %+v", a)
	}
}

func TestCanonicalType(t *testing.T) {
	o := Options{Getenv: noEnv, CanonicalType: func(s string) (string, bool) {
		switch strings.ToUpper(s) {
		case "EMAIL", "EMAIL_ADDRESS":
			return "EMAIL_ADDRESS", true
		}
		return "", false
	}}
	p, err := ParseWith([]byte("rules:\n  - match: {type: email}\n    action: hash\n"), "p.yaml", o)
	if err != nil {
		t.Fatal(err)
	}
	if p.Decide("u", ColumnRef{}, "EMAIL_ADDRESS").Kind != Hash {
		t.Fatal("alias not canonicalized")
	}
	_, err = ParseWith([]byte("rules:\n  - match: {type: [email, SNN]}\n    action: hash\n"), "p.yaml", o)
	if err == nil || err.Error() != `p.yaml:2: rules[0].match.type: unknown PII type "SNN"` {
		t.Fatalf("err = %v", err)
	}
}

func TestGlob(t *testing.T) {
	cases := []struct {
		pat, name string
		want      bool
	}{
		{"*", "", true}, {"*", "abc", true}, {"a*", "abc", true}, {"a*c", "abc", true}, {"a*c", "ab", false},
		{"*mail*", "e_mail_addr", true}, {"?", "", false}, {"??", "ab", true}, {"a?c", "aXc", true},
		{"a*b*c", "axxbyyc", true}, {"a*b*c", "axxbyy", false}, {"email", "EMAIL", true}, {"*_at", "created_at", true},
		{"*a", "aaaa", true}, {"a**", "a", true},
	}
	for _, c := range cases {
		cp, msg := compileColumnPattern(c.pat)
		if msg != "" {
			t.Fatal(msg)
		}
		if got := cp.match(&ColumnRef{Column: c.name}); got != c.want {
			t.Errorf("glob %q %q = %v want %v", c.pat, c.name, got, c.want)
		}
	}
}

func TestWatcherReload(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.yaml")
	os.WriteFile(path, []byte("masking: observe\n"), 0o600)
	w, err := NewWatcher(path, Options{Getenv: noEnv})
	if err != nil {
		t.Fatal(err)
	}
	old := w.Plan()
	if old.Mode() != Observe {
		t.Fatal("mode")
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() { // readers during reloads (run with -race)
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				if w.Plan() == nil {
					panic("nil plan")
				}
			}
		}
	}()
	os.WriteFile(path, []byte("masking: enforcing\n"), 0o600)
	if _, err := w.Reload(); err == nil || !strings.Contains(err.Error(), `unknown mode "enforcing"`) {
		t.Fatalf("invalid reload: %v", err)
	}
	if w.Plan() != old {
		t.Fatal("invalid file replaced the plan")
	}
	os.WriteFile(path, []byte("masking: enforce\n"), 0o600)
	p, err := w.Reload()
	if err != nil || w.Plan() != p || p.Mode() != Enforce {
		t.Fatalf("reload: %v", err)
	}
	close(stop)
	wg.Wait()
	h := NewHolder(nil)
	if prev := h.Swap(p); prev == nil || h.Plan() != p {
		t.Fatal("holder swap")
	}
}

func TestDecideAllocs(t *testing.T) {
	p := mustPlan(t, fullExample)
	col := ColumnRef{"shop", "public", "customers", "phone1"}
	n := testing.AllocsPerRun(100, func() { p.Decide("bob", col, "PHONE_NUMBER") })
	if n != 0 {
		t.Fatalf("Decide allocates %v per call", n)
	}
}

func BenchmarkDecide(b *testing.B) {
	p := mustPlan(b, fullExample)
	col := ColumnRef{"shop", "public", "customers", "phone1"}
	b.ReportAllocs()
	for b.Loop() {
		p.Decide("bob", col, "PHONE_NUMBER")
	}
}
