package masking

import (
	"encoding/binary"
	"reflect"
	"strings"
	"time"

	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/codec"
	"github.com/maskwire/maskwire/engine"
	"github.com/maskwire/maskwire/mask"
	"github.com/maskwire/maskwire/policy"
)

// colPlan is one result column, resolved once per result set.
type colPlan struct {
	col engine.Column
	ref ColumnRef
	// forced: a rule names this column explicitly; its action applies to
	// every value whatever the classifier says.
	forced    bool
	forcedAct policy.Action
	// view says how to read the value as text for scanning.
	view textView
	// tokText: a text-like column (not bpchar) whose tokens are the PII
	// format's, written by mask.AppendToken directly.
	tokText bool
	// decided caches the rules' action per detected type for this column.
	decided classify.TypeSet
	acts    [classify.NumTypes]policy.Action
	// loudRun counts the values left that go to Scan without HasTrigger
	// first (appendScanned).
	loudRun uint8
}

// loudSkip is how many values of a column go straight to Scan after one
// in which HasTrigger found a trigger: in free text almost every value has
// one, and HasTrigger then only repeats the start of Scan's own search
// (Scan reports the same nothing for a quiet value, at a little more cost
// than HasTrigger).
const loudSkip = 7

func (c *colPlan) decide(m *sessionMasker, t classify.Type) policy.Action {
	if !c.decided.Has(t) {
		c.decideOnce(m, t)
	}
	return c.acts[t]
}

// decideOnce fills in t's action for this column: the forced one, or the
// rules' (decide's slow path, kept out of line so that decide inlines).
func (c *colPlan) decideOnce(m *sessionMasker, t classify.Type) {
	if c.forced {
		c.acts[t] = c.forcedAct
	} else {
		c.acts[t], _ = m.rules.Decide(m.user, c.ref, t)
	}
	c.decided = c.decided.With(t)
}

// rowFilter re-encodes the rows of one result set (reused per session).
type rowFilter struct {
	m      *sessionMasker
	cols   []colPlan
	descs  []classify.ColumnDesc
	states []classify.ColumnState
	work   bool // some column may change: otherwise PlanResult returns nil
	// cleanOnly: every column is clean (or allowed); rows pass untouched but
	// for one spot-checked row in every SpotCheckEvery, whose values are all
	// scanned. untilSpot counts the rows left before it.
	cleanOnly bool
	untilSpot int
	text      []byte // scratch: a binary value rendered as text
	json      jsonStrings
	// appended counts the rows re-encoded by AppendRow (the rest passed).
	appended uint64
	// the result shape cols and descs were described for (sameShape)
	shapeCols     []engine.Column
	shapeSQL      string // compared only when a column is computed (its verdict key is the statement's)
	shapeRules    Rules
	shapeComputed bool
	shapeAt       time.Time
	// base: the states Resolve filled for this shape, before any row, while
	// the resolver's Gen was baseGen; reused while both hold (Resolver.Gen).
	base    []classify.ColumnState
	baseGen uint64
}

func (f *rowFilter) plan(m *sessionMasker, r *engine.Result) {
	f.m = m
	f.work = false
	res := m.o.Resolver
	gen := res.Gen() // before Resolve: a change during it makes the copy stale
	same := f.sameShape(m, r)
	if same && gen == f.baseGen && len(f.base) == len(f.descs) {
		// No verdict has changed since this shape was resolved: reuse it.
		for i := range f.base {
			prev := f.states[i]
			f.states[i] = f.base[i]
			res.Continue(&f.states[i], &prev)
		}
		res.Respot(f.states)
	} else {
		if !same {
			f.describe(m, r)
		}
		f.states = res.Resolve(f.descs, f.states)
		f.base = append(f.base[:0], f.states...)
		f.baseGen = gen
	}
	opts := m.o.Resolver.Options()
	f.cleanOnly = !opts.Strict
	for i := range f.cols {
		c, st := &f.cols[i], &f.states[i]
		if !(c.forced && c.forcedAct.Kind == policy.Allow) && st.Verdict.Kind != classify.VerdictClean {
			f.cleanOnly = false
		}
	}
	if f.cleanOnly {
		if opts.SpotCheckEvery < 0 {
			return // nothing to do at all
		}
		f.work = true
		// Spread the spot-checked row's position across result sets.
		f.untilSpot = int((m.report.ResultSets*0x9E3779B1)%uint64(opts.SpotCheckEvery)) + 1
		return
	}
	for i := range f.cols {
		c, st := &f.cols[i], &f.states[i]
		switch {
		case c.forced:
			if c.forcedAct.Kind != policy.Allow {
				f.work = true
			}
		case st.Verdict.Kind == classify.VerdictClean && !opts.Strict && opts.SpotCheckEvery < 0:
			// Clean and never spot-checked: nothing to do.
		case st.Verdict.Kind == classify.VerdictPII && c.decide(m, st.Verdict.Type).Kind == policy.Allow:
		default:
			f.work = true
		}
	}
}

// replanEvery bounds how long a session reuses a result shape's column
// names and forced actions (the catalog's answers) without asking again.
const replanEvery = time.Second

// sameShape reports whether r has the columns and rules of the result set
// described last (and its statement, when a column is computed), within
// replanEvery: a statement run again, with other parameters or literals
// (pgbench, an application's hot query) then skips the catalog and rule
// look-ups. Verdicts are always resolved again: they change as values are
// seen.
func (f *rowFilter) sameShape(m *sessionMasker, r *engine.Result) bool {
	if f.shapeAt.IsZero() || (f.shapeComputed && r.SQL != f.shapeSQL) ||
		!sameRules(m.rules, f.shapeRules) || !f.sameColumns(r) || time.Since(f.shapeAt) > replanEvery {
		return false
	}
	return true
}

// sameColumns reports whether r has the columns of the shape described last.
func (f *rowFilter) sameColumns(r *engine.Result) bool {
	if f.shapeAt.IsZero() || len(r.Columns) != len(f.shapeCols) {
		return false
	}
	for i := range r.Columns {
		if r.Columns[i] != f.shapeCols[i] {
			return false
		}
	}
	return true
}

// sameRules compares two Rules values when their dynamic type allows it
// (a reload swaps in a new value; an incomparable one never matches).
func sameRules(a, b Rules) bool {
	// The rules FromPlan installs, and the default: no reflection on a
	// statement's path.
	switch pa := a.(type) {
	case PolicyRules:
		pb, ok := b.(PolicyRules)
		return ok && pa.Plan == pb.Plan
	case defaultRules:
		_, ok := b.(defaultRules)
		return ok
	}
	ta := reflect.TypeOf(a)
	return ta == reflect.TypeOf(b) && ta != nil && ta.Comparable() && a == b
}

// describe resolves what does not change while a result shape repeats: each
// column's names (from the catalog for a table column), how its values are
// read as text, and an explicit rule's forced action.
func (f *rowFilter) describe(m *sessionMasker, r *engine.Result) {
	n := len(r.Columns)
	f.cols = resize(f.cols, n)
	f.descs = resize(f.descs, n)
	f.states = resize(f.states, n)
	f.shapeComputed = false
	var fp uint64
	for i := range r.Columns {
		col := r.Columns[i]
		c := &f.cols[i]
		*c = colPlan{col: col, ref: ColumnRef{Database: m.db, Column: col.Name}}
		name := col.Name
		if col.TableOID != 0 {
			if m.o.Catalog != nil {
				if ref, ok := m.o.Catalog.Column(m.db, col.TableOID, col.Attnum); ok {
					c.ref = ref
					name = ref.Column // the real name, not an alias, for the name hint
				}
			}
			f.descs[i] = classify.ColumnDesc{Name: []byte(name), Key: classify.TableColumnKey(m.dbID, col.TableOID, col.Attnum, col.TypeOID)}
		} else {
			if fp == 0 {
				fp = m.fingerprint(r.SQL)
				f.shapeComputed = true
			}
			f.descs[i] = classify.ColumnDesc{Name: []byte(name), Key: classify.ComputedColumnKey(m.dbID, fp, uint16(i), col.TypeOID)}
		}
		c.view = viewOf(&col)
		c.tokText = mask.IsTextual(col.TypeOID) && col.TypeOID != mask.OIDBpchar
		if a, explicit := m.rules.Decide(m.user, c.ref, classify.None); explicit {
			c.forced, c.forcedAct = true, a
		}
	}
	f.shapeCols = append(f.shapeCols[:0], r.Columns...)
	f.shapeSQL = ""
	if f.shapeComputed {
		f.shapeSQL = strings.Clone(r.SQL) // r.SQL's bytes are the engine's, reused
	}
	f.shapeRules, f.shapeAt = m.rules, time.Now()
}

func resize[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}

// PassRows implements engine.RowPasser.
func (f *rowFilter) PassRows() int {
	if !f.cleanOnly {
		return 0
	}
	return f.untilSpot - 1
}

// Passed implements engine.RowPasser.
func (f *rowFilter) Passed(n int) {
	f.untilSpot -= n
	f.m.report.Rows += uint64(n)
}

// AppendRow implements engine.RowFilter.
//
// It walks the row's fields itself (offsets in registers, no reader state
// in memory) and copies the fields it leaves alone straight from body: a
// run of untouched fields (length words included, NULLs too) is one append
// when the next changed field, or the row's end, is reached. Only changed
// fields are re-encoded.
func (f *rowFilter) AppendRow(dst, raw, body []byte) ([]byte, error) {
	m := f.m
	m.report.Rows++
	f.appended++
	cols, states := f.cols, f.states
	if len(body) < 2 {
		if len(cols) == 0 {
			return dst, codec.ErrMalformedDataRow
		}
		return dst, errColumnCount
	}
	if int(binary.BigEndian.Uint16(body)) != len(cols) {
		return dst, errColumnCount
	}
	states = states[:len(cols)]
	start := len(dst)
	dst, msg := codec.BeginDataRow(dst, len(cols))
	res := m.o.Resolver
	spot := f.cleanOnly
	if spot {
		f.untilSpot = res.Options().SpotCheckEvery
	}
	enforce := m.mode == ModeEnforce
	off, run := 2, 2 // next field; start of the pending run of untouched fields
	for i := range cols {
		if len(body)-off < 4 {
			return dst[:start], codec.ErrMalformedDataRow
		}
		fstart := off
		l := int32(binary.BigEndian.Uint32(body[off:]))
		off += 4
		if l < 0 {
			if l == -1 {
				continue // NULL stays NULL
			}
			return dst[:start], codec.ErrMalformedDataRow
		}
		if int(l) > len(body)-off {
			return dst[:start], codec.ErrMalformedDataRow
		}
		voff := off
		off += int(l)
		c, st := &cols[i], &states[i]
		if spot && !c.forced {
			// The spot-checked row of a clean result set: every value is
			// scanned; PII found flips the column's verdict.
			dst = append(dst, body[run:fstart]...)
			dst = f.appendScanned(dst, c, st, body[voff:off:off])
			run = off
			if st.Verdict.Kind != classify.VerdictClean {
				f.cleanOnly = false
			}
			continue
		}
		if c.forced {
			if !enforce {
				continue
			}
			dst = append(dst, body[run:fstart]...)
			dst = f.appendWhole(dst, c, c.forcedAct, st.Verdict.Type, body[voff:off:off])
			run = off
			continue
		}
		switch res.Next(st) {
		case classify.ActionPass:
			continue
		case classify.ActionMaskWhole:
			m.report.Found[st.Verdict.Type]++
			if !enforce {
				continue
			}
			a := c.decide(m, st.Verdict.Type)
			if a.Kind == policy.Allow {
				continue
			}
			m.report.Masked[st.Verdict.Type]++
			if run != fstart { // (adjacent changed fields: nothing between them)
				dst = append(dst, body[run:fstart]...)
			}
			if a.Kind == policy.Tokenize && c.tokText {
				dst = f.appendTokenField(dst, st.Verdict.Type, body[voff:off:off], a.KeepDomain)
			} else {
				dst = f.appendWhole(dst, c, a, st.Verdict.Type, body[voff:off:off])
			}
		default: // classify.ActionScan
			if run != fstart { // (an append of nothing still costs a memmove call)
				dst = append(dst, body[run:fstart]...)
			}
			dst = f.appendScanned(dst, c, st, body[voff:off:off])
		}
		run = off
	}
	if off != len(body) {
		return dst[:start], codec.ErrMalformedDataRow // trailing bytes
	}
	if run != len(body) {
		dst = append(dst, body[run:]...)
	}
	return codec.FinishMessage(dst, msg), nil
}

// appendTokenField appends the field of a text-like value tokenized as t:
// appendWhole's common case, with few enough arguments to travel in
// registers (same result).
func (f *rowFilter) appendTokenField(dst []byte, t classify.Type, v []byte, keepDomain bool) []byte {
	dst, mark := codec.BeginField(dst)
	out, err := f.m.xf.s.AppendToken(dst, t, v, keepDomain)
	if err != nil {
		out = mask.AppendRedacted(dst, t, v)
	}
	return codec.FinishField(out, mark)
}

// appendWhole appends the field for a value masked whole under a.
func (f *rowFilter) appendWhole(dst []byte, c *colPlan, a policy.Action, t classify.Type, v []byte) []byte {
	switch a.Kind {
	case policy.Allow:
		return codec.AppendField(dst, v)
	case policy.Null:
		return codec.AppendNull(dst)
	}
	before := len(dst)
	dst, mark := codec.BeginField(dst)
	if a.Kind == policy.Tokenize && c.tokText {
		// The common case, without appendValue's dispatch (same result).
		out, err := f.m.xf.s.AppendToken(dst, t, v, a.KeepDomain)
		if err != nil {
			out = mask.AppendRedacted(dst, t, v)
		}
		return codec.FinishField(out, mark)
	}
	out, err := f.m.xf.appendValue(dst, a, t, &c.col, v)
	if err != nil {
		// Nothing raw leaves on an error: a placeholder valid for the type,
		// or NULL where the type has none.
		var ok bool
		if out, ok = f.m.xf.appendRedacted(dst[:mark], t, &c.col, v); !ok {
			return codec.AppendNull(dst[:before])
		}
	}
	return codec.FinishField(out, mark)
}

// appendScanned scans a value, feeds the verdict, and replaces what it finds.
func (f *rowFilter) appendScanned(dst []byte, c *colPlan, st *classify.ColumnState, v []byte) []byte {
	m := f.m
	if isJSON(c.col.TypeOID) {
		return f.appendJSON(dst, c, st, v)
	}
	text, spliceable := v, true
	if c.view != viewText {
		var ok bool
		f.text, spliceable, ok = c.view.render(f.text[:0], v)
		if !ok {
			// A binary value this masker cannot read as text: it cannot be
			// checked, so it does not leave as it is.
			return f.appendUnreadable(dst, c, v)
		}
		text = f.text
	}
	ctx := st.Verdict.Context()
	sc := &m.scrub
	sc.spans.Reset()
	if m.skipQuiet {
		if c.loudRun > 0 {
			c.loudRun--
		} else if !sc.scanner.HasTrigger(text) {
			// Nothing a detector could confirm: the value still counts for
			// the column's sample.
			m.o.Resolver.Observe(st, text, nil)
			return codec.AppendField(dst, v)
		} else {
			c.loudRun = loudSkip
		}
	}
	sc.scanner.Scan(text, ctx, &sc.spans)
	spans := sc.spans.Spans
	m.o.Resolver.Observe(st, text, spans)
	if len(spans) == 0 {
		return codec.AppendField(dst, v)
	}
	var found classify.TypeSet
	for _, sp := range spans {
		found = found.With(sp.Type)
	}
	m.observed(found)
	if m.mode != ModeEnforce {
		return codec.AppendField(dst, v)
	}
	if !spliceable {
		// A typed binary value (an int8 holding a card number) is replaced
		// whole: spans cannot be spliced into its bytes.
		t := spans[0].Type
		return f.appendWhole(dst, c, c.decide(m, t), t, v)
	}
	dst, mark := codec.BeginField(dst)
	m.spanCol = c
	dst = sc.splice(dst, text)
	m.spanCol = nil
	return codec.FinishField(dst, mark)
}
