package classify

import (
	"math/rand"
	"slices"
	"testing"
)

// ungated declares only a detector's trigger bytes, keywords and MinDigits (which narrows the
// calls, where the gates only skip calls that would report nothing): a scanner over such
// wrappers calls Detect at every trigger its resume offset and MinDigits allow.
type ungated struct{ Detector }

func (u ungated) Triggers() Triggers {
	tr := u.Detector.Triggers()
	return Triggers{Bytes: tr.Bytes, Keywords: tr.Keywords, EveryValue: tr.EveryValue, MinDigits: tr.MinDigits}
}

// TestScanSkipsOnlyEmptyCalls: the built-in scanner, which skips calls by its gates (Before,
// After, RunAfter, NumDigits, RunDigits) and puts the detectors they skip to sleep
// in groups (tokSleep, wordSleep), reports what a scanner calling every detector at every
// trigger reports.
func TestScanSkipsOnlyEmptyCalls(t *testing.T) {
	fast := NewScanner(Builtin()...)
	var ws []Detector
	for _, d := range Builtin() {
		ws = append(ws, ungated{d})
	}
	slow := NewScanner(ws...)
	r := rand.New(rand.NewSource(13))
	alpha := []byte("0123456789abcdefxyzABCDEFGSTXYZ:-. .,@_+/()é#")
	pieces := []string{"DE89 3704 0044 0532 0130 00", "RSSMRA85T10A562S", "AB 12 34 56 C", "QQ123456C",
		"S1234567D", "131052-308T", "X1234567L", "12345678Z", "00:1A:2B:3C:4D:5E", "10.0.3.17",
		"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "536-90-4399", "4111 1111 1111 1111", "+1 (415) 555-2671",
		"046 454 286", "123.456.789-09", "44051401359", "2345 6789 0124", "1985-03-12", "+44 20 7946 0958",
		" Callback requested on ", " 12 Baker Street, London ", " jane.doe@example.org ", " Refund of 345.45 EUR ",
		" John Smith ", " born 12/03/1985 ", " SW1A 1AA ", " order 12345, "}
	ctxs := []Context{{}, {Column: ColumnFreeText}, {Column: ColumnNationalID}}
	for iter := 0; iter < 3000; iter++ {
		var text []byte
		for len(text) < 20+r.Intn(200) {
			if r.Intn(3) == 0 {
				text = append(text, alpha[r.Intn(len(alpha))])
			} else {
				text = append(text, pieces[r.Intn(len(pieces))]...)
			}
		}
		for _, ctx := range ctxs {
			var a, b SpanBuffer
			fast.Scan(text, ctx, &a)
			slow.Scan(text, ctx, &b)
			if !slices.Equal(a.Spans, b.Spans) {
				t.Fatalf("%q (%+v): %v, calling at every trigger %v", text, ctx, a.Spans, b.Spans)
			}
		}
	}
}
