// Package masking is maskwire's masker: it implements engine.Masker and
// engine.MessageFilter by joining column verdicts (classify), the policy
// (policy) and the transforms (mask).
//
// Work is done once per result set where it can be: each column's verdict,
// rule and action are resolved in PlanResult; per row, only the columns the
// plan names are touched, and a result set whose plan masks nothing is
// relayed byte for byte (PlanResult returns nil). Nothing raw leaves on an
// error: a value that cannot be transformed is redacted, a row that cannot be
// walked ends the session.
package masking

import (
	"errors"
	"hash/maphash"
	"sync/atomic"

	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/codec"
	"github.com/maskwire/maskwire/engine"
)

// Mode is the masking mode.
type Mode uint8

const (
	// ModeEnforce masks (the default).
	ModeEnforce Mode = iota
	// ModeObserve classifies and reports, and forwards values unchanged.
	ModeObserve
	// ModeOff is a plain proxy: no classification at all.
	ModeOff
)

// ParseMode reads "off", "observe" or "enforce".
func ParseMode(s string) (Mode, error) {
	switch s {
	case "enforce", "":
		return ModeEnforce, nil
	case "observe":
		return ModeObserve, nil
	case "off":
		return ModeOff, nil
	}
	return 0, errors.New(`masking mode must be one of off, observe, enforce (got "` + s + `")`)
}

func (m Mode) String() string {
	switch m {
	case ModeObserve:
		return "observe"
	case ModeOff:
		return "off"
	}
	return "enforce"
}

// Report summarizes what a session's masker saw, for logs and audit.
type Report struct {
	User, Database string
	ResultSets     uint64
	Rows           uint64
	// Found counts values (or spans in free text) found per PII type;
	// Masked counts those transformed (0 in observe mode).
	Found  [classify.NumTypes]uint64
	Masked [classify.NumTypes]uint64
}

// Options configure the masker of every session. Fields must not change once
// sessions exist; Rules is read once per result set, so a reload swaps it.
type Options struct {
	// Mode returns the current masking mode (reloadable); nil means enforce.
	Mode func() Mode
	// Rules returns the current rules (reloadable); nil means the default:
	// tokenize every detected type for every client.
	Rules func() Rules
	// Transforms tokenizes, masks, redacts and hashes values. Required.
	Transforms Transforms
	// Resolver decides column verdicts. Required.
	Resolver *classify.Resolver
	// Scanner finds spans; nil means classify.Default().
	Scanner *classify.Scanner
	// Catalog names table columns for column rules; nil means rules by
	// column name apply to the result's field names only.
	Catalog Catalog
	// OnClose receives each session's report when the session ends.
	OnClose func(Report)
}

// ColumnRef names a result column for the rules: database.schema.table.column
// where the catalog knows the table, else only Column (the field name).
type ColumnRef struct {
	Database, Schema, Table, Column string
}

// Rules decide what happens to a column's values. Decide is called once per
// result column and PII type (not per row); typ is classify.None for the
// column itself, before anything is detected, which lets a rule force an
// action on a column whatever it holds.
type Rules interface {
	Decide(user string, col ColumnRef, typ classify.Type) (a Action, explicit bool)
}

// Catalog resolves a table column's names. Column is called once per table
// column and result set; implementations cache.
type Catalog interface {
	Column(database string, tableOID uint32, attnum int16) (ColumnRef, bool)
}

// Kind is what an action does to a value.
type Kind uint8

const (
	Allow    Kind = iota // forward raw
	Tokenize             // deterministic keyed, format-preserving token
	Mask                 // partial: keep the last N, keep the domain
	Redact               // a placeholder valid for the type
	Null                 // SQL NULL (a placeholder inside free text)
	Hash                 // keyed hash, hex
)

// Action is a rule's decision.
type Action struct {
	Kind       Kind
	KeepLast   int
	KeepDomain bool
}

// Transforms produce what stands in for a value.
type Transforms interface {
	// AppendValue appends the replacement of a whole column value of PII type
	// typ, valid for the column's type in its format (a binary int8 stays 8
	// bytes). It does not handle Allow or Null.
	AppendValue(dst []byte, a Action, typ classify.Type, col *engine.Column, v []byte) ([]byte, error)
	// AppendSpan appends the replacement of a span of type typ inside text.
	AppendSpan(dst []byte, a Action, typ classify.Type, v []byte) []byte
	// AppendRedacted appends a placeholder valid for the column's type and
	// format; it must not fail.
	AppendRedacted(dst []byte, col *engine.Column) []byte
}

// defaultRules: tokenize every detected type for every client.
type defaultRules struct{}

func (defaultRules) Decide(string, ColumnRef, classify.Type) (Action, bool) {
	return Action{Kind: Tokenize}, false
}

// NewFactory returns the engine's NewMasker hook.
func NewFactory(o *Options) func(engine.SessionInfo) engine.Masker {
	if o.Scanner == nil {
		o.Scanner = classify.Default()
	}
	seed := maphash.MakeSeed()
	return func(info engine.SessionInfo) engine.Masker {
		m := &sessionMasker{
			o:    o,
			user: info.User,
			db:   info.Database,
			dbID: classify.DatabaseID(info.Database),
			seed: seed,
		}
		m.report.User, m.report.Database = info.User, info.Database
		m.scrub.scanner = o.Scanner
		m.scrub.replace = m.replaceSpan
		m.mode = m.currentMode()
		return m
	}
}

// sessionMasker is one session's masker. The engine calls it from the
// server direction only, one result set at a time, so it reuses one
// rowFilter and its buffers for every result set.
type sessionMasker struct {
	o      *Options
	user   string
	db     string
	dbID   uint64
	seed   maphash.Seed
	mode   Mode
	rules  Rules
	scrub  scrubber
	filter rowFilter
	report Report
	closed atomic.Bool
	// spanCol is the column whose spans replaceSpan is replacing (nil in
	// messages that carry no column).
	spanCol *colPlan
}

func (m *sessionMasker) currentMode() Mode {
	if m.o.Mode == nil {
		return ModeEnforce
	}
	return m.o.Mode()
}

// Close reports the session (the engine calls it when the session ends).
func (m *sessionMasker) Close() {
	if m.closed.Swap(true) || m.o.OnClose == nil {
		return
	}
	m.o.OnClose(m.report)
}

func (m *sessionMasker) observed(ts classify.TypeSet) {
	if ts == 0 {
		return
	}
	for t := classify.Type(1); t < classify.NumTypes; t++ {
		if ts.Has(t) {
			m.report.Found[t]++
			if m.mode == ModeEnforce {
				m.report.Masked[t]++
			}
		}
	}
}

// replaceSpan is the scrubber's replacement: the span's action comes from
// the rules for the column being scanned (or for no column).
func (m *sessionMasker) replaceSpan(dst []byte, t classify.Type, v []byte) []byte {
	a := m.decideSpan(t)
	switch a.Kind {
	case Allow:
		return append(dst, v...)
	case Null:
		a.Kind = Redact
	}
	return m.o.Transforms.AppendSpan(dst, a, t, v)
}

func (m *sessionMasker) decideSpan(t classify.Type) Action {
	if c := m.spanCol; c != nil {
		return c.decide(m, t)
	}
	a, _ := m.rules.Decide(m.user, ColumnRef{Database: m.db}, t)
	return a
}

// PlanResult implements engine.Masker.
func (m *sessionMasker) PlanResult(r *engine.Result) engine.RowFilter {
	m.mode = m.currentMode()
	if m.mode == ModeOff {
		return nil
	}
	m.rules = defaultRules{}
	if m.o.Rules != nil {
		if rs := m.o.Rules(); rs != nil {
			m.rules = rs
		}
	}
	m.report.ResultSets++
	f := &m.filter
	f.plan(m, r)
	if !f.work {
		return nil
	}
	return f
}

// fingerprint identifies a statement for computed-column verdicts.
func (m *sessionMasker) fingerprint(sql string) uint64 {
	return maphash.String(m.seed, sql)
}

var errColumnCount = errors.New("row has a different number of columns than its result set")

// ensure interfaces
var (
	_ engine.Masker        = (*sessionMasker)(nil)
	_ engine.MessageFilter = (*sessionMasker)(nil)
	_ engine.RowFilter     = (*rowFilter)(nil)
	_                      = codec.DataRow
)
