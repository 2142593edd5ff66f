package main

import (
	"math/rand/v2"
	"strconv"
)

// fakePerson writes deterministic, fake but well-formed PII: names from short
// lists, emails built from them, North American phone numbers in the 555
// range, SSNs in valid areas, Luhn-valid card numbers and IBANs with correct
// check digits, so that content detectors recognise every value. Values are
// mostly distinct (a number in the email, random digits elsewhere), so a
// masking cache cannot turn the benchmark into a handful of lookups.
type fakePerson struct {
	rng *rand.Rand
	buf []byte
}

func newFakePerson(seed uint64) *fakePerson {
	return &fakePerson{rng: rand.New(rand.NewPCG(seed, 0x6d61736b77697265))}
}

var (
	firstNames = []string{"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda",
		"William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
		"Maria", "Anna", "Peter", "Laura", "Daniel", "Emma", "Lukas", "Sophie", "Jan", "Olivia", "Carlos", "Yuki"}
	lastNames = []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
		"Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin",
		"Schmidt", "Schulz", "Novak", "Kowalski", "Rossi", "Dubois", "Jansen", "Nielsen", "Tanaka", "Okafor"}
	mailDomains = []string{"example.com", "example.org", "example.net", "mail.example.com"}
	statuses    = []string{"active", "pending", "closed", "trial"}
	// ibanBanks: country, BBAN length in digits (all-digit BBANs keep the
	// check computation simple and are valid for these countries).
	ibanBanks = []struct {
		cc   string
		bban int
	}{{"DE", 18}, {"FR", 23}, {"NL", 0}, {"ES", 20}, {"IT", 0}, {"BE", 12}, {"AT", 16}, {"PL", 24}}
)

// appendRow appends one tab-separated COPY text row for the pii12 table:
// id, full_name, email, phone, ssn, card_number, iban, created_on, amount,
// status, quantity, is_active.
func (f *fakePerson) appendRow(dst []byte, id int) []byte {
	r := f.rng
	first, last := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
	dst = strconv.AppendInt(dst, int64(id), 10)
	dst = append(dst, '\t')
	dst = append(dst, first...)
	dst = append(dst, ' ')
	dst = append(dst, last...)
	dst = append(dst, '\t')
	dst = appendLower(dst, first)
	dst = append(dst, '.')
	dst = appendLower(dst, last)
	dst = strconv.AppendInt(dst, int64(r.IntN(1000)), 10)
	dst = append(dst, '@')
	dst = append(dst, mailDomains[r.IntN(len(mailDomains))]...)
	dst = append(dst, '\t')
	dst = f.appendPhone(dst)
	dst = append(dst, '\t')
	dst = f.appendSSN(dst)
	dst = append(dst, '\t')
	dst = f.appendCard(dst)
	dst = append(dst, '\t')
	dst = f.appendIBAN(dst)
	dst = append(dst, '\t')
	// created_on: a date in 2015..2024.
	dst = append(dst, "20"...)
	dst = appendPad(dst, 15+r.IntN(10), 2)
	dst = append(dst, '-')
	dst = appendPad(dst, 1+r.IntN(12), 2)
	dst = append(dst, '-')
	dst = appendPad(dst, 1+r.IntN(28), 2)
	dst = append(dst, '\t')
	dst = strconv.AppendInt(dst, int64(r.IntN(100000)), 10)
	dst = append(dst, '.')
	dst = appendPad(dst, r.IntN(100), 2)
	dst = append(dst, '\t')
	dst = append(dst, statuses[r.IntN(len(statuses))]...)
	dst = append(dst, '\t')
	dst = strconv.AppendInt(dst, int64(r.IntN(500)), 10)
	dst = append(dst, '\t')
	if r.IntN(2) == 0 {
		dst = append(dst, 't')
	} else {
		dst = append(dst, 'f')
	}
	return append(dst, '\n')
}

// appendPhone: (NXX) 555-01XX, the range reserved for fiction.
func (f *fakePerson) appendPhone(dst []byte) []byte {
	dst = append(dst, '(')
	dst = strconv.AppendInt(dst, int64(201+f.rng.IntN(790)), 10)
	dst = append(dst, ") 555-01"...)
	return appendPad(dst, f.rng.IntN(100), 2)
}

// appendSSN: area 001-899 except 666, group 01-99, serial 0001-9999.
func (f *fakePerson) appendSSN(dst []byte) []byte {
	area := 1 + f.rng.IntN(899)
	if area == 666 {
		area = 667
	}
	dst = appendPad(dst, area, 3)
	dst = append(dst, '-')
	dst = appendPad(dst, 1+f.rng.IntN(99), 2)
	dst = append(dst, '-')
	return appendPad(dst, 1+f.rng.IntN(9999), 4)
}

// appendCard: a 16-digit Visa-style number (prefix 4) with a Luhn check digit.
func (f *fakePerson) appendCard(dst []byte) []byte {
	var d [16]byte
	d[0] = 4
	for i := 1; i < 15; i++ {
		d[i] = byte(f.rng.IntN(10))
	}
	sum := 0
	for i := 14; i >= 0; i-- { // rightmost payload digit is doubled
		v := int(d[i])
		if (14-i)%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	d[15] = byte((10 - sum%10) % 10)
	for _, x := range d {
		dst = append(dst, '0'+x)
	}
	return dst
}

// appendIBAN: a country from ibanBanks with an all-digit BBAN and ISO 13616
// check digits (98 - (BBAN || country || "00") mod 97).
func (f *fakePerson) appendIBAN(dst []byte) []byte {
	var b struct {
		cc   string
		bban int
	}
	for b.bban == 0 { // NL and IT need letters in the BBAN; skip them
		b = ibanBanks[f.rng.IntN(len(ibanBanks))]
	}
	f.buf = f.buf[:0]
	for range b.bban {
		f.buf = append(f.buf, '0'+byte(f.rng.IntN(10)))
	}
	mod := 0
	for _, c := range f.buf {
		mod = (mod*10 + int(c-'0')) % 97
	}
	for _, c := range b.cc {
		mod = (mod*100 + int(c-'A'+10)) % 97
	}
	mod = (mod * 100) % 97 // "00"
	check := 98 - mod
	dst = append(dst, b.cc...)
	dst = appendPad(dst, check, 2)
	return append(dst, f.buf...)
}

func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

func appendPad(dst []byte, v, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(v), 10)
	for i := len(s); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}
