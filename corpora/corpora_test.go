package corpora

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

var smallSizes = Sizes{ValuesPerFormat: 3, Text: 200, Negatives: 200}

func encodeAll(t *testing.T, sets map[string][]Sample) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, n := range Names {
		var b bytes.Buffer
		if err := Encode(&b, sets[n]); err != nil {
			t.Fatal(err)
		}
		out[n] = b.Bytes()
	}
	return out
}

func TestGenerateIsDeterministic(t *testing.T) {
	a := encodeAll(t, Generate(7, smallSizes))
	b := encodeAll(t, Generate(7, smallSizes))
	c := encodeAll(t, Generate(8, smallSizes))
	for _, n := range Names {
		if !bytes.Equal(a[n], b[n]) {
			t.Errorf("%s: two runs with seed 7 differ", n)
		}
		if bytes.Equal(a[n], c[n]) {
			t.Errorf("%s: seeds 7 and 8 give the same bytes", n)
		}
	}
}

// TestCommittedDataIsRegenerated checks that data/*.jsonl.zst is exactly what
// `go run ./corpora/gen` writes, so the committed corpora match the generator.
func TestCommittedDataIsRegenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates the full corpora")
	}
	got := encodeAll(t, Generate(DefaultSeed, DefaultSizes))
	for _, n := range Names {
		want, err := os.ReadFile("data/" + n + ".jsonl.zst")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got[n], want) {
			t.Errorf("data/%s.jsonl.zst is stale: run go run ./corpora/gen", n)
		}
	}
}

func TestLoadRoundTrip(t *testing.T) {
	sets := Generate(DefaultSeed, DefaultSizes)
	for _, n := range Names {
		got, err := Load(n)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(sets[n]) {
			t.Fatalf("%s: loaded %d samples, generated %d", n, len(got), len(sets[n]))
		}
		for i := range got {
			if got[i].Text != sets[n][i].Text || fmt.Sprint(got[i].Spans) != fmt.Sprint(sets[n][i].Spans) {
				t.Fatalf("%s[%d]: loaded %+v, generated %+v", n, i, got[i], sets[n][i])
			}
		}
	}
	if _, err := Load("nope"); err == nil {
		t.Error("Load of an unknown corpus succeeded")
	}
}

func TestSpansAreWellFormed(t *testing.T) {
	for _, n := range Names {
		ss, err := Load(n)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range ss {
			if !utf8.ValidString(s.Text) {
				t.Errorf("%s[%d]: invalid UTF-8 %q", n, i, s.Text)
			}
			if (n == Negatives) != (len(s.Spans) == 0) && n != Text {
				t.Errorf("%s[%d]: %d spans", n, i, len(s.Spans))
			}
			for j, sp := range s.Spans {
				if !utf8.RuneStart(s.Text[sp.Start]) || (sp.End < len(s.Text) && !utf8.RuneStart(s.Text[sp.End])) {
					t.Errorf("%s[%d]: span %v splits a character in %q", n, i, sp, s.Text)
				}
				v := s.Text[sp.Start:sp.End]
				if strings.TrimSpace(v) != v {
					t.Errorf("%s[%d]: span %v has surrounding space: %q", n, i, sp, v)
				}
				for _, o := range s.Spans[:j] {
					if sp.Start < o.End && !nested(o, sp) {
						t.Errorf("%s[%d]: spans %v and %v overlap", n, i, o, sp)
					}
				}
			}
		}
	}
}

func nested(outer, inner Span) bool {
	return inner.Start >= outer.Start && inner.End <= outer.End && outer.Type == "URL"
}

// TestValuesValidate re-checks every checksummed value with this package's own validators.
func TestValuesValidate(t *testing.T) {
	ss, err := Load(Values)
	if err != nil {
		t.Fatal(err)
	}
	digits := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
	}
	seen := map[string]int{}
	for _, s := range ss {
		sp := s.Spans[0]
		v := s.Text[sp.Start:sp.End]
		seen[sp.Type]++
		ok := true
		switch sp.Type {
		case "CREDIT_CARD":
			d := digits(v)
			ok = luhnValid(d) && len(d) >= 12 && len(d) <= 19
		case "CA_SIN":
			ok = luhnValid(digits(v))
		case "IBAN_CODE":
			ok = ibanValid(v)
		case "IN_AADHAAR":
			ok = verhoeffValid(digits(v))
		case "CRYPTO":
			switch {
			case strings.HasPrefix(v, "bc1"):
				ok = bech32Valid(v)
			case strings.HasPrefix(v, "0x"):
				ok = len(v) == 42 && (v[2:] == strings.ToLower(v[2:]) || eip55(strings.ToLower(v[2:])) == v[2:])
			default:
				ok = len(v) >= 26 && len(v) <= 35
			}
		case "US_SSN":
			d := digits(v)
			ok = len(d) == 9 && d[:3] != "000" && d[:3] != "666" && d[0] != '9' && d[3:5] != "00" && d[5:] != "0000"
		}
		if !ok {
			t.Errorf("%s value %q does not validate", sp.Type, v)
		}
	}
	for _, tg := range valueGens {
		if seen[tg.typ] == 0 {
			t.Errorf("no values of %s", tg.typ)
		}
	}
}

func TestKeccakAndEIP55(t *testing.T) {
	if got := fmt.Sprintf("%x", keccak256(nil)); got != "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470" {
		t.Errorf("keccak256(\"\") = %s", got)
	}
	for _, want := range []string{"5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "fB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "dbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB"} {
		if got := eip55(strings.ToLower(want)); got != want {
			t.Errorf("eip55 = %s, want %s", got, want)
		}
	}
}

func TestKnownChecksums(t *testing.T) {
	if !ibanValid("GB82 WEST 1234 5698 7654 32") || ibanValid("GB82 WEST 1234 5698 7654 33") {
		t.Error("ibanValid disagrees with the registry example")
	}
	if !luhnValid("4111111111111111") || luhnValid("4111111111111112") {
		t.Error("luhnValid")
	}
	if !verhoeffValid("2363") || verhoeffCheck("236") != '3' {
		t.Error("verhoeff")
	}
	if !bech32Valid("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4") {
		t.Error("bech32 BIP-173 example")
	}
	if got := base58Check(0x00, make([]byte, 20)); got != "1111111111111111111114oLvT2" {
		t.Errorf("base58Check(zero hash160) = %s", got)
	}
	if cfCheck("RSSMRA85T10A562") != 'S' {
		t.Errorf("codice fiscale check of RSSMRA85T10A562 = %c, want S", cfCheck("RSSMRA85T10A562"))
	}
}
