package classify

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Span is one confirmed finding: text[Start:End] holds a value of Type, with confidence Score in
// (0, 1]. Offsets are byte offsets into the scanned value.
type Span struct {
	Start, End int
	Type       Type
	Score      float32
}

// Sink receives spans. Scanner.Scan calls Span in ascending Start order with non-overlapping spans;
// a Detector called directly may report overlapping spans in any order.
// A Sink must not retain the scanned text beyond the call.
type Sink interface {
	Span(Span)
}

// SpanBuffer is a Sink that appends to a slice; reuse it (Reset) to avoid allocation.
type SpanBuffer struct{ Spans []Span }

// Span implements Sink.
func (b *SpanBuffer) Span(s Span) { b.Spans = append(b.Spans, s) }

// Reset empties the buffer, keeping its capacity.
func (b *SpanBuffer) Reset() { b.Spans = b.Spans[:0] }

// ColumnHints is what the column (or the caller) knows about a value before it is scanned.
// They widen what detectors may report (DATE_TIME only as a date of birth, bare 9-digit national
// IDs only where the column says so) and never narrow it; use Context.Types to narrow.
type ColumnHints uint32

// Column hints. Combine with |.
const (
	ColumnFreeText    ColumnHints = 1 << iota // the column holds prose (comments, notes, messages)
	ColumnDateOfBirth                         // the column is a date of birth (dob, birthday, birth_date)
	ColumnPerson                              // the column holds person names
	ColumnAddress                             // the column holds street addresses or places
	ColumnPhone                               // the column holds phone numbers
	ColumnEmail                               // the column holds email addresses
	ColumnNationalID                          // the column holds national identifiers (ssn, sin, bsn, tfn, ...)
	ColumnCreditCard                          // the column holds payment card numbers
	ColumnSecret                              // the column holds credentials (password, token, api_key)
)

// Context carries what is known about the value being scanned.
type Context struct {
	// Column hints from the column's name, type or verdict.
	Column ColumnHints
	// Types restricts the report to these types; zero means every type. Detectors that can
	// report none of them are not run at all.
	Types TypeSet
	// Expect is the type the column's name or verdict suggests (None if nothing). The detector
	// of that type accepts the bare forms it otherwise needs context words for (a 9-digit run in
	// an "sin" column is a CA_SIN, not a US_SSN), with a higher score; ColumnContext sets it.
	Expect Type
}

// expects reports whether the context says the value holds type t: Expect is t, or Expect
// is unset and a column hint in h is present.
func (c *Context) expects(t Type, h ColumnHints) bool {
	return c.Expect == t || (c.Expect == None && c.Column&h != 0)
}

// Has reports whether the context carries any of the column hints h.
func (c *Context) Has(h ColumnHints) bool { return c.Column&h != 0 }

// Wants reports whether type t may be reported under this context.
func (c *Context) Wants(t Type) bool { return c.Types == 0 || c.Types.Has(t) }

// Candidate is where the candidate layer proposes that a detector look.
type Candidate struct {
	// Pos is the offset of the trigger: the trigger byte, the first byte of the keyword, or 0
	// for a detector that asked to be called once per value (Triggers.EveryValue).
	Pos int
	// End is Pos+1 for a trigger byte, the keyword's end for a keyword, len(text) for EveryValue.
	End int
	// Keyword is the index into the detector's Triggers().Keywords of the keyword that matched,
	// or -1 for a trigger byte or an EveryValue call.
	Keyword int
}

// Triggers declares when the scanner calls a Detector. They are read once, when the Scanner is
// built.
type Triggers struct {
	// Bytes: every occurrence of any of these bytes in a value is a candidate (subject to the
	// resume offset the detector returns). Cheap: one table lookup per byte of input.
	Bytes string
	// Keywords: ASCII keywords of at least 2 bytes (NewScanner panics on shorter ones), matched
	// case-insensitively anywhere in the value (keywords.go: a byte-pair filter and a trie).
	// Every keyword costs a little on every value; prefer keywords with a rare non-letter
	// ("ghp_", "sk-", "-----BEGIN") over common English letter pairs.
	Keywords []string
	// MinDigits: when the trigger is a digit, call the detector only if the digit token there
	// (digit groups joined by single ' ', '-', '.', '/', '(' or ')' characters) holds at least
	// this many digits; the scanner counts once per token and skips the detector to the
	// token's end otherwise. 0 or 1 means every digit token. Numeric detectors set it to their
	// shortest form (a phone number 7, a card 12) so short numbers cost them nothing.
	MinDigits int
	// EveryValue: call the detector once per value with Candidate{Pos: 0, End: len(text),
	// Keyword: -1}, for detectors that scan on their own (dictionaries).
	EveryValue bool
	// Before and After, if set, narrow the byte triggers to those whose previous byte passes
	// Before and whose next byte passes After (c is -1 at the start or the end of the value).
	// The scanner evaluates them for every byte value once, when it is built, and tests a
	// trigger with two table loads for all detectors at once, instead of calling each detector
	// to reject it. Declare only a condition Detect checks first: where it fails, Detect must
	// report nothing and return SkipWord's offset.
	Before, After func(c int) bool
	// SkipWord: where Before or After fails, Detect returns skipAlnum(text, Pos) (the end of the
	// trigger's run of ASCII letters and digits); otherwise Pos+1.
	SkipWord bool
	// NumDigits, if not zero, declares that Detect begins with numTokenAt at the trigger digit
	// and returns the token's end, reporting nothing, when the token overflows or its digit
	// count n is not in NumDigits (bit n set), and with NumPlain also when the token has a '+'
	// or parentheses. The scanner parses the token once (the parse detectors share) and skips
	// those calls for all such detectors at once. Only for detectors triggered by digits alone.
	NumDigits uint32
	NumPlain  bool
	// RunDigits, if not zero, declares that Detect reports nothing and returns skipAlnum(text,
	// Pos) when the run of consecutive digits at the trigger is n long and bit n of RunDigits
	// is clear (runs of 31 digits or more count as 31). Only for detectors triggered by digits
	// alone.
	RunDigits uint32
	// RunAfter, if set, narrows the digit triggers (not the detector's other trigger bytes) to
	// those whose run of consecutive digits, from the trigger on, is followed by a byte that
	// passes RunAfter (c is -1 at the end of the value); the scanner evaluates it for every
	// byte value once and tests a digit with the run's end it reads from the class bitmaps.
	// Declare it only if, where it fails, Detect reports nothing and returns the run's end (or
	// a later offset, if at every trigger in between it would report nothing either).
	RunAfter func(c int) bool
}

// Detector confirms candidates of one family of types.
//
// Contract:
//   - A Detector is immutable and safe for concurrent use; it keeps no state between calls and
//     must not allocate (per-scan scratch, if any, lives on the stack).
//   - Detect may read all of text (look back before c.Pos for context words or the start of a
//     token, look ahead past it) but must not modify it or retain it.
//   - Detect reports every confirmed span to sink, within [0, len(text)) with Start < End, and
//     only types listed by Types(). Spans may overlap those of other detectors; the Scanner
//     resolves overlaps. Detect should check ctx.Wants for types that are costly to confirm.
//   - Detect returns the offset from which it wants to be called again: the scanner skips this
//     detector's candidates with Pos < resume. Return the end of the token just examined (for
//     example the end of the digit run) so the detector sees each token once; a value <= c.Pos
//     means c.Pos+1.
//   - Detect must never panic on any input, including invalid UTF-8 (a fuzz test checks).
type Detector interface {
	// Name is a short stable identifier ("email", "phone") used in tests and docs.
	Name() string
	// Types lists every type the detector may report.
	Types() TypeSet
	// Triggers says when the scanner calls Detect.
	Triggers() Triggers
	// Detect confirms (or rejects) a candidate; see the contract above.
	Detect(text []byte, c Candidate, ctx *Context, sink Sink) (resume int)
}

// builtin holds the detectors the package's files register in init; Default builds on them.
var builtin []Detector

// registerBuiltin adds d to the detectors of the Default scanner. Call it from an init func
// in the detector's own file.
func registerBuiltin(d Detector) { builtin = append(builtin, d) }

// Builtin returns the package's registered detectors, sorted by name.
func Builtin() []Detector {
	ds := append([]Detector(nil), builtin...)
	sort.Slice(ds, func(i, j int) bool { return ds[i].Name() < ds[j].Name() })
	return ds
}

var (
	defaultOnce    sync.Once
	defaultScanner *Scanner
)

// Default returns the Scanner over every built-in detector (built once, shared).
func Default() *Scanner {
	defaultOnce.Do(func() { defaultScanner = NewScanner(Builtin()...) })
	return defaultScanner
}

// maxDetectors is the number of detectors a Scanner can hold (one bit each in a uint64).
const maxDetectors = 64

// Scanner runs detectors over values. It is immutable after NewScanner and safe for concurrent
// use; per-scan scratch comes from a sync.Pool, so Scan does not allocate in steady state.
type Scanner struct {
	dets      []Detector
	det       [maxDetectors]Detector // dets by index d&63: no length to load and compare per call
	types     []TypeSet              // types[i] = dets[i].Types()
	byteDet   [256]uint64
	isTrigger [256]bool
	filter    triggerFilter
	all       uint64 // every detector
	gated     uint64 // detectors with Before or After
	gateWord  uint64 // gated detectors with SkipWord
	// before[c+1]: the detectors whose Before accepts c (all ungated ones); after[c+1] the same
	// for After. 512 entries, of which the first 257 are used: scanBytes indexes with &511,
	// which needs no bounds check.
	before, after [512]uint64
	numDet        uint64                   // detectors with NumDigits
	numPlain      uint64                   // numDet detectors with NumPlain
	numOK         [maxNumDigits + 1]uint64 // numOK[n]: the numDet detectors whose NumDigits has n
	runDet        uint64                   // detectors with RunDigits
	runOK         [32]uint64               // runOK[n]: the runDet detectors whose RunDigits has n
	runGate       uint64                   // detectors with RunAfter
	runAfter      [512]uint64              // runAfter[c+1]: the detectors whose RunAfter accepts c (all others; see before)
	kwMask        uint64                   // detectors with Keywords
	every         uint64                   // detectors with EveryValue
	digitDet      uint64                   // detectors with MinDigits > 1
	digitOK       [128]uint64              // digitOK[n]: the digitDet detectors whose MinDigits <= n (n <= 64; &127 needs no bounds check)
	kw            *keywordAutomaton
	kwDet         []uint8    // automaton pattern -> detector index
	kwLocal       []int      // automaton pattern -> index in that detector's Keywords
	cls           [256]uint8 // byte -> 1<<clsTrig | 1<<clsDigit | ... (classBits without AVX2)
	nib           [64]byte   // the same classes by nibble, for classBitsAVX2 (see classNibbles)
	nibOK         bool       // classBits uses classBitsAVX2
	pool          sync.Pool
	slots         [nSlots]stateSlot // small states kept out of the pool (getState)
}

// nSlots is the number of state slots of a Scanner.
const nSlots = 8

// stateSlot holds one spare scan state, alone on its cache line.
type stateSlot struct {
	st atomic.Pointer[scanState]
	_  [56]byte
}

// getState takes a scan state for text: the one in text's slot if there is one, else one
// from the pool. A slot costs two atomic exchanges per scan where the pool's Get and Put
// cost ~190 instructions (pinning, the per-P lookup); the slot is picked by text's address
// (its 4 KiB page), so that one caller, scanning rows from one buffer, keeps using one slot,
// and callers on other buffers mostly use others.
func (s *Scanner) getState(text []byte) (*scanState, *stateSlot) {
	sl := &s.slots[uintptr(unsafe.Pointer(unsafe.SliceData(text)))>>12&(nSlots-1)]
	if st := sl.st.Swap(nil); st != nil {
		return st, sl
	}
	return s.pool.Get().(*scanState), sl
}

// putState returns st after a scan: to the slot sl if st is small and sl empty, else to the
// pool; a state grown by a long value (the bitmaps take 3/8 of its length) is left to the GC.
func (s *Scanner) putState(st *scanState, sl *stateSlot) {
	if cap(st.spans) > 1024 || cap(st.bits) > 1<<14 {
		return
	}
	if cap(st.spans) <= 64 && cap(st.bits) <= 1<<10 && sl.st.CompareAndSwap(nil, st) {
		return
	}
	s.pool.Put(st)
}

// NewScanner builds a Scanner over ds (at most 64 detectors; it panics on more, a programming
// error).
func NewScanner(ds ...Detector) *Scanner {
	if len(ds) > maxDetectors {
		panic("classify: more than 64 detectors")
	}
	s := &Scanner{dets: append([]Detector(nil), ds...)}
	copy(s.det[:], ds)
	var kws []string
	for i, d := range s.dets {
		s.types = append(s.types, d.Types())
		tr := d.Triggers()
		for j := 0; j < len(tr.Bytes); j++ {
			c := tr.Bytes[j]
			s.byteDet[c] |= 1 << uint(i)
			s.isTrigger[c] = true
		}
		if tr.EveryValue {
			s.every |= 1 << uint(i)
		}
		if tr.NumDigits != 0 {
			if tr.Bytes != "0123456789" {
				panic("classify: NumDigits for a detector not triggered by digits alone")
			}
			s.numDet |= 1 << uint(i)
			if tr.NumPlain {
				s.numPlain |= 1 << uint(i)
			}
			for n := range s.numOK {
				if tr.NumDigits&(1<<uint(n)) != 0 {
					s.numOK[n] |= 1 << uint(i)
				}
			}
		}
		if tr.RunDigits != 0 {
			if tr.Bytes != "0123456789" {
				panic("classify: RunDigits for a detector not triggered by digits alone")
			}
			s.runDet |= 1 << uint(i)
			for n := range s.runOK {
				if tr.RunDigits&(1<<uint(n)) != 0 {
					s.runOK[n] |= 1 << uint(i)
				}
			}
		}
		if tr.RunAfter != nil {
			// Tested in the RunDigits branch of scanBytes (with every length allowed if
			// RunDigits is not set), so that detectors without RunAfter pay no more test.
			s.runGate |= 1 << uint(i)
			s.runDet |= 1 << uint(i)
			if tr.RunDigits == 0 {
				for n := range s.runOK {
					s.runOK[n] |= 1 << uint(i)
				}
			}
		}
		for c := -1; c < 256; c++ {
			if tr.RunAfter == nil || tr.RunAfter(c) {
				s.runAfter[c+1] |= 1 << uint(i)
			}
		}
		if tr.Before != nil || tr.After != nil {
			s.gated |= 1 << uint(i)
			if tr.SkipWord {
				s.gateWord |= 1 << uint(i)
			}
		}
		for c := -1; c < 256; c++ {
			if tr.Before == nil || tr.Before(c) {
				s.before[c+1] |= 1 << uint(i)
			}
			if tr.After == nil || tr.After(c) {
				s.after[c+1] |= 1 << uint(i)
			}
		}
		if tr.MinDigits > 1 {
			s.digitDet |= 1 << uint(i)
			for n := tr.MinDigits; n < len(s.digitOK); n++ {
				s.digitOK[n] |= 1 << uint(i)
			}
		}
		s.all |= 1 << uint(i)
		if len(tr.Keywords) > 0 {
			s.kwMask |= 1 << uint(i)
		}
		for j, k := range tr.Keywords {
			kws = append(kws, k)
			s.kwDet = append(s.kwDet, uint8(i))
			s.kwLocal = append(s.kwLocal, j)
		}
	}
	if len(kws) > 0 {
		s.kw = newKeywordAutomaton(kws)
	}
	s.filter = newTriggerFilter(&s.isTrigger)
	s.nibOK = useAVX2 && classNibbles(&s.isTrigger, &s.nib)
	for c := range s.cls {
		b := byte(c)
		if s.isTrigger[c] {
			s.cls[c] |= 1 << clsTrig
		}
		if isDigit(b) {
			s.cls[c] |= 1 << clsDigit
		}
		if isAlnum(b) {
			s.cls[c] |= 1 << clsAlnum
		}
		if isTokenJoin(b) {
			s.cls[c] |= 1 << clsJoin
		}
	}
	s.pool.New = func() any {
		return &scanState{spans: make([]Span, 0, 16), bits: make([]uint64, 0, 64*nCls)}
	}
	return s
}

// Detectors returns the scanner's detectors (do not modify the slice).
func (s *Scanner) Detectors() []Detector { return s.dets }

// scanState is per-scan scratch; it is also the Sink detectors report into.
type scanState struct {
	spans []Span
	// resume[d] is detector d's resume offset; it is only read for the detectors a bit mask
	// of the loop says were called in this scan, so it is never cleared.
	resume [maxDetectors]int
	types  TypeSet  // zero: all
	n      int      // len(text), to drop out-of-bounds spans defensively
	ctx    Context  // the scan's context; detectors get &ctx (a parameter's address would escape)
	tok    numToken // the last digit token parsed, shared by the numeric detectors
	tokOK  bool
	bits   []uint64 // the value's class bitmaps (classBits)
}

// Span implements Sink for detectors: keep in-bounds spans of wanted types.
func (st *scanState) Span(sp Span) {
	if sp.Start < 0 || sp.End > st.n || sp.Start >= sp.End || sp.Type == None || sp.Type >= NumTypes {
		return
	}
	if st.types != 0 && !st.types.Has(sp.Type) {
		return
	}
	st.spans = append(st.spans, sp)
}

// active returns the detectors that can report a type ctx wants.
func (s *Scanner) active(want TypeSet) uint64 {
	if want == 0 {
		return s.all
	}
	var m uint64
	for i, ts := range s.types {
		if want == 0 || ts&want != 0 {
			m |= 1 << uint(i)
		}
	}
	return m
}

// HasTrigger reports whether text holds any trigger byte or keyword of the scanner's
// detectors. When it is false (and no detector asks for EveryValue), Scan reports nothing, so the
// masking layer may forward the value untouched without calling Scan.
func (s *Scanner) HasTrigger(text []byte) bool {
	if s.every != 0 && len(text) > 0 {
		return true
	}
	if s.indexTrigger(text, 0) >= 0 {
		return true
	}
	return s.kw != nil && s.kw.contains(text)
}

// triggerFilter is a SWAR pre-test for trigger bytes: every ASCII trigger byte lies in
// [lo, hi] (the default set, "-./0-9:@A-Z", does), and non-ASCII bytes are candidates when
// some non-ASCII byte triggers. Eight bytes are tested with a few integer operations; the byte
// table confirms. usable is false when the range would admit lowercase letters or spaces.
type triggerFilter struct {
	usable       bool
	addLo, addHi uint64 // per-byte 0x80-lo and 0x80-(hi+1), so bit 7 says ">= lo" / "> hi"
	high         uint64 // 0x80 in every byte if non-ASCII bytes may trigger, else 0
}

func newTriggerFilter(tbl *[256]bool) triggerFilter {
	lo, hi, high := 256, -1, false
	for c := 0; c < 256; c++ {
		if !tbl[c] {
			continue
		}
		if c >= 0x80 {
			high = true
			continue
		}
		if c < lo {
			lo = c
		}
		if c > hi {
			hi = c
		}
	}
	if hi < 0 {
		lo, hi = 0x7f, 0x7f // no ASCII triggers: a range holding only DEL
	}
	f := triggerFilter{usable: lo > ' ' && hi < 'a'}
	const ones = 0x0101010101010101
	f.addLo = ones * uint64(0x80-lo)
	f.addHi = ones * uint64(0x80-(hi+1))
	if high {
		f.high = 0x8080808080808080
	}
	return f
}

// indexTrigger returns the offset of the first trigger byte at or after i, or -1.
func (s *Scanner) indexTrigger(text []byte, i int) int {
	tbl := &s.isTrigger
	n := len(text)
	if f := &s.filter; f.usable {
		const hb = 0x8080808080808080
		// The filter's constants in locals: the compiler does not hoist loads out of a loop.
		addLo, addHi, high := f.addLo, f.addHi, f.high
		for ; i+8 <= n; i += 8 {
			w := binary.LittleEndian.Uint64(text[i:])
			l := w &^ hb
			// Bit 7 of each byte in [lo, hi] (or non-ASCII, if such bytes trigger): no carry
			// crosses bytes, so each flag is exact; the table confirms the flagged bytes only.
			for m := (w & high) | (((l + addLo) &^ (l + addHi)) & hb); m != 0; m &= m - 1 {
				if k := i + bits.TrailingZeros64(m)>>3; tbl[text[k]] {
					return k
				}
			}
		}
	} else {
		for ; i+8 <= n; i += 8 {
			w := text[i : i+8 : i+8]
			if tbl[w[0]] || tbl[w[1]] || tbl[w[2]] || tbl[w[3]] || tbl[w[4]] || tbl[w[5]] || tbl[w[6]] || tbl[w[7]] {
				break
			}
		}
	}
	for ; i < n; i++ {
		if tbl[text[i]] {
			return i
		}
	}
	return -1
}

// The byte classes of classBits: bit k of word nCls*w+c is set when byte 64*w+k of the value
// is in class c.
const (
	clsTrig  = iota // triggers some detector
	clsDigit        // '0'-'9'
	clsAlnum        // ASCII letter or digit (skipAlnum)
	clsJoin         // joins the digit groups of a token (isTokenJoin)
	nCls
)

// classNibbles fills tab for classBitsAVX2, which looks bytes up by nibble: a byte c is a
// trigger when tab[c&15] & tab[16+c>>4] != 0, and has the classes tab[32+c&15] & tab[48+c>>4]
// (bit 0 digit, bits 0-2 letter or digit, bit 7 join). Each bit stands for a rectangle of
// high and low nibbles; the triggers take one bit per distinct set of low nibbles among the
// high nibbles, exact if there are at most 8 such sets (else it reports false).
func classNibbles(trig *[256]bool, tab *[64]byte) bool {
	var sets []uint16
	for h := 0; h < 16; h++ {
		var set uint16
		for l := 0; l < 16; l++ {
			if trig[h<<4|l] {
				set |= 1 << l
			}
		}
		if set == 0 {
			continue
		}
		k := slices.Index(sets, set)
		if k < 0 {
			if k = len(sets); k == 8 {
				return false
			}
			sets = append(sets, set)
		}
		tab[16+h] |= 1 << k
		for l := 0; l < 16; l++ {
			if set&(1<<l) != 0 {
				tab[l] |= 1 << k
			}
		}
	}
	for l := 0; l < 16; l++ {
		if l <= 9 {
			tab[32+l] |= 1 // digits: 0x30-0x39
		}
		if l >= 1 {
			tab[32+l] |= 2 // letters 0x41-0x4f, 0x61-0x6f
		}
		if l <= 10 {
			tab[32+l] |= 4 // letters 0x50-0x5a, 0x70-0x7a
		}
		if l == 0 || l == 8 || l == 9 || l >= 13 {
			tab[32+l] |= 0x80 // joins: ' ', '(', ')', '-', '.', '/'
		}
	}
	tab[48+2], tab[48+3], tab[48+4], tab[48+5], tab[48+6], tab[48+7] = 0x80, 1, 2, 4, 2, 4
	return true
}

// classBits fills bm (nCls words per 64 bytes of text, the last block's bits past the end
// clear) with text's byte classes.
func (s *Scanner) classBits(text []byte, bm []uint64) {
	n := len(text)
	if n == 0 {
		return
	}
	if s.nibOK {
		if n >= 64 {
			classBitsAVX2(&s.nib, text, &bm[0])
			return
		}
		var buf [64]byte
		copy(buf[:], text)
		classBitsAVX2(&s.nib, buf[:], &bm[0])
		for c := range nCls {
			bm[c] &= 1<<uint(n) - 1
		}
		return
	}
	cls := &s.cls
	for w := 0; w*64 < n; w++ {
		var t [nCls]uint64
		b := text[w*64 : min(w*64+64, n)]
		for k, c := range b {
			x := uint64(cls[c])
			t[clsTrig] |= (x >> clsTrig & 1) << uint(k)
			t[clsDigit] |= (x >> clsDigit & 1) << uint(k)
			t[clsAlnum] |= (x >> clsAlnum & 1) << uint(k)
			t[clsJoin] |= (x >> clsJoin & 1) << uint(k)
		}
		copy(bm[w*nCls:], t[:])
	}
}

// runEnd returns the end of the run of class-c bytes from p (p itself if it is not in c) by
// the class bitmaps bm; p must be at most the value's length (bm ends with a clear block).
func runEnd(bm []uint64, c, p int) int {
	w := p >> 6
	y := ^bm[w*nCls+c] &^ (1<<uint(p&63) - 1) // the bytes from p on that end the run
	for y == 0 {
		w++
		y = ^bm[w*nCls+c]
	}
	return w<<6 + bits.TrailingZeros64(y)
}

// tokenDigits is countTokenDigits(text, i) by the class bitmaps bm of text: the digits and
// joins of the 64 bytes from i in two words, a token's groups counted by shifts; a token that
// comes near the end of those 64 bytes is left to countTokenDigits.
func tokenDigits(bm []uint64, text []byte, i int) (int, int) {
	w, sh := i>>6*nCls, uint(i&63)
	// bm ends with a clear block, so the next word is there; a shift by 64 gives 0.
	d := bm[w+clsDigit]>>sh | bm[w+nCls+clsDigit]<<(64-sh)
	j := bm[w+clsJoin]>>sh | bm[w+nCls+clsJoin]<<(64-sh)
	nd, k := 0, 0
	for {
		r := bits.TrailingZeros64(^d) // the digit group at k
		nd += r
		if k += r; k >= 56 {
			return countTokenDigits(text, i)
		}
		d >>= uint(r) & 63
		j >>= uint(r) & 63
		g := bits.TrailingZeros64(^j) & 63 // the joins after it, then a digit?
		if g == 0 || g > 3 || d>>uint(g)&1 == 0 {
			return nd, i + k
		}
		k += g
		d >>= uint(g)
		j >>= uint(g)
	}
}

// alnumEnd is skipAlnum(text, i) by the class bitmaps of text.
func alnumEnd(bm []uint64, i int) int { return runEnd(bm, clsAlnum, i+1) }

// firstCandidates returns indexTrigger(text, 0) and s.kw.next(text, 0), reading the bytes
// once while neither has been found: each 8 bytes go through the trigger filter and the
// keyword filter's fast loop together (a value without either, the common case, costs one pass).
func (s *Scanner) firstCandidates(text []byte) (first, kwFirst int) {
	f, tri := &s.filter, s.kw.tri
	n := len(text)
	q := 0
	if f.usable {
		const hb = 0x8080808080808080
		for ; q+9 <= n; q += 8 {
			w := binary.LittleEndian.Uint64(text[q:])
			l := w &^ hb
			trig := (w & f.high) | (((l + f.addLo) &^ (l + f.addHi)) & hb)
			fw := w | 0x2020202020202020
			x := fw>>48 | (uint64(text[q+8])|0x20)<<16
			h0, h1, h2, h3 := triHash(fw), triHash(fw>>16), triHash(fw>>32), triHash(x)
			if trig != 0 {
				break
			}
			if tri[h0>>6]&(1<<(h0&63))|tri[h1>>6]&(1<<(h1&63))|tri[h2>>6]&(1<<(h2&63))|tri[h3>>6]&(1<<(h3&63)) != 0 {
				if c := s.kw.block(text, 0, q); c >= 0 {
					return s.indexTrigger(text, q), c
				}
			}
		}
	}
	// No trigger byte before q, and no keyword start before q-1: one starting at q-1 (with a
	// letter) shows its triple at q only; next tests q-1 itself on its pairs.
	kwFirst = s.kw.next(text, max(q-1, 0))
	return s.indexTrigger(text, q), kwFirst
}

// Scan runs the detectors over text and reports confirmed spans to sink in ascending Start
// order, without overlaps. Where spans overlap, a secret beats personal data, then the higher
// Score wins, then the longer span, then the span found first. A URL holding a password (in its
// userinfo or a password= query parameter) is reported as URL, PASSWORD, URL pieces, never as a
// URL with a nested secret, so a policy that keeps URLs still masks the password. Scan does not allocate in steady
// state and does not retain text or sink.
func (s *Scanner) Scan(text []byte, ctx Context, sink Sink) {
	if len(text) == 0 {
		return
	}
	act := s.active(ctx.Types)
	if act == 0 {
		return
	}
	if s.nibOK && s.every&act == 0 && len(text) <= smallScan {
		var bm [smallScan/64*nCls + nCls]uint64
		s.scanSmall(text, act, ctx, sink, bm[:])
		return
	}
	// Find the first candidate of each kind before taking any scratch: most values hold
	// none, and then the scan costs two passes over the bytes and nothing else.
	first, kwFirst := -1, len(text)
	if s.every&act == 0 {
		if s.kw != nil && act&s.kwMask != 0 {
			first, kwFirst = s.firstCandidates(text)
		} else {
			first = s.indexTrigger(text, 0)
		}
		if first < 0 && kwFirst >= len(text) {
			return
		}
	} else if s.kw != nil && act&s.kwMask != 0 {
		kwFirst = s.kw.next(text, 0)
	}
	st, sl := s.getState(text)
	st.spans = st.spans[:0]
	st.types = ctx.Types
	st.n = len(text)
	st.ctx = ctx
	st.tokOK = false

	for m := s.every & act; m != 0; m &= m - 1 {
		d := bits.TrailingZeros64(m)
		s.dets[d].Detect(text, Candidate{Pos: 0, End: len(text), Keyword: -1}, &st.ctx, st)
	}
	if first < 0 && s.every&act != 0 {
		first = s.indexTrigger(text, 0)
	}
	if first >= 0 {
		nb := (len(text) + 63) >> 6 * nCls
		if cap(st.bits) < nb+nCls {
			st.bits = make([]uint64, nb+nCls)
		}
		st.bits = st.bits[:nb+nCls]
		s.classBits(text, st.bits[:nb])
		clear(st.bits[nb:]) // the clear block that ends every run
		s.scanBytes(text, first, act, &st.ctx, st, st.bits)
	}
	if kwFirst < len(text) {
		s.scanKeywords(text, kwFirst, act, &st.ctx, st)
	}
	emitResolved(st.spans, sink)
	s.putState(st, sl)
}

// smallScan is the longest value scanSmall takes.
const smallScan = 256

// scanSmall is Scan for a value of at most smallScan bytes when the class bitmaps come from
// AVX2: they go to buf (on Scan's stack) at once, and their trigger bits give the first
// trigger, so that a value holding one is read once for both (firstCandidates read it for
// the first trigger and the keyword filter's first pass, then classBits again).
func (s *Scanner) scanSmall(text []byte, act uint64, ctx Context, sink Sink, buf []uint64) {
	n := len(text)
	nb := (n + 63) >> 6 * nCls
	bm := buf[:nb+nCls] // the block after the value's stays clear: it ends every run
	s.classBits(text, bm[:nb])
	first := -1
	for w := 0; w < nb; w += nCls {
		if x := bm[w+clsTrig]; x != 0 {
			first = w/nCls<<6 + bits.TrailingZeros64(x)
			break
		}
	}
	kwFirst := n
	if s.kw != nil && act&s.kwMask != 0 {
		kwFirst = s.kw.next(text, 0)
	}
	if first < 0 && kwFirst >= n {
		return
	}
	st, sl := s.getState(text)
	st.spans = st.spans[:0]
	st.types = ctx.Types
	st.n = n
	st.ctx = ctx
	st.tokOK = false
	if first >= 0 {
		s.scanBytes(text, first, act, &st.ctx, st, bm)
	}
	if kwFirst < n {
		s.scanKeywords(text, kwFirst, act, &st.ctx, st)
	}
	emitResolved(st.spans, sink)
	s.putState(st, sl)
}

// scanBytes calls the byte-triggered detectors from the trigger byte at i on.
//
// sleeping holds the detectors whose resume offset is still ahead, wake the smallest such
// offset; tokSleep the numeric detectors skipped to tokEnd because the digit token there is
// shorter than their shortest form. Between two events (wake, tokEnd) the set of awake
// detectors is fixed, so the loop skips every byte that triggers none of them with one table
// load (inside a digit run or an upper-case word, where every byte is a trigger but the
// detectors that care already sleep) and runs of non-trigger bytes eight at a time.
func (s *Scanner) scanBytes(text []byte, i int, act uint64, ctx *Context, st *scanState, bm []uint64) {
	const never = int(^uint(0) >> 1)
	var sleeping, tokSleep, wordSleep uint64
	wake, tokEnd, wordEnd := never, never, never
	n := len(text)
	byteDet := &s.byteDet
	resume := &st.resume // checked for nil once, not in every loop
	nb := len(bm) - nCls // without the clear block
	for {
		if i >= wake {
			sleeping, wake = wakeUp(resume, sleeping, i)
		}
		if i >= tokEnd {
			tokSleep, tokEnd = 0, never
		}
		if i >= wordEnd {
			wordSleep, wordEnd = 0, never
		}
		c := text[i]
		m := byteDet[c] & act &^ (sleeping | tokSleep | wordSleep)
		if m&s.digitDet != 0 && isDigit(c) {
			// Numeric detectors whose shortest form is longer than this digit token sleep
			// until its end.
			nd, end := tokenDigits(bm, text, i)
			if skip := m & s.digitDet &^ s.digitOK[nd&127]; skip != 0 {
				m &^= skip
				tokSleep |= skip
				if tokEnd == never || end > tokEnd {
					tokEnd = end
				}
			}
		}
		if m&s.gated != 0 {
			// Gates: the bytes around the trigger (see Triggers.Before).
			b, a := 0, 0
			if i > 0 {
				b = int(text[i-1]) + 1
			}
			if i+1 < n {
				a = int(text[i+1]) + 1
			}
			if fail := m &^ (s.before[b&511] & s.after[a&511]); fail != 0 {
				m &^= fail
				if word := fail & s.gateWord; word != 0 {
					// As if each had returned the end of the word: they sleep together until
					// then. While some do, i is inside that word (its bytes are alphanumeric),
					// so the word's end is the same.
					if wordSleep == 0 {
						wordEnd = alnumEnd(bm, i)
					}
					wordSleep |= word
				}
			}
		}
		if m&s.runDet != 0 {
			// The digit run: its length (see Triggers.RunDigits), the byte after it (RunAfter;
			// a detector with RunAfter is in runDet, and may trigger on other bytes: e == i).
			e := runEnd(bm, clsDigit, i)
			run := min(e-i, 31)
			if fail := m & s.runDet &^ s.runOK[run&31]; fail != 0 {
				// To the end of the word, with those the gates skip (see above).
				m &^= fail
				if wordSleep == 0 {
					wordEnd = alnumEnd(bm, i)
				}
				wordSleep |= fail
			}
			if m&s.runGate != 0 && e > i {
				a := 0
				if e < n {
					a = int(text[e]) + 1
				}
				if fail := m & s.runGate &^ s.runAfter[a&511]; fail != 0 {
					m &^= fail
					sleeping |= fail
					if e < wake {
						wake = e
					}
					for ; fail != 0; fail &= fail - 1 {
						resume[bits.TrailingZeros64(fail)] = e
					}
				}
			}
		}
		if m&s.numDet != 0 {
			// The digit token, parsed once: the NumDigits detectors it cannot be sleep to its end.
			if !st.tokOK || st.tok.first != i {
				parseNumToken(text, i, &st.tok)
				st.tokOK = true
			}
			t := &st.tok
			fail := m & s.numDet
			if !t.overflow {
				fail &^= s.numOK[t.nd]
				if t.plus || t.paren {
					fail |= m & s.numPlain
				}
			}
			if fail != 0 {
				m &^= fail
				r := t.end
				if r <= i {
					r = i + 1
				}
				sleeping |= fail
				if r < wake {
					wake = r
				}
				for ; fail != 0; fail &= fail - 1 {
					resume[bits.TrailingZeros64(fail)] = r
				}
			}
		}
		for ; m != 0; m &= m - 1 {
			d := bits.TrailingZeros64(m)
			r := s.det[d&(maxDetectors-1)].Detect(text, Candidate{Pos: i, End: i + 1, Keyword: -1}, ctx, st)
			if r <= i {
				r = i + 1
			}
			resume[d] = r
			sleeping |= 1 << uint(d)
			if r < wake {
				wake = r
			}
		}
		// Next byte that triggers an awake detector, or the next event.
		awake := act &^ (sleeping | tokSleep | wordSleep)
		lim := min(wake, tokEnd, wordEnd)
		w := i >> 6
		rest := bm[w*nCls+clsTrig] & (^uint64(1) << uint(i&63)) // the triggers after i
		for {
			for rest == 0 {
				if w++; w*nCls >= nb {
					return
				}
				rest = bm[w*nCls+clsTrig]
			}
			i = w<<6 | bits.TrailingZeros64(rest)
			rest &= rest - 1
			if byteDet[text[i]]&awake != 0 || i >= lim {
				break
			}
		}
	}
}

// wakeUp returns the detectors of sleeping whose resume offset is still after i, and the
// smallest such offset. A function of its own, so that its loop keeps its values in registers
// (in scanBytes they were stored and reloaded at every detector).
//
//go:noinline
func wakeUp(resume *[maxDetectors]int, sleeping uint64, i int) (uint64, int) {
	const never = int(^uint(0) >> 1)
	wake := never
	_ = resume[0] // the nil check, once: not in the loop
	for k := sleeping; k != 0; k &= k - 1 {
		d := bits.TrailingZeros64(k)
		if r := resume[d]; r > i {
			wake = min(wake, r)
		} else {
			sleeping &^= 1 << uint(d)
		}
	}
	return sleeping, wake
}

// scanKeywords calls the keyword-triggered detectors from the keyword candidate at i on.
func (s *Scanner) scanKeywords(text []byte, i int, act uint64, ctx *Context, st *scanState) {
	var m [8]int32
	var called uint64 // detectors with a resume offset in st.resume for this pass
	kw := s.kw
	for ; i < len(text); i = kw.next(text, i+1) {
		k := kw.matchAt(text, i, &m)
		for _, p := range m[:k] {
			d := int(s.kwDet[p])
			bit := uint64(1) << uint(d)
			if act&bit == 0 || called&bit != 0 && st.resume[d] > i {
				continue
			}
			end := i + int(kw.plen[p])
			r := s.dets[d].Detect(text, Candidate{Pos: i, End: end, Keyword: s.kwLocal[p]}, ctx, st)
			if r <= i {
				r = i + 1
			}
			st.resume[d] = r
			called |= bit
		}
	}
}

// countTokenDigits counts the digits of the digit token starting at i (groups joined by one
// separator of " -./()", at most 3 in a row) and returns the count (capped at 64) and the end.
func countTokenDigits(text []byte, i int) (int, int) {
	n := 0
	for i < len(text) {
		if r := digitRun8(text, i); r > 0 {
			if n+r >= 64 {
				return 64, i + 64 - n
			}
			n += r
			i += r
			if r == 8 || i >= len(text) {
				continue // the run may go on
			}
		}
		j := i
		for j < len(text) && j-i < 3 && isTokenJoin(text[j]) { // ") (" in "(+61) (0)412"
			j++
		}
		if j == i || j >= len(text) || !isDigit(text[j]) {
			break
		}
		i = j
	}
	return n, i
}

func isTokenJoin(c byte) bool {
	return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')'
}

// beats reports whether a should be kept over the overlapping b.
func beats(a, b Span) bool {
	if as, bs := a.Type.IsSecret(), b.Type.IsSecret(); as != bs {
		return as
	}
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.End-a.Start > b.End-b.Start
}

// emitResolved sorts spans by Start (insertion sort: detectors mostly report in order), drops
// duplicates and overlaps, and reports the survivors.
func emitResolved(sp []Span, sink Sink) {
	if len(sp) > 12 {
		// Byte-trigger spans and keyword spans are each in order but interleave.
		slices.SortStableFunc(sp, func(a, b Span) int {
			if a.Start != b.Start {
				return a.Start - b.Start
			}
			return b.End - a.End
		})
	} else {
		for i := 1; i < len(sp); i++ {
			for j := i; j > 0 && (sp[j].Start < sp[j-1].Start || sp[j].Start == sp[j-1].Start && sp[j].End > sp[j-1].End); j-- {
				sp[j], sp[j-1] = sp[j-1], sp[j]
			}
		}
	}
	// Greedy pass: keep a current winner; an overlapping span replaces it if it beats it.
	k := 0
	for i := 0; i < len(sp); i++ {
		if k > 0 && sp[i].Start < sp[k-1].End {
			if beats(sp[i], sp[k-1]) {
				sp[k-1] = sp[i]
				// The new winner may now overlap an earlier kept span; drop the loser of that.
				for k > 1 && sp[k-1].Start < sp[k-2].End {
					if beats(sp[k-1], sp[k-2]) {
						sp[k-2] = sp[k-1]
					}
					k--
				}
			}
			continue
		}
		sp[k] = sp[i]
		k++
	}
	for i := 0; i < k; i++ {
		sink.Span(sp[i])
	}
}
