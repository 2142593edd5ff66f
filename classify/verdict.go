package classify

import (
	"errors"
	"sync/atomic"
)

// VerdictKind is what a column is judged to hold.
type VerdictKind uint8

const (
	// VerdictUnknown: not yet judged; its values are scanned and sampled.
	VerdictUnknown VerdictKind = iota
	// VerdictClean: no PII; values pass untouched, spot-checked at a low rate.
	VerdictClean
	// VerdictPII: every value is PII of Verdict.Type; values are masked whole.
	VerdictPII
	// VerdictFreeText: values mix PII and other text; every value is scanned.
	VerdictFreeText
)

func (k VerdictKind) String() string {
	switch k {
	case VerdictClean:
		return "clean"
	case VerdictPII:
		return "pii"
	case VerdictFreeText:
		return "free_text"
	}
	return "unknown"
}

// VerdictSource records what a verdict was decided from (bits, combined).
type VerdictSource uint8

const (
	FromName      VerdictSource = 1 << iota // the column's name
	FromType                                // the column's data type
	FromSample                              // a sample of the column's values
	FromSpotCheck                           // a spot check of a clean column found PII
)

// Verdict is the judgement of one column.
type Verdict struct {
	Kind VerdictKind
	// Type is the PII type of a VerdictPII column; for VerdictFreeText, the
	// type found most often in the sample (None if the sample held none).
	Type Type
	// Hints are the column hints to scan its values with (Context.Column).
	Hints   ColumnHints
	Hint    NameHint      // what the column's name suggested
	Source  VerdictSource // what decided the verdict
	Sampled uint16        // how many values the sample held (FromSample)
}

// Context returns the scan context for the column's values.
func (v *Verdict) Context() Context { return Context{Column: v.Hints} }

// Options tune column verdicts. The zero value of a field means its default.
type Options struct {
	// SampleSize is how many non-null values decide a column (default 32,
	// 1..65535).
	SampleSize int
	// MinSample is the fewest sampled values a verdict is cached from when the
	// result set ends early (default 8, at most SampleSize). Below it, the next
	// result set samples the column again.
	MinSample int
	// PIIFraction is the fraction of sampled values that must be a PII type
	// (a span of that type covering most of the value) for VerdictPII
	// (default 0.9, in (0, 1]). A column whose name hints the type needs half
	// of it.
	PIIFraction float64
	// SpotCheckEvery scans one value in this many of a clean column (default
	// 1000; -1 disables spot checks).
	SpotCheckEvery int
	// Strict scans every value whatever the verdict.
	Strict bool
}

// Validate reports a bad option, with the field's name.
func (o Options) Validate() error {
	switch {
	case o.SampleSize < 0 || o.SampleSize > 65535:
		return errors.New("classify: SampleSize must be in 1..65535")
	case o.MinSample < 0 || (o.SampleSize > 0 && o.MinSample > o.SampleSize):
		return errors.New("classify: MinSample must be in 1..SampleSize")
	case o.PIIFraction < 0 || o.PIIFraction > 1:
		return errors.New("classify: PIIFraction must be in (0, 1]")
	case o.SpotCheckEvery < -1:
		return errors.New("classify: SpotCheckEvery must be >= 1, or -1 to disable")
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.SampleSize == 0 {
		o.SampleSize = 32
	}
	if o.MinSample == 0 {
		o.MinSample = 8
	}
	if o.MinSample > o.SampleSize {
		o.MinSample = o.SampleSize
	}
	if o.PIIFraction == 0 {
		o.PIIFraction = 0.9
	}
	if o.SpotCheckEvery == 0 {
		o.SpotCheckEvery = 1000
	}
	return o
}

// Resolver decides column verdicts: from the cache when it can, else from
// the column's name and type, else by sampling its first values. It is safe
// for concurrent use; per-result-set state lives in the caller's
// ColumnStates.
type Resolver struct {
	cache *VerdictCache
	opts  Options
	tick  atomic.Uint64 // spreads spot-check phases across result sets
}

// NewResolver returns a Resolver over cache (nil: no caching; every result
// set samples anew).
func NewResolver(cache *VerdictCache, opts Options) (*Resolver, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	return &Resolver{cache: cache, opts: opts.withDefaults()}, nil
}

// Options returns the resolver's options, defaults filled in.
func (r *Resolver) Options() Options { return r.opts }

// ColumnDesc describes a result column, from its RowDescription field.
type ColumnDesc struct {
	Name []byte // field name; read during Resolve only
	Key  ColumnKey
}

// Action is what to do with one value of a column.
type Action uint8

const (
	// ActionPass: forward the value untouched.
	ActionPass Action = iota
	// ActionScan: scan the value with Verdict.Context(), mask the spans found,
	// then report them with Resolver.Observe.
	ActionScan
	// ActionMaskWhole: mask the whole value as Verdict.Type.
	ActionMaskWhole
)

// ColumnState is one column of a result set being streamed: its verdict and
// the sampling and spot-check counters. The caller owns a slice of them per
// result set and reuses it; Resolve fills it.
type ColumnState struct {
	Key     ColumnKey
	Verdict Verdict
	cls     TypeClass
	sampled uint16
	hits    [NumTypes]uint16 // sampled values that were wholly PII of type t
	seen    [NumTypes]uint16 // sampled values holding a span of type t
	anyPII  uint16           // sampled values holding any span
	prose   uint16           // sampled values that read as prose
	spot    uint32           // values left until the next spot check
}

// Resolve fills states[i] for cols[i] (states must be at least as long) and
// returns states[:len(cols)]. It allocates nothing.
func (r *Resolver) Resolve(cols []ColumnDesc, states []ColumnState) []ColumnState {
	states = states[:len(cols)]
	phase := r.tick.Add(1)
	if r.cache != nil {
		r.cache.tick()
	}
	for i := range cols {
		st := &states[i]
		*st = ColumnState{Key: cols[i].Key}
		st.spot = r.spotPhase(phase + uint64(i))
		st.cls = TypeOIDClass(cols[i].Key.TypeOID)
		// Verdicts that nothing can change (PII by name or type, never-PII
		// types) are cheaper to recompute (~50 ns) than to fetch from the
		// shared cache (a segment lock and a copy); the cache holds the rest:
		// sampled verdicts and clean verdicts a spot check may flip.
		var v Verdict
		if st.cls != ClassNever && st.cls != ClassIP && st.cls != ClassMAC {
			v = r.initial(ColumnNameHintBytes(cols[i].Name), st.cls)
		} else {
			v = r.initial(NameHint{}, st.cls)
		}
		if v.Kind == VerdictPII || st.cls == ClassNever || r.cache == nil {
			st.Verdict = v
			continue
		}
		if cv, ok := r.cache.get(st.Key); ok {
			st.Verdict = cv
			continue
		}
		st.Verdict = v
		if v.Kind != VerdictUnknown {
			r.cache.Put(st.Key, v)
		}
	}
	return states
}

// Gen returns a number that changes whenever a verdict in the resolver's
// cache may have changed (a sample decided, a spot check flipped a column,
// an entry deleted). States that Resolve filled while Gen returned g, kept
// aside before any value was fed to them, are what Resolve would fill again
// for the same columns as long as Gen still returns g (within the cache's
// TTL): a caller may reuse such a copy, after Respot, instead of resolving.
func (r *Resolver) Gen() uint64 {
	if r.cache == nil {
		return 0
	}
	return r.cache.gen.Load()
}

// Respot gives reused states (see Gen) the spot-check phases of a new
// result set, as Resolve would.
func (r *Resolver) Respot(states []ColumnState) {
	phase := r.tick.Add(1)
	for i := range states {
		states[i].spot = r.spotPhase(phase + uint64(i))
	}
}

// Continue carries prev's unfinished sample (the same column's state at the
// end of the previous result set of the same statement) into st, a state
// reused for the next one: a column that only ever comes in short results
// (a point query's single row) is then decided once the sample fills across
// them, instead of being scanned value by value forever.
func (r *Resolver) Continue(st, prev *ColumnState) {
	if st.Verdict.Kind != VerdictUnknown || prev.Verdict.Kind != VerdictUnknown || st.Key != prev.Key {
		return
	}
	st.sampled, st.hits, st.seen, st.anyPII, st.prose = prev.sampled, prev.hits, prev.seen, prev.anyPII, prev.prose
}

func (r *Resolver) spotPhase(x uint64) uint32 {
	if r.opts.SpotCheckEvery < 0 {
		return 0
	}
	x *= 0x9E3779B97F4A7C15 // Fibonacci hashing: consecutive ticks land far apart
	return uint32((x>>32)%uint64(r.opts.SpotCheckEvery)) + 1
}

// hintColumns maps a hinted type to the column hints detectors read.
func hintColumns(t Type) ColumnHints {
	switch {
	case t == DateTime:
		return ColumnDateOfBirth
	case t == Person:
		return ColumnPerson
	case t == Location:
		return ColumnAddress
	case t == PhoneNumber:
		return ColumnPhone
	case t == EmailAddress:
		return ColumnEmail
	case t == CreditCard:
		return ColumnCreditCard
	case t == USSSN || (t >= UKNINO && t <= SGNRIC):
		return ColumnNationalID
	case t.IsSecret():
		return ColumnSecret
	}
	return 0
}

// initial is the verdict from the name and the type alone; VerdictUnknown
// means "sample it".
func (r *Resolver) initial(h NameHint, cls TypeClass) Verdict {
	v := Verdict{Hint: h, Hints: hintColumns(h.Type)}
	strong := h.Strength == HintStrong
	switch cls {
	case ClassNever:
		v.Kind, v.Source = VerdictClean, FromType
	case ClassNumber, ClassTemporal, ClassOpaque:
		// No PII is written as such a value except what the name says it is:
		// a card number in a bigint, a birth date in a date, a hash in bytea.
		if strong && (cls != ClassTemporal || h.Type == DateTime) {
			v.Kind, v.Type, v.Source = VerdictPII, h.Type, FromName|FromType
		} else {
			v.Kind, v.Source = VerdictClean, FromType
		}
	case ClassIP:
		v.Kind, v.Type, v.Source = VerdictPII, IPAddress, FromType
	case ClassMAC:
		v.Kind, v.Type, v.Source = VerdictPII, MACAddress, FromType
	case ClassNumberWide:
		// Wide enough for card numbers and national IDs: strong names decide,
		// other columns are sampled.
		if strong {
			v.Kind, v.Type, v.Source = VerdictPII, h.Type, FromName
		}
	default: // ClassText
		if strong && h.Type != DateTime {
			v.Kind, v.Type, v.Source = VerdictPII, h.Type, FromName
		}
		// A text "dob" column is sampled with the date-of-birth hint: it may
		// hold free text.
	}
	return v
}

// Next returns what to do with the column's next non-null value. It counts
// values for spot checks and does not allocate.
func (r *Resolver) Next(st *ColumnState) Action {
	switch st.Verdict.Kind {
	case VerdictPII:
		return ActionMaskWhole
	case VerdictClean:
		if r.opts.Strict {
			return ActionScan
		}
		if st.spot == 0 { // spot checks disabled
			return ActionPass
		}
		st.spot--
		if st.spot == 0 {
			st.spot = uint32(r.opts.SpotCheckEvery)
			return ActionScan
		}
		return ActionPass
	}
	return ActionScan
}

// Observe reports the spans found in a value scanned after Next said
// ActionScan (spans as Scanner.Scan reported them, in order, for value).
// While the column is being sampled it counts the value, and decides and
// caches the verdict when the sample is full; on a clean column, any span
// flips the verdict to free text (scan every value) and caches that.
func (r *Resolver) Observe(st *ColumnState, value []byte, spans []Span) {
	switch st.Verdict.Kind {
	case VerdictUnknown:
		r.sample(st, value, spans)
		if int(st.sampled) >= r.opts.SampleSize {
			r.decide(st)
		}
	case VerdictClean:
		if len(spans) == 0 {
			return
		}
		st.Verdict.Kind = VerdictFreeText
		st.Verdict.Type = spans[0].Type
		st.Verdict.Hints |= ColumnFreeText
		st.Verdict.Source |= FromSpotCheck
		if r.cache != nil {
			r.cache.Put(st.Key, st.Verdict)
		}
	}
}

// Finish ends a result set: a column whose sample was cut short by the end
// of the rows is decided from what was sampled, if that is at least
// MinSample values, so that later result sets need not sample it again.
func (r *Resolver) Finish(states []ColumnState) {
	for i := range states {
		st := &states[i]
		if st.Verdict.Kind == VerdictUnknown && int(st.sampled) >= r.opts.MinSample {
			r.decide(st)
		}
	}
}

func (r *Resolver) sample(st *ColumnState, value []byte, spans []Span) {
	st.sampled++
	if looksLikeProse(value) {
		st.prose++
	}
	if len(spans) == 0 {
		// The scanner keys names on capitals; in a column whose name hints
		// names or places, "john smith" and "berlin" count too.
		if h := st.Verdict.Hint; h.Strength > HintNone && (h.Type == Person || h.Type == Location) && wordsAllKnown(value, h.Type) {
			st.anyPII++
			st.seen[h.Type]++
			st.hits[h.Type]++
		}
		return
	}
	st.anyPII++
	// Wholly PII: one type's spans cover most of the value's non-space bytes.
	var cover [NumTypes]int
	best := None
	for _, sp := range spans {
		if cover[sp.Type] == 0 {
			st.seen[sp.Type]++
		}
		cover[sp.Type] += sp.End - sp.Start
		if best == None || cover[sp.Type] > cover[best] {
			best = sp.Type
		}
	}
	if 10*cover[best] >= 7*nonSpaceLen(value) {
		st.hits[best]++
	}
}

// decide turns the sample into a verdict and caches it.
func (r *Resolver) decide(st *ColumnState) {
	v := &st.Verdict
	v.Sampled = st.sampled
	v.Source |= FromSample
	n := float64(st.sampled)
	best := None
	for t := Type(1); t < NumTypes; t++ {
		if best == None || st.hits[t] > st.hits[best] {
			best = t
		}
	}
	need := r.opts.PIIFraction * n
	if v.Hint.Strength > HintNone && best == v.Hint.Type {
		need /= 2
	}
	switch {
	case st.sampled == 0:
		v.Kind = VerdictClean
	case st.hits[best] > 0 && float64(st.hits[best]) >= need:
		v.Kind, v.Type = VerdictPII, best
	case st.anyPII > 0 || 2*int(st.prose) >= int(st.sampled):
		// Some values hold PII but not as the whole value, or the column is
		// prose that the next values may carry PII in.
		v.Kind = VerdictFreeText
		v.Hints |= ColumnFreeText
		for t := Type(1); t < NumTypes; t++ {
			if st.seen[t] > st.seen[v.Type] {
				v.Type = t
			}
		}
	default:
		v.Kind = VerdictClean
	}
	if r.cache != nil {
		r.cache.Put(st.Key, *v)
	}
}

// looksLikeProse: at least three spaces, or longer than 64 bytes with one.
func looksLikeProse(v []byte) bool {
	spaces := 0
	for _, c := range v {
		if c == ' ' || c == '\n' || c == '\t' {
			spaces++
		}
	}
	return spaces >= 3 || (len(v) > 64 && spaces > 0)
}

func nonSpaceLen(v []byte) int {
	n := 0
	for _, c := range v {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			n++
		}
	}
	return n
}

// wordsAllKnown reports whether value is 1-4 words, each a known given name
// or surname (t == Person) or together a known city (t == Location), in any
// ASCII case.
func wordsAllKnown(value []byte, t Type) bool {
	ws := words()
	if t == Location {
		v := value
		for len(v) > 0 && (v[0] == ' ' || v[0] == '\t') {
			v = v[1:]
		}
		for len(v) > 0 && (v[len(v)-1] == ' ' || v[len(v)-1] == '\t') {
			v = v[:len(v)-1]
		}
		return ws.lookup(v)&wordCity != 0
	}
	n := 0
	for i := 0; i < len(value); {
		for i < len(value) && (value[i] == ' ' || value[i] == ',' || value[i] == '\t') {
			i++
		}
		j := i
		for j < len(value) && value[j] != ' ' && value[j] != ',' && value[j] != '\t' {
			j++
		}
		if j == i {
			break
		}
		if n++; n > 4 || personLookup(value[i:j])&(wordGiven|wordSurname) == 0 {
			return false
		}
		i = j
	}
	return n > 0
}
