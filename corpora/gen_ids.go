package corpora

import (
	"crypto/sha256"
	"fmt"
	"math/big"
	"strings"
)

func init() {
	register("UK_NINO", []string{"nino", "ni_number", "national_insurance_number", "NINumber"}, vg(genNINO))
	register("CA_SIN", []string{"sin", "social_insurance_number", "SIN"}, vg(genSIN))
	register("ES_NIF", []string{"nif", "dni", "nie", "documento_identidad", "tax_id"}, vg(genNIF))
	register("IT_FISCAL_CODE", []string{"codice_fiscale", "fiscal_code", "cf", "tax_code"}, vg(genCodiceFiscale))
	register("IN_AADHAAR", []string{"aadhaar", "aadhaar_number", "uid_number"}, vg(genAadhaar))
	register("PL_PESEL", []string{"pesel", "PESEL", "national_id"}, vg(genPESEL))
	register("FI_PERSONAL_IDENTITY_CODE", []string{"hetu", "henkilotunnus", "personal_identity_code", "ssn_fi"}, vg(genHETU))
	register("NL_BSN", []string{"bsn", "burgerservicenummer", "BSN", "sofinummer"}, vg(genBSN))
	register("BR_CPF", []string{"cpf", "CPF", "cpf_number", "documento"}, vg(genCPF))
	register("AU_TFN", []string{"tfn", "tax_file_number", "TFN"}, vg(genTFN))
	register("SG_NRIC_FIN", []string{"nric", "fin", "nric_fin", "NRIC"}, vg(genNRIC))
}

// ---- crypto wallets ----

const base58Alpha = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

func base58(b []byte) string {
	n := new(big.Int).SetBytes(b)
	var out []byte
	mod, base := new(big.Int), big.NewInt(58)
	for n.Sign() > 0 {
		n.DivMod(n, base, mod)
		out = append(out, base58Alpha[mod.Int64()])
	}
	for _, c := range b {
		if c != 0 {
			break
		}
		out = append(out, '1')
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

func base58Check(version byte, payload []byte) string {
	b := append([]byte{version}, payload...)
	h1 := sha256.Sum256(b)
	h2 := sha256.Sum256(h1[:])
	return base58(append(b, h2[:4]...))
}

func genBTCBase58(g *gen, _ string) piece {
	if g.chance(0.5) {
		return whole("CRYPTO", base58Check(0x00, g.bytes(20)), "crypto/btc/p2pkh")
	}
	return whole("CRYPTO", base58Check(0x05, g.bytes(20)), "crypto/btc/p2sh")
}

const bech32Alpha = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

func bech32Polymod(values []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := range 5 {
			if (top>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}

func bech32HRPExpand(hrp string) []byte {
	var out []byte
	for i := 0; i < len(hrp); i++ {
		out = append(out, hrp[i]>>5)
	}
	out = append(out, 0)
	for i := 0; i < len(hrp); i++ {
		out = append(out, hrp[i]&31)
	}
	return out
}

// to5 regroups 8-bit bytes into 5-bit groups, padding the last.
func to5(b []byte) []byte {
	var out []byte
	acc, bits := 0, 0
	for _, c := range b {
		acc = acc<<8 | int(c)
		bits += 8
		for bits >= 5 {
			bits -= 5
			out = append(out, byte(acc>>bits&31))
		}
	}
	if bits > 0 {
		out = append(out, byte(acc<<(5-bits)&31))
	}
	return out
}

// segwit encodes a witness program as a bech32 (v0) or bech32m (v1+) address.
func segwit(hrp string, version byte, program []byte) string {
	data := append([]byte{version}, to5(program)...)
	konst := uint32(1)
	if version > 0 {
		konst = 0x2bc830a3
	}
	vals := append(bech32HRPExpand(hrp), data...)
	vals = append(vals, 0, 0, 0, 0, 0, 0)
	pm := bech32Polymod(vals) ^ konst
	var b strings.Builder
	b.WriteString(hrp)
	b.WriteByte('1')
	for _, d := range data {
		b.WriteByte(bech32Alpha[d])
	}
	for i := range 6 {
		b.WriteByte(bech32Alpha[(pm>>(5*(5-i)))&31])
	}
	return b.String()
}

func bech32Valid(s string) bool {
	s = strings.ToLower(s)
	i := strings.LastIndexByte(s, '1')
	if i < 1 {
		return false
	}
	var data []byte
	for j := i + 1; j < len(s); j++ {
		k := strings.IndexByte(bech32Alpha, s[j])
		if k < 0 {
			return false
		}
		data = append(data, byte(k))
	}
	pm := bech32Polymod(append(bech32HRPExpand(s[:i]), data...))
	return pm == 1 || pm == 0x2bc830a3
}

func genBTCBech32(g *gen, _ string) piece {
	switch g.intn(4) {
	case 0:
		return whole("CRYPTO", segwit("bc", 0, g.bytes(32)), "crypto/btc/p2wsh")
	case 1:
		return whole("CRYPTO", segwit("bc", 1, g.bytes(32)), "crypto/btc/p2tr")
	}
	return whole("CRYPTO", segwit("bc", 0, g.bytes(20)), "crypto/btc/p2wpkh")
}

// eip55 returns the mixed-case checksummed form of a lower-case hex address (no 0x).
func eip55(hexAddr string) string {
	h := keccak256([]byte(hexAddr))
	b := []byte(hexAddr)
	for i, c := range b {
		nib := h[i/2] >> (4 * (1 - uint(i)%2)) & 0xf
		if c >= 'a' && nib >= 8 {
			b[i] = c - 32
		}
	}
	return string(b)
}

func genETH(g *gen, _ string) piece {
	a := fmt.Sprintf("%x", g.bytes(20))
	if g.chance(0.6) {
		return whole("CRYPTO", "0x"+eip55(a), "crypto/eth/eip55")
	}
	return whole("CRYPTO", "0x"+a, "crypto/eth/lower")
}

// ---- national IDs ----

// UK NINO: prefix letters exclude D F I Q U V (and O second); some pairs are never issued.
func genNINO(g *gen, _ string) piece {
	const first, second = "ABCEGHJKLMNOPRSTWXYZ", "ABCEGHJKLMNPRSTWXYZ"
	var pre string
	for {
		pre = string(first[g.intn(len(first))]) + string(second[g.intn(len(second))])
		switch pre {
		case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
			continue
		}
		break
	}
	d := g.from(digitsAlpha, 6)
	suf := string("ABCD"[g.intn(4)])
	if g.chance(0.5) {
		return whole("UK_NINO", pre+" "+d[:2]+" "+d[2:4]+" "+d[4:]+" "+suf, "nino/spaced")
	}
	return whole("UK_NINO", pre+d+suf, "nino/compact")
}

// Canadian SIN: 9 digits, Luhn; first digit is the province group (0 and 8 unused).
func genSIN(g *gen, _ string) piece {
	body := string("12345679"[g.intn(8)]) + g.from(digitsAlpha, 7)
	d := body + string(luhnCheckDigit(body))
	switch g.intn(3) {
	case 0:
		return whole("CA_SIN", d, "sin/bare")
	case 1:
		return whole("CA_SIN", d[:3]+"-"+d[3:6]+"-"+d[6:], "sin/dashed")
	}
	return whole("CA_SIN", d[:3]+" "+d[3:6]+" "+d[6:], "sin/spaced")
}

const nifLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

func genNIF(g *gen, _ string) piece {
	if g.chance(0.3) { // NIE: X/Y/Z + 7 digits + letter; X=0, Y=1, Z=2 in the checksum
		p := g.intn(3)
		d := g.from(digitsAlpha, 7)
		n := 0
		fmt.Sscanf(fmt.Sprint(p)+d, "%d", &n)
		s := string("XYZ"[p]) + d + string(nifLetters[n%23])
		if g.chance(0.3) {
			s = s[:1] + "-" + s[1:8] + "-" + s[8:]
		}
		return whole("ES_NIF", s, "nif/nie")
	}
	n := g.between(100000, 99999999)
	s := fmt.Sprintf("%08d%c", n, nifLetters[n%23])
	if g.chance(0.3) {
		s = s[:8] + "-" + s[8:]
	}
	return whole("ES_NIF", s, "nif/dni")
}

// Italian codice fiscale: surname and name codes, birth year, month letter, day (+40 for
// women), Belfiore place code, check letter.
var belfiore = []string{"H501", "F205", "L219", "F839", "D612", "A944", "G273", "L736", "B157", "C351", "G224", "A662"}

func cfCode(s string, isName bool) string {
	s = strings.ToUpper(asciiFold(strings.ReplaceAll(s, " ", "")))
	var cons, vows []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 'A' || c > 'Z' {
			continue
		}
		if strings.IndexByte("AEIOU", c) >= 0 {
			vows = append(vows, c)
		} else {
			cons = append(cons, c)
		}
	}
	if isName && len(cons) >= 4 {
		cons = []byte{cons[0], cons[2], cons[3]}
	}
	out := append(append(cons, vows...), 'X', 'X', 'X')
	return string(out[:3])
}

var cfOdd = map[byte]int{'0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
	'A': 1, 'B': 0, 'C': 5, 'D': 7, 'E': 9, 'F': 13, 'G': 15, 'H': 17, 'I': 19, 'J': 21, 'K': 2, 'L': 4, 'M': 18,
	'N': 20, 'O': 11, 'P': 3, 'Q': 6, 'R': 8, 'S': 12, 'T': 14, 'U': 16, 'V': 10, 'W': 22, 'X': 25, 'Y': 24, 'Z': 23}

func cfCheck(s15 string) byte {
	sum := 0
	for i := 0; i < 15; i++ {
		c := s15[i]
		if i%2 == 0 { // 1-based odd positions
			sum += cfOdd[c]
		} else if c >= '0' && c <= '9' {
			sum += int(c - '0')
		} else {
			sum += int(c - 'A')
		}
	}
	return byte('A' + sum%26)
}

func genCodiceFiscale(g *gen, _ string) piece {
	given, sur := g.name("IT")
	day := g.between(1, 28)
	if g.chance(0.5) {
		day += 40
	}
	s := cfCode(sur, false) + cfCode(given, true) + fmt.Sprintf("%02d%c%02d%s", g.between(0, 99), "ABCDEHLMPRST"[g.intn(12)], day, g.pick(belfiore))
	return whole("IT_FISCAL_CODE", s+string(cfCheck(s)), "it-cf")
}

// Aadhaar: 12 digits, first 2-9, Verhoeff check digit; written 4-4-4.
var (
	verhoeffD = [10][10]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
		{3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1}, {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
		{7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}}
	verhoeffP = [8][10]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
		{8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1}, {2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
		{7, 0, 4, 6, 9, 1, 3, 2, 5, 8}}
	verhoeffInv = [10]int{0, 4, 3, 2, 1, 5, 6, 7, 8, 9}
)

func verhoeffCheck(payload string) byte {
	c := 0
	for i := 0; i < len(payload); i++ {
		c = verhoeffD[c][verhoeffP[(i+1)%8][payload[len(payload)-1-i]-'0']]
	}
	return byte('0' + verhoeffInv[c])
}

func verhoeffValid(s string) bool {
	c := 0
	for i := 0; i < len(s); i++ {
		c = verhoeffD[c][verhoeffP[i%8][s[len(s)-1-i]-'0']]
	}
	return c == 0
}

func genAadhaar(g *gen, _ string) piece {
	body := string("23456789"[g.intn(8)]) + g.from(digitsAlpha, 10)
	d := body + string(verhoeffCheck(body))
	switch g.intn(4) {
	case 0:
		return whole("IN_AADHAAR", d, "aadhaar/bare")
	case 1:
		return whole("IN_AADHAAR", groupEvery(d, "-", 4), "aadhaar/dashed")
	}
	return whole("IN_AADHAAR", groupEvery(d, " ", 4), "aadhaar/spaced")
}

// PESEL: YYMMDD (month +20 for 2000-2099), serial (odd: male), weighted check digit.
func genPESEL(g *gen, _ string) piece {
	y, m, d := g.between(1940, 2012), g.between(1, 12), g.between(1, 28)
	if y >= 2000 {
		m += 20
	}
	s := fmt.Sprintf("%02d%02d%02d%04d", y%100, m, d, g.intn(10000))
	w := []int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3}
	sum := 0
	for i := range 10 {
		sum += w[i] * int(s[i]-'0')
	}
	return whole("PL_PESEL", s+string(byte('0'+(10-sum%10)%10)), "pesel")
}

// Finnish henkilötunnus: DDMMYY, century sign, individual number 002-899, mod-31 check.
func genHETU(g *gen, _ string) piece {
	y, m, d := g.between(1930, 2015), g.between(1, 12), g.between(1, 28)
	sign := "-"
	switch {
	case y >= 2000:
		sign = g.pick([]string{"A", "A", "B", "C"})
	case g.chance(0.15):
		sign = g.pick([]string{"Y", "X", "W"})
	}
	ind := g.between(2, 899)
	var n int
	fmt.Sscanf(fmt.Sprintf("%02d%02d%02d%03d", d, m, y%100, ind), "%d", &n)
	s := fmt.Sprintf("%02d%02d%02d%s%03d%c", d, m, y%100, sign, ind, "0123456789ABCDEFHJKLMNPRSTUVWXY"[n%31])
	return whole("FI_PERSONAL_IDENTITY_CODE", s, "hetu")
}

// BSN: 9 digits passing the 11-proof (9..2 weights, last digit weight -1).
func genBSN(g *gen, _ string) piece {
	for {
		s := string("123456789"[g.intn(9)]) + g.from(digitsAlpha, 8)
		sum := 0
		for i := range 8 {
			sum += (9 - i) * int(s[i]-'0')
		}
		sum -= int(s[8] - '0')
		if sum%11 == 0 {
			if g.chance(0.25) {
				return whole("NL_BSN", s[:4]+"."+s[4:6]+"."+s[6:], "bsn/dotted")
			}
			return whole("NL_BSN", s, "bsn/bare")
		}
	}
}

// CPF: 9 digits and two mod-11 check digits; written 000.000.000-00.
func genCPF(g *gen, _ string) piece {
	var d []int
	for {
		d = d[:0]
		for range 9 {
			d = append(d, g.intn(10))
		}
		if d[0] != d[1] || d[1] != d[8] {
			break
		}
	}
	for k := 10; k <= 11; k++ {
		sum := 0
		for i := 0; i < k-1; i++ {
			sum += d[i] * (k - i)
		}
		r := sum % 11
		if r < 2 {
			d = append(d, 0)
		} else {
			d = append(d, 11-r)
		}
	}
	var b strings.Builder
	for _, x := range d {
		b.WriteByte(byte('0' + x))
	}
	s := b.String()
	if g.chance(0.2) {
		return whole("BR_CPF", s, "cpf/bare")
	}
	return whole("BR_CPF", s[:3]+"."+s[3:6]+"."+s[6:9]+"-"+s[9:], "cpf/formatted")
}

// TFN: 9 digits, weights 1 4 3 7 5 8 6 9 10, sum divisible by 11; written 3-3-3.
func genTFN(g *gen, _ string) piece {
	w := []int{1, 4, 3, 7, 5, 8, 6, 9, 10}
	for {
		s := g.from(digitsAlpha, 9)
		if s[0] == '0' {
			continue
		}
		sum := 0
		for i := range 9 {
			sum += w[i] * int(s[i]-'0')
		}
		if sum%11 == 0 {
			switch g.intn(3) {
			case 0:
				return whole("AU_TFN", s, "tfn/bare")
			case 1:
				return whole("AU_TFN", s[:3]+"-"+s[3:6]+"-"+s[6:], "tfn/dashed")
			}
			return whole("AU_TFN", s[:3]+" "+s[3:6]+" "+s[6:], "tfn/spaced")
		}
	}
}

// NRIC/FIN: S/T (citizens, 1900s/2000s), F/G (foreigners); weights 2 7 6 5 4 3 2.
func genNRIC(g *gen, _ string) piece {
	pre := "STFG"[g.intn(4)]
	d := g.from(digitsAlpha, 7)
	w := []int{2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i := range 7 {
		sum += w[i] * int(d[i]-'0')
	}
	if pre == 'T' || pre == 'G' {
		sum += 4
	}
	letters := "JZIHGFEDCBA"
	if pre == 'F' || pre == 'G' {
		letters = "XWUTRQPNMLK"
	}
	return whole("SG_NRIC_FIN", string(pre)+d+string(letters[sum%11]), "nric/"+string(pre))
}
