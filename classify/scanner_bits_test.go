package classify

import (
	"math/rand"
	"testing"
)

// bitsTestText is random text dense in triggers, digit groups, joins and non-ASCII bytes.
func bitsTestText(r *rand.Rand) []byte {
	const alpha = "0123456789 -./()+:@_,;xXaZ\x00\x7f\x80\xc3\xa9\xce\xd0\xff"
	n := r.Intn(200)
	if r.Intn(10) == 0 {
		n = r.Intn(1000)
	}
	b := make([]byte, n)
	for i := range b {
		if r.Intn(3) == 0 {
			b[i] = byte(r.Intn(256))
		} else {
			b[i] = alpha[r.Intn(len(alpha))]
		}
	}
	return b
}

// TestClassBits compares the class bitmaps, with AVX2 (where the machine has it) and without,
// with the byte tests they stand for, for several trigger sets.
func TestClassBits(t *testing.T) {
	scanners := []*Scanner{
		NewScanner(Builtin()...),
		NewScanner(testDet{name: "a", t: EmailAddress, tr: Triggers{Bytes: "a \x00"}}),
		NewScanner(testDet{name: "b", t: EmailAddress, tr: Triggers{Bytes: "\xff\x80"}}),
		NewScanner(testDet{name: "c", t: EmailAddress, tr: Triggers{Keywords: []string{"zz"}}}),
		// Nine distinct sets of low nibbles: too many for the nibble tables.
		NewScanner(testDet{name: "d", t: EmailAddress, tr: Triggers{Bytes: "\x01\x12\x23\x34\x45\x56\x67\x78\x89"}}),
	}
	if !scanners[0].nibOK && useAVX2 {
		t.Fatal("Default's triggers do not fit the nibble tables")
	}
	if scanners[4].nibOK {
		t.Fatal("nine sets of low nibbles fit eight bits")
	}
	r := rand.New(rand.NewSource(1))
	for _, s := range scanners {
		nibOK := s.nibOK
		for _, avx := range []bool{false, true} {
			if avx && !nibOK {
				continue
			}
			sc := s
			sc.nibOK = avx
			for iter := 0; iter < 3000; iter++ {
				text := bitsTestText(r)
				nb := (len(text) + 63) >> 6 * nCls
				bm := make([]uint64, nb)
				for k := range bm {
					bm[k] = 0x5555 // classBits must overwrite every word
				}
				sc.classBits(text, bm)
				for k := 0; k < nb/nCls*64; k++ {
					var want [nCls]bool
					if k < len(text) {
						c := text[k]
						want = [nCls]bool{s.isTrigger[c], isDigit(c), isAlnum(c), isTokenJoin(c)}
					}
					for c := range nCls {
						if got := bm[k>>6*nCls+c]>>uint(k&63)&1 != 0; got != want[c] {
							t.Fatalf("avx2 %v: class %d of byte %d of %q: %v, want %v", avx, c, k, text, got, want[c])
						}
					}
				}
			}
		}
	}
}

// TestClassBitsHelpers compares runEnd, tokenDigits and alnumEnd with the byte loops they
// replace (skipAlnum, countTokenDigits) at every offset.
func TestClassBitsHelpers(t *testing.T) {
	s := Default()
	r := rand.New(rand.NewSource(2))
	for iter := 0; iter < 5000; iter++ {
		text := bitsTestText(r)
		if r.Intn(4) == 0 { // long digit runs and tokens, across words
			for k := range text {
				if r.Intn(8) != 0 {
					text[k] = '0' + byte(r.Intn(10))
				}
			}
		}
		nb := (len(text) + 63) >> 6 * nCls
		bm := make([]uint64, nb+nCls)
		s.classBits(text, bm[:nb])
		for i := range text {
			if got, want := alnumEnd(bm, i), skipAlnum(text, i); got != want {
				t.Fatalf("alnumEnd(%q, %d) = %d, want %d", text, i, got, want)
			}
			j := i
			for j < len(text) && isDigit(text[j]) {
				j++
			}
			if got := runEnd(bm, clsDigit, i); got != j {
				t.Fatalf("runEnd(%q, digits, %d) = %d, want %d", text, i, got, j)
			}
			if !isDigit(text[i]) {
				continue
			}
			gn, ge := tokenDigits(bm, text, i)
			if wn, we := countTokenDigits(text, i); gn != wn || ge != we {
				t.Fatalf("tokenDigits(%q, %d) = %d, %d, want %d, %d", text, i, gn, ge, wn, we)
			}
		}
	}
}

// TestScanClassBitsPaths scans random texts with the class bitmaps computed with and without
// AVX2: the spans must not differ.
func TestScanClassBitsPaths(t *testing.T) {
	s := Default()
	if !s.nibOK {
		t.Skip("no AVX2")
	}
	scalar := NewScanner(Builtin()...)
	scalar.nibOK = false
	r := rand.New(rand.NewSource(3))
	var a, b SpanBuffer
	for iter := 0; iter < 3000; iter++ {
		text := bitsTestText(r)
		if iter%3 == 0 {
			text = append(text, mixedText(100+r.Intn(300), int64(iter))...)
		}
		a.Reset()
		b.Reset()
		s.Scan(text, Context{Column: ColumnFreeText}, &a)
		scalar.Scan(text, Context{Column: ColumnFreeText}, &b)
		if len(a.Spans) != len(b.Spans) {
			t.Fatalf("%q: %v, scalar %v", text, a.Spans, b.Spans)
		}
		for k := range a.Spans {
			if a.Spans[k] != b.Spans[k] {
				t.Fatalf("%q: %v, scalar %v", text, a.Spans, b.Spans)
			}
		}
	}
}
