package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/maskwire/maskwire/classify"
)

const classifyUsage = `usage: maskwire classify [--lines] [--column NAME]
       maskwire classify --csv FILE [--sample N]

Reads JSON lines {"text": "...", "column": "optional column name"} on stdin
(plain text lines with --lines) and writes one JSON line per input line, in
order: {"spans":[{"type":"EMAIL_ADDRESS","start":12,"end":31,"score":0.95}]},
with byte offsets into the text. A bad input line gets {"error":"..."} and
the rest are still read; the exit status is then 1.

With --csv, reads a CSV file with a header row ("-" for stdin) and writes one
JSON line per column with its verdict: clean, pii (and the type), or
free_text, decided from the column's name and a sample of its first N
non-empty values.
`

// maxClassifyLine bounds one input line (values larger than this are not
// rows anyone streams through a classifier line by line).
const maxClassifyLine = 64 << 20

type classifyInput struct {
	Text   *string `json:"text"`
	Column string  `json:"column"`
}

type classifySpan struct {
	Type  string  `json:"type"`
	Start int     `json:"start"`
	End   int     `json:"end"`
	Score float32 `json:"score"`
}

type classifyOutput struct {
	Spans []classifySpan `json:"spans"`
}

type classifyError struct {
	Error string `json:"error"`
}

type columnVerdictOutput struct {
	Column  string `json:"column"`
	Verdict string `json:"verdict"`
	Type    string `json:"type,omitempty"`
	Hint    string `json:"hint,omitempty"`
	Source  string `json:"source"`
	Sampled int    `json:"sampled"`
}

// runClassify is the `maskwire classify` subcommand: args are the arguments
// after "classify". It returns the process exit status: 0, 1 when an input
// line was bad, 2 for usage errors and unreadable input.
func runClassify(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("classify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, classifyUsage) }
	lines := fs.Bool("lines", false, "read plain text lines instead of JSON lines")
	column := fs.String("column", "", "column name to take hints from, for every line")
	csvFile := fs.String("csv", "", "print each column's verdict for this CSV file (- for stdin)")
	sample := fs.Int("sample", 32, "values sampled per column with --csv")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "maskwire classify: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	out := bufio.NewWriterSize(stdout, 64<<10)
	defer out.Flush()
	if *csvFile != "" {
		in := stdin
		if *csvFile != "-" {
			f, err := os.Open(*csvFile)
			if err != nil {
				fmt.Fprintf(stderr, "maskwire classify: %v\n", err)
				return 2
			}
			defer f.Close()
			in = f
		}
		if err := classifyCSV(in, out, *sample); err != nil {
			out.Flush()
			fmt.Fprintf(stderr, "maskwire classify: %v\n", err)
			return 2
		}
		return 0
	}
	return classifyLines(stdin, out, stderr, *lines, *column)
}

func classifyLines(stdin io.Reader, out *bufio.Writer, stderr io.Writer, plain bool, column string) int {
	sc := classify.Default()
	baseHints := classifyHints(column)
	sr := bufio.NewScanner(stdin)
	sr.Buffer(make([]byte, 0, 64<<10), maxClassifyLine)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	var spans classify.SpanBuffer
	var res classifyOutput
	status := 0
	for n := 1; sr.Scan(); n++ {
		line := sr.Bytes()
		text := line
		ctx := classify.Context{Column: baseHints}
		if plain {
			text = trimCR(line)
		} else {
			var in classifyInput
			err := json.Unmarshal(line, &in)
			switch {
			case err != nil:
				enc.Encode(classifyError{Error: fmt.Sprintf("line %d: %v", n, err)})
				status = 1
				continue
			case in.Text == nil:
				enc.Encode(classifyError{Error: fmt.Sprintf(`line %d: no "text" member`, n)})
				status = 1
				continue
			}
			text = []byte(*in.Text)
			if in.Column != "" {
				ctx.Column |= classifyHints(in.Column)
			}
		}
		spans.Reset()
		sc.Scan(text, ctx, &spans)
		res.Spans = res.Spans[:0]
		for _, s := range spans.Spans {
			res.Spans = append(res.Spans, classifySpan{Type: s.Type.String(), Start: s.Start, End: s.End, Score: s.Score})
		}
		if res.Spans == nil {
			res.Spans = []classifySpan{}
		}
		if err := enc.Encode(res); err != nil {
			fmt.Fprintf(stderr, "maskwire classify: %v\n", err)
			return 2
		}
	}
	if err := sr.Err(); err != nil {
		out.Flush()
		fmt.Fprintf(stderr, "maskwire classify: reading input: %v\n", err)
		return 2
	}
	return status
}

func trimCR(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] == '\r' {
		return b[:len(b)-1]
	}
	return b
}

// classifyHints turns a column name into scan hints through a throwaway
// resolver verdict, so the CLI and the proxy read names the same way.
func classifyHints(column string) classify.ColumnHints {
	if column == "" {
		return 0
	}
	r, _ := classify.NewResolver(nil, classify.Options{})
	st := r.Resolve([]classify.ColumnDesc{{Name: []byte(column), Key: classify.ComputedColumnKey(0, 0, 0, 25)}}, make([]classify.ColumnState, 1))
	return st[0].Verdict.Hints
}

// classifyCSV prints the verdict of each column of a CSV file with a header,
// sampling its first sample non-empty values (all columns are text).
func classifyCSV(in io.Reader, out *bufio.Writer, sample int) error {
	if sample < 1 || sample > 65535 {
		return fmt.Errorf("--sample %d: must be in 1..65535", sample)
	}
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return errors.New("CSV file is empty: no header row")
	}
	if err != nil {
		return err
	}
	header = append([]string(nil), header...)
	r, err := classify.NewResolver(nil, classify.Options{SampleSize: sample, MinSample: 1, SpotCheckEvery: -1})
	if err != nil {
		return err
	}
	cols := make([]classify.ColumnDesc, len(header))
	for i, h := range header {
		cols[i] = classify.ColumnDesc{Name: []byte(h), Key: classify.ComputedColumnKey(0, 0, uint16(i), 25)}
	}
	states := r.Resolve(cols, make([]classify.ColumnState, len(cols)))
	sc := classify.Default()
	var spans classify.SpanBuffer
	for {
		undecided := false
		for i := range states {
			undecided = undecided || states[i].Verdict.Kind == classify.VerdictUnknown
		}
		if !undecided {
			break
		}
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		for i := range states {
			if i >= len(rec) || rec[i] == "" || states[i].Verdict.Kind != classify.VerdictUnknown {
				continue
			}
			v := []byte(rec[i])
			if r.Next(&states[i]) != classify.ActionScan {
				continue
			}
			spans.Reset()
			sc.Scan(v, states[i].Verdict.Context(), &spans)
			r.Observe(&states[i], v, spans.Spans)
		}
	}
	r.Finish(states)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for i, st := range states {
		v := st.Verdict
		o := columnVerdictOutput{Column: header[i], Verdict: v.Kind.String(), Source: sourceString(v.Source), Sampled: int(v.Sampled)}
		if v.Kind == classify.VerdictUnknown { // no non-empty value at all
			o.Verdict = "clean"
			o.Source = "sample"
		}
		if v.Type != classify.None && v.Kind != classify.VerdictClean {
			o.Type = v.Type.String()
		}
		if v.Hint.Strength != classify.HintNone {
			o.Hint = v.Hint.Type.String()
		}
		if err := enc.Encode(o); err != nil {
			return err
		}
	}
	return nil
}

func sourceString(s classify.VerdictSource) string {
	var parts []string
	for _, p := range []struct {
		bit  classify.VerdictSource
		name string
	}{{classify.FromName, "name"}, {classify.FromType, "type"}, {classify.FromSample, "sample"}, {classify.FromSpotCheck, "spot_check"}} {
		if s&p.bit != 0 {
			parts = append(parts, p.name)
		}
	}
	return strings.Join(parts, "+")
}
