//go:build !race

package classify

import "testing"

// TestSecretAndNameDetectorsDoNotAllocate scans every true-positive example
// of the secret, person and location detectors through the Default scanner.
func TestSecretAndNameDetectorsDoNotAllocate(t *testing.T) {
	sc := Default()
	var sink countSink
	mine := map[string]bool{"aws": true, "github": true, "gitlab": true, "slack": true, "stripe": true,
		"google": true, "openai": true, "anthropic": true, "jwt": true, "pem": true, "password": true,
		"generic_secret": true, "person": true, "location": true}
	for name, exs := range detectorExamples {
		if !mine[name] {
			continue
		}
		for _, ex := range exs {
			text, _ := parseMarkedNoT(ex.text)
			b := []byte(text)
			sc.Scan(b, ex.ctx, &sink)
			if n := testing.AllocsPerRun(50, func() { sc.Scan(b, ex.ctx, &sink) }); n != 0 {
				t.Errorf("%s: %q: %.1f allocs per scan", name, text, n)
			}
		}
	}
	if sink.n == 0 {
		t.Fatal("nothing found: the test scanned nothing")
	}
}
