package classify

import (
	"math/rand"
	"testing"
)

// TestTriggerGatesHoldForDetect checks the promise behind Triggers.Before/After, NumDigits and
// RunDigits: wherever the scanner skips a detector's call by its tables, the detector, called
// there, reports nothing and returns the offset the scanner assumes. Text is random and dense in
// triggers, with corpus-like values spliced in.
func TestTriggerGatesHoldForDetect(t *testing.T) {
	sc := NewScanner(Builtin()...)
	r := rand.New(rand.NewSource(3))
	alpha := []byte("0123456789abcdefxyzABCDEFGSTXYZ:-. .,@_+/()é")
	pieces := []string{"DE89 3704 0044 0532 0130 00", "RSSMRA85T10A562S", "AB 12 34 56 C", "QQ123456C",
		"S1234567D", "131052-308T", "X1234567L", "12345678Z", "00:1A:2B:3C:4D:5E", "0123.4567.89ab",
		"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "536-90-4399", "4111 1111 1111 1111", "+1 (415) 555-2671",
		"046 454 286", "123.456.789-09", "44051401359", "2345 6789 0124", "1985-03-12"}
	ctxs := []Context{{}, {Column: ColumnFreeText}, {Column: ColumnNationalID}}
	for iter := 0; iter < 4000; iter++ {
		text := splicedText(r, alpha, pieces, 60)
		n := len(text)
		for d, det := range sc.dets {
			bit := uint64(1) << uint(d)
			for p := 0; p < n; p++ {
				if sc.byteDet[text[p]]&bit == 0 {
					continue
				}
				resume, skipped := -1, false
				if sc.gated&bit != 0 {
					b, a := 0, 0
					if p > 0 {
						b = int(text[p-1]) + 1
					}
					if p+1 < n {
						a = int(text[p+1]) + 1
					}
					if sc.before[b]&sc.after[a]&bit == 0 {
						skipped, resume = true, p+1
						if sc.gateWord&bit != 0 {
							resume = skipAlnum(text, p)
						}
					}
				}
				if !skipped && sc.runDet&bit != 0 {
					j := p + 1
					for j < n && j-p < 31 && isDigit(text[j]) {
						j++
					}
					if sc.runOK[j-p]&bit == 0 {
						skipped, resume = true, skipAlnum(text, p)
					}
				}
				if !skipped && sc.numDet&bit != 0 {
					var tok numToken
					parseNumToken(text, p, &tok)
					if tok.overflow || sc.numOK[tok.nd]&bit == 0 || sc.numPlain&bit != 0 && (tok.plus || tok.paren) {
						skipped, resume = true, tok.end
					}
				}
				if !skipped {
					continue
				}
				if resume <= p {
					resume = p + 1
				}
				for _, ctx := range ctxs {
					var buf SpanBuffer
					got := det.Detect(text, Candidate{Pos: p, End: p + 1, Keyword: -1}, &ctx, &buf)
					if got <= p {
						got = p + 1
					}
					if len(buf.Spans) != 0 || got != resume {
						t.Fatalf("%s at %d in %q: gate says skip (resume %d) but Detect reports %v and resumes at %d",
							det.Name(), p, text, resume, buf.Spans, got)
					}
				}
			}
		}
	}
}

// TestLocPrefixParticleFilter: every word of the word set with wordStreetPrefix or wordParticle
// passes the first-two-bytes filter, in any ASCII case.
func TestLocPrefixParticleFilter(t *testing.T) {
	ws := words()
	n := 0
	for _, s := range ws.slots {
		if s.n == 0 || s.flags&(wordStreetPrefix|wordParticle) == 0 {
			continue
		}
		w := append([]byte(nil), ws.blob[s.off:s.off+uint32(s.n)]...)
		for _, v := range [][]byte{w, []byte(upperASCII(string(w)))} {
			if got := locPrefixParticle(v); got&(wordStreetPrefix|wordParticle) != s.flags&(wordStreetPrefix|wordParticle) {
				t.Errorf("%q: flags %b, want %b", v, got, s.flags)
			}
		}
		n++
	}
	if n < 20 {
		t.Fatalf("only %d street-prefix and particle words", n)
	}
}

func upperASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if isLower(c) {
			b[i] = c - 32
		}
	}
	return string(b)
}

// splicedText returns random text of at least n bytes: bytes of alpha with,
// one time in four, a whole piece spliced in (trigger-dense text with real
// values among the noise, for the gate tests).
func splicedText(r *rand.Rand, alpha []byte, pieces []string, n int) []byte {
	var text []byte
	for len(text) < n {
		if r.Intn(4) == 0 {
			text = append(text, pieces[r.Intn(len(pieces))]...)
		} else {
			text = append(text, alpha[r.Intn(len(alpha))])
		}
	}
	return text
}
