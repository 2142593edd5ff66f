package corpora

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/maskwire/maskwire/classify"
)

// Quality of classify's Scanner on the corpora.
//
// Each sample is scanned with classify.Default() under the context its column name gives
// (classify.ColumnContext: "email" unlocks bare forms of an email column, "notes" is free text),
// as the product scans a column before it has a verdict.
//
// Matching: an expected span and a reported span match when they have the same type and their
// byte ranges overlap. Spans need not have equal bounds: "+49 30 1234567" reported without its
// "+" is still the phone number found.
//
// Expected spans may nest inside a URL: scheme://user:PASSWORD@host and jdbc:...&password=X
// carry a nested PASSWORD, postgresql://u:p@10.1.2.3/db a nested IP_ADDRESS. The Scanner reports
// non-overlapping spans and lets a secret win an overlap (it reports the password and the URL
// around it in pieces), so a nested secret counts like any span, while a nested non-secret span
// is optional: not counted in recall, but a reported span matching it is correct.
//
//   - recall(T)    = expected T spans matched by a reported T span / expected T spans
//   - precision(T) = reported T spans matching an expected T span / reported T spans, over all
//     three corpora (a span reported in a hard negative is a false positive of its type)
//   - hard-negative FP rate = hard-negative samples with any reported span / hard negatives
//
// Targets (issue 3): 0.99 precision and recall for checksum-validated types, 0.97 for the rest,
// hard-negative FP rate at most 0.1%.

var qualityTargets = flag.Bool("quality-targets", false, "enforce issue 3's targets for every type (make quality); by default, types below target are held to their recorded floor")

// floors are the recall and precision measured for the types still below
// the targets (see BENCHMARKS.md, "classify: quality"): a regression
// guard, not a goal. Every other type is held to its target. Raise a floor
// whenever a detector improves; `make quality` enforces the targets.
var floors = map[string][2]float64{ // type: {recall, precision}, measured 2026-11-22 10:55 UTC
}

var writeBenchmarks = flag.String("write-benchmarks", "", "write the quality table into this BENCHMARKS.md (section \"classify: quality\")")

// checksummed are the types whose detectors confirm a checksum.
var checksummed = map[string]bool{
	"CREDIT_CARD": true, "IBAN_CODE": true, "CRYPTO": true, "CA_SIN": true, "ES_NIF": true, "IT_FISCAL_CODE": true,
	"IN_AADHAAR": true, "PL_PESEL": true, "FI_PERSONAL_IDENTITY_CODE": true, "NL_BSN": true, "BR_CPF": true,
	"AU_TFN": true, "SG_NRIC_FIN": true,
}

const maxNegativeFPRate = 0.001

func target(t string) float64 {
	if checksummed[t] {
		return 0.99
	}
	return 0.97
}

type typeStats struct {
	expected, found   int // expected spans, of which matched
	reported, correct int // reported spans, of which matched
	negFP             int // reported in hard negatives
	misses, falses    []string
	byFormat          map[string][2]int // span format -> {expected, found}
}

type qualityReport struct {
	stats             map[string]*typeStats
	negatives, negHit int
	negExamples       []string
	samples           int
}

// optionalSpan reports whether sp[i] is a non-secret span nested in another expected span.
func optionalSpan(sp []Span, i int) bool {
	if isSecretType(sp[i].Type) {
		return false
	}
	for j, o := range sp {
		if j != i && o.Start <= sp[i].Start && sp[i].End <= o.End && o.Type != sp[i].Type {
			return true
		}
	}
	return false
}

func overlaps(a Span, b classify.Span) bool { return a.Start < b.End && b.Start < a.End }

// measure scans every corpus; with noColumns every sample is scanned as free text, ignoring its
// column name (how the public labeled corpora, which have no columns, see the scanner).
func measure(t *testing.T, noColumns bool) *qualityReport {
	t.Helper()
	sc := classify.Default()
	rep := &qualityReport{stats: map[string]*typeStats{}}
	st := func(ty string) *typeStats {
		if rep.stats[ty] == nil {
			rep.stats[ty] = &typeStats{}
		}
		return rep.stats[ty]
	}
	for _, tg := range valueGens {
		st(tg.typ)
	}
	var buf classify.SpanBuffer
	for _, name := range Names {
		samples, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range samples {
			rep.samples++
			buf.Reset()
			col := s.Column
			if noColumns {
				col = ""
			}
			sc.Scan([]byte(s.Text), classify.ColumnContext(col), &buf)
			exp := s.Spans
			for i, e := range exp {
				if optionalSpan(exp, i) {
					continue
				}
				ts := st(e.Type)
				ts.expected++
				hit := false
				for _, p := range buf.Spans {
					if p.Type.String() == e.Type && overlaps(e, p) {
						hit = true
						break
					}
				}
				if ts.byFormat == nil {
					ts.byFormat = map[string][2]int{}
				}
				f := ts.byFormat[e.Format]
				f[0]++
				if hit {
					f[1]++
				}
				ts.byFormat[e.Format] = f
				if hit {
					ts.found++
				} else if len(ts.misses) < 6 {
					var got []string
					for _, p := range buf.Spans {
						got = append(got, fmt.Sprintf("%s %q", p.Type, s.Text[p.Start:p.End]))
					}
					ts.misses = append(ts.misses, fmt.Sprintf("[%s col=%s] %q in %q; reported %v", s.Format, s.Column, s.Text[e.Start:e.End], clip(s.Text), got))
				}
			}
			for _, p := range buf.Spans {
				ty := p.Type.String()
				ts := st(ty)
				ts.reported++
				ok := false
				for _, e := range exp {
					if e.Type == ty && overlaps(e, p) {
						ok = true
						break
					}
				}
				if ok {
					ts.correct++
					continue
				}
				if name == Negatives {
					ts.negFP++
				}
				if len(ts.falses) < 6 {
					ts.falses = append(ts.falses, fmt.Sprintf("[%s/%s col=%s] %q in %q", name, s.Format, s.Column, s.Text[p.Start:p.End], clip(s.Text)))
				}
			}
			if name == Negatives {
				rep.negatives++
				if len(buf.Spans) > 0 {
					rep.negHit++
					if len(rep.negExamples) < 20 {
						p := buf.Spans[0]
						rep.negExamples = append(rep.negExamples, fmt.Sprintf("[%s col=%s] %s %q in %q", s.Format, s.Column, p.Type, s.Text[p.Start:p.End], clip(s.Text)))
					}
				}
			}
		}
	}
	return rep
}

func clip(s string) string {
	if len(s) > 160 {
		return s[:160] + "..."
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// failures lists the types below target, and the FP rate if above it.
// rates returns a type's precision and recall; ok is false when the type
// was neither expected nor reported.
func (r *qualityReport) rates(ty string) (p, rc float64, ok bool) {
	s := r.stats[ty]
	if s.expected == 0 && s.reported == 0 {
		return 0, 0, false
	}
	p, rc = ratio(s.correct, s.reported), ratio(s.found, s.expected)
	if s.expected > 0 && s.reported == 0 {
		p = 0
	}
	return p, rc, true
}

func (r *qualityReport) failures() []string {
	var out []string
	for _, ty := range r.types() {
		p, rc, ok := r.rates(ty)
		if !ok {
			continue
		}
		if p < target(ty) || rc < target(ty) {
			out = append(out, fmt.Sprintf("%s: precision %.4f recall %.4f (target %.2f)", ty, p, rc, target(ty)))
		}
	}
	if fp := ratio(r.negHit, r.negatives); fp > maxNegativeFPRate {
		out = append(out, fmt.Sprintf("hard negatives: FP rate %.4f%% (target <= %.1f%%)", 100*fp, 100*maxNegativeFPRate))
	}
	return out
}

func (r *qualityReport) types() []string {
	var ts []string
	for t := range r.stats {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}

// table renders the report as a Markdown table.
func (r *qualityReport) table() string {
	var b strings.Builder
	b.WriteString("| type | expected | recall | reported | precision | FP in negatives | target | ok |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|:-:|\n")
	for _, ty := range r.types() {
		s := r.stats[ty]
		p, rc := ratio(s.correct, s.reported), ratio(s.found, s.expected)
		if s.expected > 0 && s.reported == 0 {
			p = 0
		}
		ok := "yes"
		if p < target(ty) || rc < target(ty) {
			ok = "**no**"
		}
		fmt.Fprintf(&b, "| %s | %d | %.4f | %d | %.4f | %d | %.2f | %s |\n", ty, s.expected, rc, s.reported, p, s.negFP, target(ty), ok)
	}
	fp := ratio(r.negHit, r.negatives)
	ok := "yes"
	if fp > maxNegativeFPRate {
		ok = "**no**"
	}
	fmt.Fprintf(&b, "| hard negatives (samples with any span) | %d | | %d | FP rate %.3f%% | | <= 0.1%% | %s |\n", r.negatives, r.negHit, 100*fp, ok)
	return b.String()
}

func TestQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("scans every corpus")
	}
	rep := measure(t, false)
	t.Logf("classify quality over %d samples (corpora seed %d)\n%s", rep.samples, DefaultSeed, rep.table())
	for _, ty := range rep.types() {
		s := rep.stats[ty]
		for _, m := range s.misses {
			if ratio(s.found, s.expected) < target(ty) {
				t.Logf("missed %s: %s", ty, m)
			}
		}
		for _, f := range s.falses {
			if ratio(s.correct, s.reported) < target(ty) || s.negFP > 0 {
				t.Logf("false %s: %s", ty, f)
			}
		}
	}
	for _, ty := range rep.types() {
		s := rep.stats[ty]
		if ratio(s.found, s.expected) >= target(ty) {
			continue
		}
		var fs []string
		for f, c := range s.byFormat {
			if c[1] < c[0] {
				fs = append(fs, fmt.Sprintf("%s %d/%d", f, c[1], c[0]))
			}
		}
		sort.Strings(fs)
		t.Logf("recall of %s by format (found/expected, formats with misses): %s", ty, strings.Join(fs, ", "))
	}
	for _, e := range rep.negExamples {
		t.Logf("hard-negative hit: %s", e)
	}
	// Informational, not enforced: the same corpora with column names withheld. Bare national
	// IDs and bare dates are expected to drop here: without a column or nearby words they are
	// indistinguishable from other numbers.
	t.Logf("informational: every sample scanned as free text (column names withheld)\n%s", measure(t, true).table())
	if *writeBenchmarks != "" {
		if err := writeQualitySection(*writeBenchmarks, rep); err != nil {
			t.Fatal(err)
		}
	}
	if *qualityTargets {
		for _, f := range rep.failures() {
			t.Errorf("below target: %s", f)
		}
		return
	}
	for _, f := range rep.failures() {
		t.Logf("below the issue's target (open work; make quality enforces it): %s", f)
	}
	for _, ty := range rep.types() {
		precision, recall, measured := rep.rates(ty)
		if !measured {
			continue
		}
		want, ok := floors[ty]
		if !ok {
			want = [2]float64{target(ty), target(ty)}
		}
		if recall < want[0] || precision < want[1] {
			t.Errorf("%s regressed: recall %.4f precision %.4f, floor %.4f / %.4f", ty, recall, precision, want[0], want[1])
		}
	}
	if fp := ratio(rep.negHit, rep.negatives); fp > maxNegativeFPRate {
		t.Errorf("hard negatives: FP rate %.4f%% (target <= %.1f%%)", 100*fp, 100*maxNegativeFPRate)
	}
}

const qualityHeading = "## classify: quality"

// writeQualitySection replaces the "classify: quality" section of path (up to the next "## "
// heading), or appends it; other sections are kept as they are.
func writeQualitySection(path string, rep *qualityReport) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	var sec strings.Builder
	sec.WriteString(qualityHeading + "\n\n")
	fmt.Fprintf(&sec, "Measured %s by `go test ./corpora/ -run TestQuality -v -args -write-benchmarks=$PWD/BENCHMARKS.md`\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(&sec, "over the generated corpora (corpora/data, seed %d, %d samples): classify.Default() scanning each sample\n", DefaultSeed, rep.samples)
	sec.WriteString("under classify.ColumnContext(column). A span matches when type equal and byte ranges overlap;\n")
	sec.WriteString("precision counts reported spans over all corpora, including hard negatives. Definitions in\n")
	sec.WriteString("corpora/quality_test.go.\n\n")
	sec.WriteString(rep.table())
	sec.WriteString("\n")
	s := string(old)
	i := strings.Index(s, qualityHeading+"\n")
	if i < 0 {
		if len(s) > 0 && !strings.HasSuffix(s, "\n\n") {
			s = strings.TrimRight(s, "\n") + "\n\n"
		}
		return os.WriteFile(path, []byte(s+sec.String()), 0o644)
	}
	rest := s[i+len(qualityHeading):]
	end := len(s)
	if j := strings.Index(rest, "\n## "); j >= 0 {
		end = i + len(qualityHeading) + j + 1
	}
	return os.WriteFile(path, []byte(s[:i]+sec.String()+s[end:]), 0o644)
}
