package corpora

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/klauspost/compress/zstd"
)

// Span is one expected finding: Text[Start:End] (byte offsets) holds a value of Type, named as
// classify.Type.String names it ("EMAIL_ADDRESS", "IBAN_CODE", ...).
type Span struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Format names the generator's format family of the value ("phone/DE/national"), for
	// reading failures; it is not a label.
	Format string `json:"format,omitempty"`
}

// Sample is one labeled value or text.
type Sample struct {
	// Text is the value as it would sit in a column.
	Text string `json:"text"`
	// Column is a realistic name of the column the value sits in ("email", "notes",
	// "customer_id"); empty when the value stands alone.
	Column string `json:"column,omitempty"`
	// Kind says what generated the sample: "value", "text" or "none" (a hard negative).
	Kind string `json:"kind"`
	// Format names the format family ("phone/DE/mobile", "iban/FR/print", "uuid", ...), for
	// reading failures; it is not a label.
	Format string `json:"format,omitempty"`
	// Lang is the language of the prose of a text sample (ISO 639-1), empty for values.
	Lang string `json:"lang,omitempty"`
	// Spans are the expected findings in ascending Start order. A secret span may nest inside
	// a URL span (scheme://user:PASSWORD@host); nothing else overlaps. Hard negatives have none.
	Spans []Span `json:"spans"`
}

// Names of the stored corpora.
const (
	Values    = "values"    // one PII or secret value per sample, with its column name
	Text      = "text"      // prose with 0..3 PII values, several languages
	Negatives = "negatives" // hard negatives: nothing in them is PII or a secret
)

// Names lists the stored corpora.
var Names = []string{Values, Text, Negatives}

//go:embed data/*.jsonl.zst
var dataFS embed.FS

// Load returns the stored corpus name (one of Names), decoded from data/<name>.jsonl.zst.
func Load(name string) ([]Sample, error) {
	if !slices.Contains(Names, name) {
		return nil, fmt.Errorf("corpora: unknown corpus %q (have %v)", name, Names)
	}
	f, err := dataFS.Open("data/" + name + ".jsonl.zst")
	if err != nil {
		return nil, fmt.Errorf("corpora: %w", err)
	}
	defer f.Close()
	return Decode(f)
}

// Encode writes samples as zstd-compressed JSON lines. The output is a function of the samples
// alone (single-threaded encoder, fixed level), so a seed fixes the bytes.
func Encode(w io.Writer, samples []Sample) error {
	zw, err := zstd.NewWriter(w, zstd.WithEncoderLevel(zstd.SpeedBestCompression),
		zstd.WithEncoderConcurrency(1), zstd.WithZeroFrames(true))
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range samples {
		if err := enc.Encode(&samples[i]); err != nil {
			zw.Close()
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		zw.Close()
		return err
	}
	return zw.Close()
}

// Decode reads zstd-compressed JSON lines written by Encode and checks every span's bounds.
func Decode(r io.Reader) ([]Sample, error) {
	zr, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("corpora: %w", err)
	}
	var out []Sample
	for line := 1; len(raw) > 0; line++ {
		i := bytes.IndexByte(raw, '\n')
		if i < 0 {
			i = len(raw)
		}
		var s Sample
		if err := json.Unmarshal(raw[:i], &s); err != nil {
			return nil, fmt.Errorf("corpora: line %d: %w", line, err)
		}
		for _, sp := range s.Spans {
			if sp.Start < 0 || sp.End > len(s.Text) || sp.Start >= sp.End {
				return nil, fmt.Errorf("corpora: line %d: span %v outside text of %d bytes", line, sp, len(s.Text))
			}
		}
		out = append(out, s)
		raw = raw[min(i+1, len(raw)):]
	}
	return out, nil
}
