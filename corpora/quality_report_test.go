package corpora

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestQualityReportFlagsBelowTarget(t *testing.T) {
	rep := &qualityReport{stats: map[string]*typeStats{
		"CREDIT_CARD":   {expected: 1000, found: 989, reported: 989, correct: 989}, // recall 0.989 < 0.99
		"EMAIL_ADDRESS": {expected: 100, found: 97, reported: 100, correct: 97},    // 0.97: at target
		"PERSON":        {expected: 100, found: 100, reported: 104, correct: 100},  // precision 0.9615
		"US_SSN":        {expected: 10, found: 0},                                  // nothing reported
	}, negatives: 10000, negHit: 11}
	got := strings.Join(rep.failures(), "\n")
	for _, want := range []string{"CREDIT_CARD: precision 1.0000 recall 0.9890", "PERSON: precision 0.9615", "US_SSN: precision 0.0000 recall 0.0000", "FP rate 0.1100%"} {
		if !strings.Contains(got, want) {
			t.Errorf("failures missing %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "EMAIL_ADDRESS") {
		t.Errorf("EMAIL_ADDRESS at target reported as failing:\n%s", got)
	}
	if tb := rep.table(); !strings.Contains(tb, "| CREDIT_CARD | 1000 | 0.9890 | 989 | 1.0000 | 0 | 0.99 | **no** |") {
		t.Errorf("table row for CREDIT_CARD wrong:\n%s", tb)
	}
}

func TestOptionalSpan(t *testing.T) {
	sp := []Span{{Type: "URL", Start: 0, End: 40}, {Type: "PASSWORD", Start: 10, End: 15}, {Type: "IP_ADDRESS", Start: 16, End: 25}}
	if optionalSpan(sp, 0) || optionalSpan(sp, 1) || !optionalSpan(sp, 2) {
		t.Error("want only the IP nested in the URL optional")
	}
}

func TestWriteQualitySectionKeepsOthers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	before := "# Benchmarks\n\n## codec: framing\n\nfast\n\n## classify: quality\n\nold table\n\n## mask: speed\n\nslow\n"
	if err := os.WriteFile(path, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := &qualityReport{stats: map[string]*typeStats{"IBAN_CODE": {expected: 5, found: 5, reported: 5, correct: 5}}, negatives: 1}
	if err := writeQualitySection(path, rep); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	s := string(b)
	if strings.Contains(s, "old table") || !strings.Contains(s, "| IBAN_CODE | 5 |") {
		t.Errorf("section not replaced:\n%s", s)
	}
	if !strings.Contains(s, "## codec: framing\n\nfast\n") || !strings.Contains(s, "## mask: speed\n\nslow\n") || strings.Count(s, qualityHeading) != 1 {
		t.Errorf("other sections changed:\n%s", s)
	}
	// Appends when absent.
	if err := os.WriteFile(path, []byte("# Benchmarks\n\n## codec\n\nx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeQualitySection(path, rep); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(path)
	if s := string(b); !strings.HasPrefix(s, "# Benchmarks\n\n## codec\n\nx\n\n"+qualityHeading) {
		t.Errorf("section not appended:\n%s", s)
	}
}
