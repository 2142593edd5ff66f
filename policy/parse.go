package policy

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"os"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Error is a configuration error at a place in the file. Its text is
// "FILE:LINE: PATH: MSG", e.g.
//
//	policy.yaml:12: rules[3].action: unknown action "tokenise" (want one of allow, tokenize, mask, redact, null, hash)
//
// PATH is the key path with 0-based list indexes. Line is 0 when the error
// has no place in the file (then "FILE: PATH: MSG").
type Error struct {
	File   string
	Line   int
	Column int
	Path   string
	Msg    string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Options tune Parse.
type Options struct {
	// CanonicalType maps a PII type name as written in the file to its
	// canonical name (e.g. "EMAIL" -> "EMAIL_ADDRESS"), reporting false for an
	// unknown name, which is then an error at its line. The caller passes its
	// classifier's parser, e.g.
	//
	//	func(s string) (string, bool) { t, ok := classify.ParseType(s); return t.String(), ok }
	//
	// nil accepts any name of the form [A-Z][A-Z0-9_]* as is.
	CanonicalType func(name string) (string, bool)
	// Getenv reads the key's environment variable; nil means os.Getenv.
	Getenv func(string) string
}

// Parse compiles a configuration file's contents; filename names it in
// errors. Empty data is the default plan (see Default).
func Parse(data []byte, filename string) (*Plan, error) {
	return ParseWith(data, filename, Options{})
}

// Load reads and compiles the file at path.
func Load(path string) (*Plan, error) { return LoadWith(path, Options{}) }

// LoadWith is Load with options.
func LoadWith(path string, o Options) (*Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseWith(data, path, o)
}

// ParseWith is Parse with options.
func ParseWith(data []byte, filename string, o Options) (*Plan, error) {
	if filename == "" {
		filename = "policy"
	}
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	c := &compiler{file: filename, o: o}
	p := &Plan{source: filename, defaultAll: Action{Kind: Tokenize}, keySource: "none"}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, c.yamlError(err)
	}
	var root *yaml.Node
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		root = doc.Content[0]
	}
	keySet := false
	if root != nil && !(root.Kind == yaml.ScalarNode && root.Tag == "!!null") {
		if root.Kind != yaml.MappingNode {
			return nil, c.errAt(root, "", "the file must be a mapping (masking, tokenization, default_action, rules, server)")
		}
		err := c.mapping(root, "", []string{"version", "masking", "tokenization", "default_action", "rules", "server"}, func(k string, v *yaml.Node, path string) error {
			switch k {
			case "version":
				n, err := c.int(v, path)
				if err != nil {
					return err
				}
				if n != 1 {
					return c.errAt(v, path, "unsupported version "+strconv.Itoa(n)+" (want 1)")
				}
			case "masking":
				s, err := c.str(v, path)
				if err != nil {
					return err
				}
				m, ok := ParseMode(s)
				if !ok {
					return c.errAt(v, path, "unknown mode "+strconv.Quote(s)+" (want one of off, observe, enforce)")
				}
				p.mode = m
			case "tokenization":
				keySet = true
				return c.tokenization(v, path, p)
			case "default_action":
				return c.defaultAction(v, path, p)
			case "rules":
				return c.rules(v, path, p)
			case "server":
				// Settings of `maskwire serve`: read and validated there
				// (cmd/maskwire/config.go), one schema in one place.
				return nil
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if !keySet {
		if err := c.keyFromEnv(nil, "", DefaultKeyEnv, false, p); err != nil {
			return nil, err
		}
	}
	return p, nil
}

type compiler struct {
	file string
	o    Options
}

func (c *compiler) errAt(n *yaml.Node, path, msg string) error {
	e := &Error{File: c.file, Path: path, Msg: msg}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	return e
}

// yamlError turns yaml.v3's "yaml: line N: msg" into an Error.
func (c *compiler) yamlError(err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	e := &Error{File: c.file, Msg: "YAML syntax: " + msg}
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				e.Line, e.Msg = n, "YAML syntax: "+strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return e
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// mapping walks a mapping node, refusing unknown and duplicate keys.
func (c *compiler) mapping(n *yaml.Node, path string, keys []string, fn func(k string, v *yaml.Node, path string) error) error {
	n = resolveAlias(n)
	if n.Kind != yaml.MappingNode {
		return c.errAt(n, path, "want a mapping with keys "+strings.Join(keys, ", ")+", got "+describe(n))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], resolveAlias(n.Content[i+1])
		k := kn.Value
		if kn.Kind != yaml.ScalarNode || !contains(keys, k) {
			return c.errAt(kn, path, "unknown key "+strconv.Quote(k)+" (want one of "+strings.Join(keys, ", ")+")")
		}
		for j := 0; j < i; j += 2 {
			if n.Content[j].Value == k {
				return c.errAt(kn, path, "duplicate key "+strconv.Quote(k))
			}
		}
		if err := fn(k, vn, join(path, k)); err != nil {
			return err
		}
	}
	return nil
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return strconv.Quote(n.Value)
	}
	return "something else"
}

func (c *compiler) str(n *yaml.Node, path string) (string, error) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", c.errAt(n, path, "want a string, got "+describe(n))
	}
	return n.Value, nil
}

func (c *compiler) int(n *yaml.Node, path string) (int, error) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		return 0, c.errAt(n, path, "want an integer, got "+describe(n))
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil {
		return 0, c.errAt(n, path, "want an integer, got "+strconv.Quote(n.Value))
	}
	return v, nil
}

func (c *compiler) bool(n *yaml.Node, path string) (bool, error) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		return false, c.errAt(n, path, "want true or false, got "+describe(n))
	}
	return n.Value == "true" || n.Value == "True" || n.Value == "TRUE", nil
}

// strList reads a string or a list of strings.
func (c *compiler) strList(n *yaml.Node, path string) ([]string, error) {
	if n.Kind == yaml.ScalarNode {
		s, err := c.str(n, path)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, c.errAt(n, path, "want a string or a list of strings, got "+describe(n))
	}
	if len(n.Content) == 0 {
		return nil, c.errAt(n, path, "empty list")
	}
	out := make([]string, 0, len(n.Content))
	for i, e := range n.Content {
		s, err := c.str(resolveAlias(e), index(path, i))
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func (c *compiler) typeName(n *yaml.Node, path, s string) (string, error) {
	if c.o.CanonicalType != nil {
		t, ok := c.o.CanonicalType(s)
		if !ok {
			return "", c.errAt(n, path, "unknown PII type "+strconv.Quote(s))
		}
		return t, nil
	}
	if !validTypeName(s) {
		return "", c.errAt(n, path, "invalid PII type name "+strconv.Quote(s)+" (want upper case like EMAIL_ADDRESS)")
	}
	return s, nil
}

func validTypeName(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func (c *compiler) kind(n *yaml.Node, path string) (Kind, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" && (n.Value == "null" || n.Value == "Null" || n.Value == "NULL") {
		return Null, nil // `action: null` unquoted is YAML's null: take it as the action
	}
	s, err := c.str(n, path)
	if err != nil {
		return 0, err
	}
	k, ok := ParseKind(s)
	if !ok {
		return 0, c.errAt(n, path, "unknown action "+strconv.Quote(s)+" (want one of allow, tokenize, mask, redact, null, hash)")
	}
	return k, nil
}

func (c *compiler) tokenization(n *yaml.Node, path string, p *Plan) error {
	var keyNode, envNode *yaml.Node
	var key, env string
	err := c.mapping(n, path, []string{"key", "key_env"}, func(k string, v *yaml.Node, path string) error {
		s, err := c.str(v, path)
		if err != nil {
			return err
		}
		if k == "key" {
			keyNode, key = v, s
		} else {
			envNode, env = v, s
		}
		return nil
	})
	if err != nil {
		return err
	}
	switch {
	case keyNode != nil && envNode != nil:
		return c.errAt(envNode, join(path, "key_env"), "set key or key_env, not both")
	case keyNode != nil:
		b, err := decodeKey(key)
		if err != nil {
			return c.errAt(keyNode, join(path, "key"), err.Error())
		}
		if len(b) < MinKeyLen {
			return c.errAt(keyNode, join(path, "key"), "key is "+strconv.Itoa(len(b))+" bytes, want at least "+strconv.Itoa(MinKeyLen))
		}
		p.key, p.keySource = b, "config"
		return nil
	case envNode != nil:
		if env == "" {
			return c.errAt(envNode, join(path, "key_env"), "empty variable name")
		}
		return c.keyFromEnv(envNode, join(path, "key_env"), env, true, p)
	}
	return c.keyFromEnv(nil, "", DefaultKeyEnv, false, p)
}

// keyFromEnv reads the key from $name; required says an unset variable is an
// error (it was named in the file).
func (c *compiler) keyFromEnv(n *yaml.Node, path, name string, required bool, p *Plan) error {
	v := c.o.Getenv(name)
	if v == "" {
		if required {
			return c.errAt(n, path, "$"+name+" is not set")
		}
		return nil
	}
	b, err := decodeKey(v)
	if err != nil {
		return c.errAt(n, path, "$"+name+": "+err.Error())
	}
	if len(b) < MinKeyLen {
		return c.errAt(n, path, "$"+name+" is "+strconv.Itoa(len(b))+" bytes, want at least "+strconv.Itoa(MinKeyLen))
	}
	p.key, p.keySource = b, "$"+name
	return nil
}

// decodeKey reads "hex:...", "base64:..." or raw bytes. Errors never quote
// the key.
func decodeKey(s string) (Key, error) {
	if rest, ok := strings.CutPrefix(s, "hex:"); ok {
		b, err := hex.DecodeString(rest)
		if err != nil {
			return nil, errors.New("key is not valid hex")
		}
		return b, nil
	}
	if rest, ok := strings.CutPrefix(s, "base64:"); ok {
		b, err := base64.StdEncoding.DecodeString(rest)
		if err != nil {
			return nil, errors.New("key is not valid base64")
		}
		return b, nil
	}
	return Key(s), nil
}

var actionKeys = []string{"action", "keep_last", "keep_domain"}

// action reads an action: a scalar ("tokenize") or a mapping with action,
// keep_last, keep_domain. fields are the mapping's keys already read by the
// caller (a rule mixes them with match and name).
func (c *compiler) action(n *yaml.Node, path string) (Action, error) {
	n = resolveAlias(n)
	if n.Kind == yaml.ScalarNode {
		k, err := c.kind(n, path)
		if err != nil {
			return Action{}, err
		}
		return finishAction(Action{Kind: k}, false), nil
	}
	var a Action
	var an, keepNode *yaml.Node
	err := c.mapping(n, path, actionKeys, func(k string, v *yaml.Node, p string) error {
		return c.actionField(k, v, p, &a, &an, &keepNode)
	})
	if err != nil {
		return a, err
	}
	return c.checkAction(n, path, a, an, keepNode)
}

func (c *compiler) actionField(k string, v *yaml.Node, path string, a *Action, an, keepNode **yaml.Node) error {
	switch k {
	case "action":
		kind, err := c.kind(v, path)
		if err != nil {
			return err
		}
		a.Kind, *an = kind, v
	case "keep_last":
		n, err := c.int(v, path)
		if err != nil {
			return err
		}
		if n < 0 || n > MaxKeepLast {
			return c.errAt(v, path, "keep_last "+strconv.Itoa(n)+" out of range (want 0.."+strconv.Itoa(MaxKeepLast)+")")
		}
		a.KeepLast = n
		if *keepNode == nil {
			*keepNode = v
		}
	case "keep_domain":
		b, err := c.bool(v, path)
		if err != nil {
			return err
		}
		a.KeepDomain = b
		*keepNode = v
	}
	return nil
}

func (c *compiler) checkAction(n *yaml.Node, path string, a Action, an, keepNode *yaml.Node) (Action, error) {
	if an == nil {
		return a, c.errAt(n, path, "missing action")
	}
	if keepNode != nil && a.Kind != Mask && !(a.Kind == Tokenize && a.KeepLast == 0) {
		return a, c.errAt(keepNode, path, "keep_last and keep_domain apply to action mask only (keep_domain also to tokenize)")
	}
	return finishAction(a, keepNode != nil), nil
}

func finishAction(a Action, optionsGiven bool) Action {
	if a.Kind == Mask && !optionsGiven {
		a.KeepLast = DefaultKeepLast
	}
	return a
}

func (c *compiler) defaultAction(n *yaml.Node, path string, p *Plan) error {
	n = resolveAlias(n)
	if n.Kind == yaml.ScalarNode {
		a, err := c.action(n, path)
		if err != nil {
			return err
		}
		p.defaultAll = a
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return c.errAt(n, path, "want an action or a mapping of PII type (or \"*\") to action, got "+describe(n))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		kp := join(path, kn.Value)
		for j := 0; j < i; j += 2 {
			if n.Content[j].Value == kn.Value {
				return c.errAt(kn, path, "duplicate key "+strconv.Quote(kn.Value))
			}
		}
		a, err := c.action(vn, kp)
		if err != nil {
			return err
		}
		if kn.Value == "*" {
			p.defaultAll = a
			continue
		}
		t, err := c.typeName(kn, path, kn.Value)
		if err != nil {
			return err
		}
		for _, d := range p.defaults {
			if d.typ == t {
				return c.errAt(kn, path, "duplicate type "+strconv.Quote(kn.Value)+" (same as "+t+")")
			}
		}
		p.defaults = append(p.defaults, typedAction{typ: t, act: a})
	}
	return nil
}

func (c *compiler) rules(n *yaml.Node, path string, p *Plan) error {
	if n.Kind != yaml.SequenceNode {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			return nil
		}
		return c.errAt(n, path, "want a list of rules, got "+describe(n))
	}
	for i, rn := range n.Content {
		r, err := c.rule(resolveAlias(rn), index(path, i))
		if err != nil {
			return err
		}
		r.index = i
		p.rules = append(p.rules, r)
	}
	return nil
}

func (c *compiler) rule(n *yaml.Node, path string) (rule, error) {
	var r rule
	var an, keepNode, matchNode *yaml.Node
	keys := []string{"name", "match", "action", "keep_last", "keep_domain"}
	err := c.mapping(n, path, keys, func(k string, v *yaml.Node, p string) error {
		switch k {
		case "name":
			_, err := c.str(v, p)
			return err
		case "match":
			matchNode = v
			return c.match(v, p, &r)
		}
		return c.actionField(k, v, p, &r.act, &an, &keepNode)
	})
	if err != nil {
		return r, err
	}
	if matchNode == nil {
		return r, c.errAt(n, path, "missing match (use match: {column: \"*\"} to match every column)")
	}
	r.act, err = c.checkAction(n, path, r.act, an, keepNode)
	return r, err
}

func (c *compiler) match(n *yaml.Node, path string, r *rule) error {
	any := false
	err := c.mapping(n, path, []string{"column", "type", "users", "not_users", "groups"}, func(k string, v *yaml.Node, p string) error {
		switch k {
		case "column":
			s, err := c.str(v, p)
			if err != nil {
				return err
			}
			cp, msg := compileColumnPattern(s)
			if msg != "" {
				return c.errAt(v, p, msg+" in "+strconv.Quote(s))
			}
			r.column = cp
		case "type":
			list, err := c.strList(v, p)
			if err != nil {
				return err
			}
			for i, s := range list {
				en := v
				if v.Kind == yaml.SequenceNode {
					en = v.Content[i]
				}
				t, err := c.typeName(en, p, s)
				if err != nil {
					return err
				}
				r.types = append(r.types, t)
			}
		case "users":
			list, err := c.strList(v, p)
			if err != nil {
				return err
			}
			r.users = list
		case "not_users":
			list, err := c.strList(v, p)
			if err != nil {
				return err
			}
			r.notUsers = list
		case "groups":
			return c.errAt(v, p, "groups are reserved for verified identities and not supported yet (use users)")
		}
		any = true
		return nil
	})
	if err != nil {
		return err
	}
	if !any {
		return c.errAt(n, path, "empty match (use column: \"*\" to match every column)")
	}
	return nil
}
