package corpora

import (
	"math/rand/v2"
	"strings"
)

// DefaultSeed is the seed of the committed corpora (data/*.jsonl.zst).
const DefaultSeed = 20261122

// Sizes sets how many samples Generate makes.
type Sizes struct {
	ValuesPerFormat int // samples per (type, generator) pair in the values corpus
	Text            int // prose samples
	Negatives       int // hard negatives
}

// DefaultSizes are the sizes of the committed corpora.
var DefaultSizes = Sizes{ValuesPerFormat: 250, Text: 12000, Negatives: 12000}

// Generate builds the three corpora (keyed by Values, Text, Negatives) from seed. Equal seeds and
// sizes give equal corpora.
func Generate(seed uint64, sz Sizes) map[string][]Sample {
	out := map[string][]Sample{}
	g := newGen(seed, 1)
	for _, tg := range valueGens {
		for _, vg := range tg.gens {
			for range sz.ValuesPerFormat {
				p := vg.fn(g, "")
				col := g.pick(tg.columns)
				if len(vg.columns) > 0 {
					col = g.pick(vg.columns)
				}
				s := Sample{Text: p.text, Column: col, Kind: "value", Format: p.format}
				s.Spans = append(s.Spans, p.spansAt(0)...)
				out[Values] = append(out[Values], s)
			}
		}
	}
	g = newGen(seed, 2)
	for range sz.Text {
		out[Text] = append(out[Text], g.textSample())
	}
	g = newGen(seed, 3)
	for range sz.Negatives {
		out[Negatives] = append(out[Negatives], g.negativeSample())
	}
	for _, ss := range out {
		for i := range ss {
			if ss[i].Spans == nil {
				ss[i].Spans = []Span{}
			}
		}
	}
	return out
}

// gen is the generator's random source and helpers.
type gen struct{ r *rand.Rand }

func newGen(seed, stream uint64) *gen {
	return &gen{r: rand.New(rand.NewPCG(seed, stream^0x9E3779B97F4A7C15))}
}

func (g *gen) intn(n int) int         { return g.r.IntN(n) }
func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) } // inclusive
func (g *gen) chance(p float64) bool  { return g.r.Float64() < p }
func (g *gen) pick(xs []string) string {
	return xs[g.r.IntN(len(xs))]
}

// from returns n random bytes of alphabet.
func (g *gen) from(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[g.r.IntN(len(alphabet))]
	}
	return string(b)
}

func (g *gen) bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.UintN(256))
	}
	return b
}

const (
	digitsAlpha = "0123456789"
	upperAlpha  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	lowerAlpha  = "abcdefghijklmnopqrstuvwxyz"
	alnumAlpha  = upperAlpha + lowerAlpha + digitsAlpha
	hexLower    = "0123456789abcdef"
	b64urlAlpha = alnumAlpha + "-_"
)

// pattern expands a format: '#' any digit, 'N' 2-9, 'Z' 1-9, 'A' an upper-case letter,
// 'X' an upper-case letter or digit; every other byte stands for itself.
func (g *gen) pattern(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '#':
			b.WriteByte('0' + byte(g.intn(10)))
		case 'N':
			b.WriteByte('2' + byte(g.intn(8)))
		case 'Z':
			b.WriteByte('1' + byte(g.intn(9)))
		case 'A':
			b.WriteByte(upperAlpha[g.intn(26)])
		case 'X':
			b.WriteByte((upperAlpha + digitsAlpha)[g.intn(36)])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// fill expands only '#' (a digit) and '@' (an upper-case letter), for formats whose literal
// letters must stay (postcodes, product codes).
func (g *gen) fill(p string) string {
	b := []byte(p)
	for i, c := range b {
		switch c {
		case '#':
			b[i] = '0' + byte(g.intn(10))
		case '@':
			b[i] = upperAlpha[g.intn(26)]
		}
	}
	return string(b)
}

// group writes s in groups of the given sizes joined by sep (the last group takes the rest).
func group(s string, sep string, sizes ...int) string {
	var b strings.Builder
	for _, n := range sizes {
		if len(s) == 0 {
			break
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		n = min(n, len(s))
		b.WriteString(s[:n])
		s = s[n:]
	}
	if len(s) > 0 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s)
	}
	return b.String()
}

// groupEvery writes s in groups of n joined by sep.
func groupEvery(s, sep string, n int) string {
	var parts []string
	for len(s) > n {
		parts = append(parts, s[:n])
		s = s[n:]
	}
	parts = append(parts, s)
	return strings.Join(parts, sep)
}

// piece is a generated value with the spans inside it (offsets relative to the value).
type piece struct {
	text   string
	format string
	spans  []Span
}

// whole is a piece whose whole text is one span of type t.
func whole(t, text, format string) piece {
	return piece{text: text, format: format, spans: []Span{{Type: t, Start: 0, End: len(text), Format: format}}}
}

func (p piece) spansAt(off int) []Span {
	out := make([]Span, len(p.spans))
	for i, s := range p.spans {
		out[i] = Span{Type: s.Type, Start: s.Start + off, End: s.End + off, Format: s.Format}
		if out[i].Format == "" {
			out[i].Format = p.format
		}
	}
	return out
}

// valueGen makes one format family of a type; country is a hint ("" = any) for types with
// national formats.
type valueGen struct {
	fn      func(g *gen, country string) piece
	columns []string // column names for this family, overriding the type's
}

type typeGens struct {
	typ     string
	columns []string // realistic column names holding the type
	gens    []valueGen
}

// valueGens lists every generator by type; gen_*.go files fill it in init.
var valueGens []typeGens

func register(typ string, columns []string, gens ...valueGen) {
	valueGens = append(valueGens, typeGens{typ: typ, columns: columns, gens: gens})
}

func vg(fn func(g *gen, country string) piece, columns ...string) valueGen {
	return valueGen{fn: fn, columns: columns}
}

// value returns a value of type t from a random one of its generators.
func (g *gen) value(t, country string) piece { return g.valueFrom(t, -1, country) }

// valueFrom returns a value of type t from its idx-th generator (a random one for idx < 0).
func (g *gen) valueFrom(t string, idx int, country string) piece {
	for _, tg := range valueGens {
		if tg.typ == t {
			if idx < 0 || idx >= len(tg.gens) {
				idx = g.intn(len(tg.gens))
			}
			return tg.gens[idx].fn(g, country)
		}
	}
	panic("corpora: no generator for " + t)
}

// isSecretType reports whether a type name is a credential (as classify.Type.IsSecret).
func isSecretType(t string) bool {
	switch t {
	case "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "STRIPE_KEY",
		"GOOGLE_API_KEY", "OPENAI_KEY", "ANTHROPIC_KEY", "JWT", "PRIVATE_KEY", "PASSWORD", "GENERIC_SECRET":
		return true
	}
	return false
}
