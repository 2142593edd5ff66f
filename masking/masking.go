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
	"math/bits"
	"sync/atomic"

	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/engine"
	"github.com/maskwire/maskwire/mask"
	"github.com/maskwire/maskwire/policy"
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
	// Tokenizer tokenizes and hashes values under the configured key. Required.
	Tokenizer *mask.Tokenizer
	// Resolver decides column verdicts. Required.
	Resolver *classify.Resolver
	// Scanner finds spans; nil means classify.Default().
	Scanner *classify.Scanner
	// Catalog names table columns for column rules; nil means rules by
	// column name apply to the result's field names only.
	Catalog Catalog
	// OnClose receives each session's report when the session ends.
	OnClose func(Report)
	// EphemeralKey: the key was generated at start (none configured).
	EphemeralKey bool
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
	Decide(user string, col ColumnRef, typ classify.Type) (a policy.Action, explicit bool)
}

// Catalog resolves a table column's names (Column is called once per table
// column and result set; implementations cache) and describes the result
// columns of a query (for COPY, whose stream carries none).
type Catalog interface {
	Column(database string, tableOID uint32, attnum int16) (ColumnRef, bool)
	Describe(database, query string) ([]engine.Column, bool)
}

// defaultRules: tokenize every detected type for every client.
type defaultRules struct{}

func (defaultRules) Decide(string, ColumnRef, classify.Type) (policy.Action, bool) {
	return policy.Action{Kind: policy.Tokenize}, false
}

// NewFactory returns the engine's NewMasker hook.
func NewFactory(o *Options) func(engine.SessionInfo) engine.Masker {
	if o.Scanner == nil {
		o.Scanner = classify.Default()
	}
	seed := maphash.MakeSeed()
	// Scan reports nothing for a value without a trigger byte or keyword
	// unless a detector asks to see every value (classify's contract).
	every := false
	for _, d := range o.Scanner.Detectors() {
		every = every || d.Triggers().EveryValue
	}
	return func(info engine.SessionInfo) engine.Masker {
		m := &sessionMasker{
			o:    o,
			user: info.User,
			db:   info.Database,
			dbID: classify.DatabaseID(info.Database),
			seed: seed,
			// skipQuiet: values without triggers need no Scan.
			skipQuiet: !every,
		}
		m.report.User, m.report.Database = info.User, info.Database
		m.xf.s = o.Tokenizer.NewSession()
		m.scrub.scanner = o.Scanner
		m.scrub.replace = m.replaceSpan
		m.refresh()
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
	xf     transforms
	filter rowFilter
	copy   copyOut
	// fetched: a COPY's columns described ahead by FetchCopy's func (on
	// another goroutine, while the engine holds the session).
	fetched *copyFetch
	report  Report
	closed  atomic.Bool
	// spanCol is the column whose spans replaceSpan is replacing (nil in
	// messages that carry no column).
	spanCol *colPlan
	// skipQuiet: a value with no trigger byte or keyword is not scanned
	// (HasTrigger costs less than a Scan that finds nothing; appendScanned
	// skips the test for loudSkip values after one that had a trigger).
	skipQuiet bool
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
	// The set's bits only, not a walk over every type: a value has a few.
	enforce := m.mode == ModeEnforce
	for b := uint64(ts & classify.AllTypes); b != 0; b &= b - 1 {
		t := bits.TrailingZeros64(b)
		m.report.Found[t]++
		if enforce {
			m.report.Masked[t]++
		}
	}
}

// replaceSpan is the scrubber's replacement: the span's action comes from
// the rules for the column being scanned (or for no column).
func (m *sessionMasker) replaceSpan(dst []byte, t classify.Type, v []byte) []byte {
	return m.xf.s.AppendText(dst, m.decideSpan(t), t, v)
}

func (m *sessionMasker) decideSpan(t classify.Type) policy.Action {
	if c := m.spanCol; c != nil {
		return c.decide(m, t)
	}
	a, _ := m.rules.Decide(m.user, ColumnRef{Database: m.db}, t)
	return a
}

// PlanResult implements engine.Masker.
func (m *sessionMasker) PlanResult(r *engine.Result) engine.RowFilter {
	m.refresh()
	if m.mode == ModeOff {
		return nil
	}
	m.report.ResultSets++
	f := &m.filter
	f.plan(m, r)
	if !f.work {
		return nil
	}
	return f
}

// refresh reads the current mode and rules (a reload swaps them); called
// once per result set, and before the first message of a session.
func (m *sessionMasker) refresh() {
	m.mode = m.currentMode()
	m.rules = defaultRules{}
	if m.o.Rules != nil {
		if rs := m.o.Rules(); rs != nil {
			m.rules = rs
		}
	}
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
	_ engine.Fetcher       = (*sessionMasker)(nil)
	_ CachedCatalog        = (*PGCatalog)(nil)
	_ engine.RowFilter     = (*rowFilter)(nil)
)
