package classify

import (
	"strings"
	"testing"
)

// TestValidDomainFileExtensions: validDomain, which looks the top-level label up among the file
// extensions of its first letter, rejects every file extension in lower and upper case and
// keeps real top-level labels, including ones that share an extension's first letter or length.
func TestValidDomainFileExtensions(t *testing.T) {
	for _, x := range fileExtensionTLDs {
		for _, tld := range []string{x, strings.ToUpper(x)} {
			d := []byte("icon.example." + tld)
			if e := validDomain(d, 0, len(d)); e >= 0 {
				t.Errorf("validDomain(%q) = %d, want -1 (a file extension)", d, e)
			}
		}
	}
	for _, tld := range []string{"org", "com", "gov", "jp", "pt", "tk", "museum", "DE"} {
		d := []byte("mail.example." + tld)
		if e := validDomain(d, 0, len(d)); e != len(d) {
			t.Errorf("validDomain(%q) = %d, want %d", d, e, len(d))
		}
	}
}
