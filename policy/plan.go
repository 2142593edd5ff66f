// Package policy compiles maskwire's YAML configuration into an immutable
// Plan: the masking mode, the tokenization key, the default action per
// detected PII type, the rules (by column, by detected type, by user) and the
// serve settings.
//
// A Plan never changes once built; a reload builds a new Plan and swaps the
// pointer (Holder, Watcher), so sessions read a consistent plan without locks.
// policy is a leaf: it imports only the standard library and yaml.v3. PII
// types are plain strings ("EMAIL_ADDRESS"); the caller maps them to its own
// type values and may validate them with Options.CanonicalType.
//
// policy never logs, and never prints the tokenization key: Key formats as
// "[redacted]" and errors name where the key came from, never its bytes.
package policy

// Mode is the masking mode.
type Mode uint8

const (
	// Enforce masks values (the default).
	Enforce Mode = iota
	// Observe classifies and reports, and forwards values unchanged.
	Observe
	// Off is a plain proxy: nothing is classified.
	Off
)

func (m Mode) String() string {
	switch m {
	case Observe:
		return "observe"
	case Off:
		return "off"
	}
	return "enforce"
}

// ParseMode reads "off", "observe" or "enforce".
func ParseMode(s string) (Mode, bool) {
	switch s {
	case "enforce":
		return Enforce, true
	case "observe":
		return Observe, true
	case "off":
		return Off, true
	}
	return Enforce, false
}

// Kind is what an action does to a value. The order matches masking.Kind.
type Kind uint8

const (
	Allow    Kind = iota // forward the raw value
	Tokenize             // deterministic keyed, format-preserving token
	Mask                 // partial: keep the last N characters, or the email domain
	Redact               // a placeholder valid for the type
	Null                 // SQL NULL (a placeholder inside free text)
	Hash                 // keyed hash, hex
)

var kindNames = [...]string{Allow: "allow", Tokenize: "tokenize", Mask: "mask", Redact: "redact", Null: "null", Hash: "hash"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// ParseKind reads an action name.
func ParseKind(s string) (Kind, bool) {
	for k, n := range kindNames {
		if s == n {
			return Kind(k), true
		}
	}
	return Allow, false
}

// DefaultKeepLast is what `action: mask` keeps when neither keep_last nor
// keep_domain is given.
const DefaultKeepLast = 4

// MaxKeepLast bounds keep_last.
const MaxKeepLast = 64

// Action is a decision for a column's values.
type Action struct {
	Kind Kind
	// KeepLast (Mask): how many trailing characters stay in clear.
	KeepLast int
	// KeepDomain (Mask, and Tokenize for emails): the email's domain stays.
	KeepDomain bool
}

// ColumnRef names a result column: database.schema.table.column where the
// caller knows the table, else only Database and Column (a computed column).
type ColumnRef struct {
	Database, Schema, Table, Column string
}

// Key is secret key material. It formats as "[redacted]" with every fmt verb,
// so a Plan or Key printed by mistake does not leak it.
type Key []byte

// String implements fmt.Stringer.
func (Key) String() string { return "[redacted]" }

// GoString implements fmt.GoStringer.
func (Key) GoString() string { return "[redacted]" }

// MinKeyLen is the shortest tokenization key accepted, in bytes.
const MinKeyLen = 16

// DefaultKeyEnv is the environment variable read for the key when the
// configuration names neither tokenization.key nor tokenization.key_env.
const DefaultKeyEnv = "MASKWIRE_TOKEN_KEY"

// Plan is a compiled configuration. It is immutable and safe for concurrent
// use; build it with Parse, Load or Default.
type Plan struct {
	source     string
	mode       Mode
	key        Key
	keySource  string
	defaultAll Action
	defaults   []typedAction // per-type defaults, searched linearly (few)
	rules      []rule
}

type typedAction struct {
	typ string
	act Action
}

// Default returns the plan used with no configuration file: enforce, and
// tokenize every detected type for every client. Its key comes from
// $MASKWIRE_TOKEN_KEY when that is set (and long enough); otherwise Key is nil.
func Default() *Plan {
	p, err := Parse(nil, "")
	if err != nil {
		// Only an invalid $MASKWIRE_TOKEN_KEY can fail; keep the default
		// without a key and let the caller decide (it will refuse to start).
		return &Plan{defaultAll: Action{Kind: Tokenize}}
	}
	return p
}

// Source is the file the plan was parsed from ("" for Default).
func (p *Plan) Source() string { return p.source }

// Mode is the masking mode.
func (p *Plan) Mode() Mode { return p.mode }

// Key returns the tokenization key, nil when none is configured. The caller
// must not modify it and must never log it.
func (p *Plan) Key() Key { return p.key }

// KeySource says where the key came from, for logs: "config", "$NAME" or
// "none". It never contains key material.
func (p *Plan) KeySource() string { return p.keySource }

// NumRules is the number of rules.
func (p *Plan) NumRules() int { return len(p.rules) }

// Decide returns the action for the values of col, of detected PII type
// detected, as seen by user. detected is "" before anything is detected
// (the column itself): then only rules that force an action on the column
// apply (see Match) and the result is Allow when none does.
//
// Decide is meant to be called once per result-set column and type, but it
// is cheap anyway: rules are precompiled, nothing allocates.
func (p *Plan) Decide(user string, col ColumnRef, detected string) Action {
	a, _ := p.Match(user, col, detected)
	return a
}

// Match is Decide that also reports whether a rule matched (explicit) rather
// than the default action. The first matching rule wins.
//
// A rule matches when each of its conditions holds: its column pattern
// matches col, detected is one of its types, user is one of its users and
// none of its not_users. With detected == "" (no detection yet) a rule with a
// type condition never matches, and a rule without a column pattern matches
// only when its action is allow (a trusted user's allow covers every column,
// so those columns need not even be scanned); a column rule without types
// forces its action on every value of the column, PII detected or not.
func (p *Plan) Match(user string, col ColumnRef, detected string) (Action, bool) {
	for i := range p.rules {
		if p.rules[i].matches(user, &col, detected) {
			return p.rules[i].act, true
		}
	}
	if detected == "" {
		return Action{Kind: Allow}, false
	}
	return p.DefaultAction(detected), false
}

// DefaultAction is the default_action for a detected type.
func (p *Plan) DefaultAction(detected string) Action {
	for i := range p.defaults {
		if p.defaults[i].typ == detected {
			return p.defaults[i].act
		}
	}
	return p.defaultAll
}

type rule struct {
	index    int
	column   columnPattern // zero: no column condition
	types    []string
	users    []string
	notUsers []string
	act      Action
}

func (r *rule) matches(user string, col *ColumnRef, detected string) bool {
	if detected == "" {
		if len(r.types) > 0 || (!r.column.set && r.act.Kind != Allow) {
			return false
		}
	} else if len(r.types) > 0 && !contains(r.types, detected) {
		return false
	}
	if len(r.users) > 0 && !contains(r.users, user) {
		return false
	}
	if len(r.notUsers) > 0 && contains(r.notUsers, user) {
		return false
	}
	return !r.column.set || r.column.match(col)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
