package policy

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse: Parse never panics; an accepted file gives a usable plan and a
// refused one a *Error with a line.
func FuzzParse(f *testing.F) {
	f.Add([]byte(fullExample))
	files, _ := filepath.Glob("testdata/invalid/*.yaml")
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseWith(data, "f.yaml", Options{Getenv: noEnv})
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T: %v", err, err)
			}
			return
		}
		p.Decide("u", ColumnRef{"d", "s", "t", "c"}, "EMAIL_ADDRESS")
		p.Decide("u", ColumnRef{}, "")
	})
}
