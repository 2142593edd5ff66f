package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func runCmd(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, strings.NewReader(stdin), &o, &e)
	return o.String(), e.String(), code
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s:\n got:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestClassifyJSONLinesGolden(t *testing.T) {
	in, err := os.ReadFile("testdata/classify_input.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	out, stderr, code := runCmd(t, string(in), "classify")
	if code != 1 { // two bad lines in the input
		t.Errorf("exit %d, want 1 (stderr %q)", code, stderr)
	}
	golden(t, "classify_output.golden", out)

	// Structure, independent of the golden file: one line per input line, in
	// order; spans inside the text, typed, scored.
	inLines := strings.Split(strings.TrimSuffix(string(in), "\n"), "\n")
	outLines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(outLines) != len(inLines) {
		t.Fatalf("%d output lines for %d input lines", len(outLines), len(inLines))
	}
	for i, l := range outLines {
		var res struct {
			Spans *[]struct {
				Type       string
				Start, End int
				Score      float64
			}
			Error *string
		}
		if err := json.Unmarshal([]byte(l), &res); err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, l)
		}
		var src struct{ Text *string }
		if json.Unmarshal([]byte(inLines[i]), &src) != nil || src.Text == nil {
			if res.Error == nil {
				t.Errorf("line %d: bad input without an error: %s", i+1, l)
			}
			continue
		}
		if res.Spans == nil {
			t.Fatalf("line %d: no spans member: %s", i+1, l)
		}
		for _, s := range *res.Spans {
			if s.Start < 0 || s.End > len(*src.Text) || s.Start >= s.End || s.Type == "" || s.Score <= 0 || s.Score > 1 {
				t.Errorf("line %d: bad span %+v", i+1, s)
			}
		}
	}
}

// TestClassifyFindsWhatMatters checks spans by content, so that a golden
// file regenerated carelessly cannot hide a regression in the essentials.
func TestClassifyFindsWhatMatters(t *testing.T) {
	cases := []struct {
		text, typ, value string
	}{
		{"write to jane.doe@example.com today", "EMAIL_ADDRESS", "jane.doe@example.com"},
		{"key AKIAIOSFODNN7EXAMPLE here", "AWS_ACCESS_KEY", "AKIAIOSFODNN7EXAMPLE"},
		{"password=hunter2x; host=db", "PASSWORD", "hunter2x"},
		{"by Maria Garcia.", "PERSON", "Maria Garcia"},
		{"at 221B Baker Street now", "LOCATION", "221B Baker Street"},
		{"é ü ß then bob@example.org", "EMAIL_ADDRESS", "bob@example.org"}, // byte offsets past multi-byte runes
	}
	for _, c := range cases {
		line, _ := json.Marshal(map[string]string{"text": c.text})
		out, _, code := runCmd(t, string(line)+"\n", "classify")
		if code != 0 {
			t.Fatalf("%q: exit %d", c.text, code)
		}
		var res struct {
			Spans []struct {
				Type       string
				Start, End int
			}
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, s := range res.Spans {
			if s.Type == c.typ && c.text[s.Start:s.End] == c.value {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want %s %q, got %s", c.text, c.typ, c.value, out)
		}
	}
}

func TestClassifyPlainLines(t *testing.T) {
	out, _, code := runCmd(t, "mail a@example.com\r\n\nnothing\n", "classify", "--lines")
	want := `{"spans":[{"type":"EMAIL_ADDRESS","start":5,"end":18,"score":0.95}]}
{"spans":[]}
{"spans":[]}
`
	if code != 0 || out != want {
		t.Errorf("exit %d, output:\n%s\nwant:\n%s", code, out, want)
	}
}

func TestClassifyCSVGolden(t *testing.T) {
	out, stderr, code := runCmd(t, "", "classify", "--csv", "testdata/people.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "people_verdicts.golden", out)
	verdicts := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var v struct{ Column, Verdict, Type string }
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatal(err)
		}
		verdicts[v.Column] = v.Verdict + " " + v.Type
	}
	for col, want := range map[string]string{
		"id":           "clean ",
		"full_name":    "pii PERSON",
		"EmailAddress": "pii EMAIL_ADDRESS",
		"notes":        "free_text EMAIL_ADDRESS",
		"status":       "clean ",
		"client_ip":    "pii IP_ADDRESS",
		"contact":      "free_text EMAIL_ADDRESS",
	} {
		if got := verdicts[col]; got != want {
			t.Errorf("column %s: %q, want %q", col, got, want)
		}
	}
}

func TestClassifyUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
		code int
	}{
		{[]string{"classify", "--csv", "testdata/does-not-exist.csv"}, "maskwire classify: open testdata/does-not-exist.csv: no such file or directory\n", 2},
		{[]string{"classify", "extra"}, "maskwire classify: unexpected argument \"extra\"\n", 2},
		{[]string{"classify", "--csv", "testdata/people.csv", "--sample", "0"}, "maskwire classify: --sample 0: must be in 1..65535\n", 2},
	}
	for _, c := range cases {
		_, stderr, code := runCmd(t, "", c.args...)
		if code != c.code || !strings.HasPrefix(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", c.args, code, stderr, c.code, c.want)
		}
	}
	if _, stderr, code := runCmd(t, "", "classify", "--csv", "-"); code != 2 || !strings.Contains(stderr, "no header row") {
		t.Errorf("empty CSV on stdin: exit %d, %q", code, stderr)
	}
}
