package classify

import "testing"

func TestDictionariesLoad(t *testing.T) {
	ws := words()
	cases := []struct {
		w    string
		want wordFlags
	}{
		{"John", wordGiven},
		{"JOHN", wordGiven},
		{"maria", wordGiven},
		{"Müller", wordSurname},
		{"Kowalski", wordSurname},
		{"Smith", wordSurname},
		{"Berlin", wordCity},
		{"Street", wordStreetSuffix},
		{"Calle", wordStreetPrefix},
		{"Postfach", wordPOBox},
	}
	for _, c := range cases {
		if got := ws.lookup([]byte(c.w)); got&c.want == 0 {
			t.Errorf("lookup(%q) = %b, want bit %b", c.w, got, c.want)
		}
	}
	for _, w := range []string{"", "zzqxv", "Qwertyuiop", "the-"} {
		if got := ws.lookup([]byte(w)); got != 0 {
			t.Errorf("lookup(%q) = %b, want 0", w, got)
		}
	}
}
