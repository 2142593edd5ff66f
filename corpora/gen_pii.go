package corpora

import (
	"fmt"
	"strconv"
	"strings"
)

func init() {
	register("EMAIL_ADDRESS", []string{"email", "e_mail", "EmailAddress", "contact_email", "user_mail", "email_address", "billing_email"},
		vg(genEmailASCII), vg(genEmailASCII), vg(genEmailIntl))
	register("PHONE_NUMBER", []string{"phone", "phone_number", "telephonenumber", "mobile", "cell_phone", "contact_phone", "tel", "fax"},
		vg(genPhoneNational), vg(genPhoneNational), vg(genPhoneIntl), vg(genPhoneExt))
	register("US_SSN", []string{"ssn", "social_security_number", "SSN", "tax_ssn"}, vg(genSSN))
	register("CREDIT_CARD", []string{"cc_number", "ccnumber", "card_number", "credit_card", "pan", "payment_card"},
		vg(genCardPlain), vg(genCardGrouped))
	register("IBAN_CODE", []string{"iban", "bank_account_iban", "IBAN", "payout_iban"},
		vg(genIBANElectronic), vg(genIBANPrint))
	register("IP_ADDRESS", []string{"ip", "ip_address", "client_ip", "remote_addr", "last_login_ip"}, vg(genIPv4), vg(genIPv6))
	register("MAC_ADDRESS", []string{"mac", "mac_address", "hw_addr", "device_mac"}, vg(genMAC))
	register("URL", []string{"url", "website", "homepage", "profile_url", "callback_url", "link"}, vg(genURL), vg(genURLCreds, "dsn", "database_url", "connection_url", "webhook_url"))
	register("CRYPTO", []string{"wallet", "btc_address", "wallet_address", "payout_address", "eth_address"},
		vg(genBTCBase58), vg(genBTCBech32), vg(genETH))
	register("DATE_TIME", []string{"dob", "date_of_birth", "birthday", "birth_date", "DateOfBirth", "geburtsdatum"}, vg(genDOB))
	register("PERSON", []string{"full_name", "name", "customer_name", "contact_name", "patient_name", "FullName"}, vg(genPerson))
	register("LOCATION", []string{"address", "street_address", "home_address", "shipping_address", "billing_address", "addr"}, vg(genAddress))
}

// ---- names ----

func (g *gen) culture(country string) culture {
	if country != "" {
		var cs []culture
		for _, c := range cultures {
			if c.country == country {
				cs = append(cs, c)
			}
		}
		if len(cs) > 0 {
			return cs[g.intn(len(cs))]
		}
	}
	return cultures[g.intn(len(cultures))]
}

func (g *gen) name(country string) (given, surname string) {
	c := g.culture(country)
	return g.pick(c.given), g.pick(c.surnames)
}

func genPerson(g *gen, country string) piece {
	c := g.culture(country)
	given, sur := g.pick(c.given), g.pick(c.surnames)
	p := genPersonFrom(g, c, given, sur)
	p.format = strings.Replace(p.format, "person/", "person/"+c.country+"/", 1)
	p.spans[0].Format = p.format
	return p
}

func genPersonFrom(g *gen, c culture, given, sur string) piece {
	switch g.intn(9) {
	case 2: // "Surname, Given" as directories and legacy systems store it
		return whole("PERSON", sur+", "+given, "person/surname-comma-given")
	case 3: // legacy upper case
		return whole("PERSON", strings.ToUpper(given+" "+sur), "person/upper")
	case 0:
		mid := string("ABCDEFGHJKLMNPRSTW"[g.intn(18)])
		return whole("PERSON", given+" "+mid+". "+sur, "person/middle-initial")
	case 1:
		g2 := g.pick(c.given)
		if g2 != given {
			return whole("PERSON", given+" "+g2+" "+sur, "person/two-given")
		}
	}
	return whole("PERSON", given+" "+sur, "person/given-surname")
}

// ---- email ----

var mailDomains = []string{"gmail.com", "outlook.com", "yahoo.com", "hotmail.co.uk", "web.de", "gmx.de", "orange.fr", "libero.it", "yandex.ru", "qq.com", "icloud.com", "proton.me",
	"acme-corp.com", "example.org", "mail.company.io", "uni-heidelberg.de", "cs.stanford.edu", "nhs.net", "empresa.com.br", "firma.pl", "bedrijf.nl", "correo.es", "t-online.de", "bigpond.com.au"}

var idnDomains = []string{"münchen.de", "bücher.example", "пример.рф", "例え.jp", "köln-bonn.de", "españa.com", "xn--mnchen-3ya.de", "xn--e1afmkfd.xn--p1ai", "café.fr", "ñandú.com.ar", "δοκιμή.gr", "中国移动.cn"}

var intlLocals = []string{"josé.garcía", "müller", "zoë.ünal", "françois", "łukasz.wójcik", "ñoño", "søren", "пользователь", "иван.петров", "用户", "山田太郎", "δοκιμή", "ahmet.yılmaz", "jürgen.schäfer", "chloé+news"}

func asciiFold(s string) string {
	r := strings.NewReplacer("ä", "ae", "ã", "a", "õ", "o", "ò", "o", "ì", "i", "ù", "u", "ý", "y", "č", "c", "š", "s", "ž", "z", "ř", "r", "ő", "o", "ű", "u", "É", "E", "Ø", "O", "Ż", "Z", "Ś", "S", "Ä", "Ae", "İ", "I", "ğ", "g", "ö", "oe", "ü", "ue", "ß", "ss", "é", "e", "è", "e", "ê", "e", "ë", "e", "á", "a", "à", "a", "â", "a", "í", "i", "ï", "i", "ó", "o", "ô", "o", "ú", "u", "ñ", "n", "ç", "c",
		"ł", "l", "ś", "s", "ź", "z", "ż", "z", "ą", "a", "ę", "e", "ć", "c", "ń", "n", "ı", "i", "ş", "s", "ğ", "g", "Ç", "C", "Ş", "S", "Ö", "O", "Ü", "U", "Á", "A", "Í", "I", "Ł", "L", "Å", "A", "å", "a", "ø", "o", "æ", "ae")
	return r.Replace(s)
}

func (g *gen) emailLocal(country string) string {
	given, sur := g.name(country)
	gl := strings.ToLower(strings.ReplaceAll(asciiFold(given), " ", ""))
	sl := strings.ToLower(strings.ReplaceAll(asciiFold(sur), " ", ""))
	switch g.intn(8) {
	case 0:
		return gl + "." + sl
	case 1:
		return gl + sl + strconv.Itoa(g.between(1, 99))
	case 2:
		return gl[:1] + sl
	case 3:
		return gl + "_" + sl
	case 4:
		return gl + "." + sl + "+" + g.pick([]string{"news", "shop", "work", "spam", "2024"})
	case 5:
		return sl + "." + gl[:1] + strconv.Itoa(g.between(70, 99))
	case 6:
		return g.pick([]string{"info", "support", "billing", "hr", "sales"}) + "." + sl
	}
	return gl + "-" + sl
}

func genEmailASCII(g *gen, country string) piece {
	d := g.pick(mailDomains)
	if g.chance(0.2) {
		d = strings.ToUpper(d[:1]) + d[1:]
	}
	e := g.emailLocal(country) + "@" + d
	if g.chance(0.08) { // legacy systems store upper case
		return whole("EMAIL_ADDRESS", strings.ToUpper(e), "email/upper")
	}
	return whole("EMAIL_ADDRESS", e, "email/ascii")
}

func genEmailIntl(g *gen, country string) piece {
	switch g.intn(3) {
	case 0:
		return whole("EMAIL_ADDRESS", g.pick(intlLocals)+"@"+g.pick(mailDomains), "email/intl-local")
	case 1:
		return whole("EMAIL_ADDRESS", g.emailLocal(country)+"@"+g.pick(idnDomains), "email/idn-domain")
	}
	return whole("EMAIL_ADDRESS", g.pick(intlLocals)+"@"+g.pick(idnDomains), "email/intl-both")
}

// ---- phone ----

// phonePlan is a country's numbering: calling code, national formats (with trunk prefix where
// the country dials one) and the same numbers in international form (no trunk prefix).
// '#' any digit, 'N' 2-9, 'Z' 1-9.
type phonePlan struct {
	country  string
	cc       string
	national []string
	intl     []string // after "+cc "
}

var phonePlans = []phonePlan{
	{"US", "1", []string{"(NZ#) N##-####", "NZ#-N##-####", "NZ#.N##.####", "1-NZ#-N##-####", "1 (8##) N##-####"}, []string{"NZ#-N##-####", "(NZ#) N##-####", "NZ# N## ####", "NZ#N######"}},
	{"CA", "1", []string{"(416) N##-####", "604-N##-####", "(514) N##-####", "403.N##.####"}, []string{"416-N##-####", "613 N## ####"}},
	{"GB", "44", []string{"07### ######", "020 #### ####", "0161 ### ####", "0113 ### ####", "01632 ######", "(020) #### ####", "07#########"}, []string{"7### ######", "20 #### ####", "161 ### ####", "(0)20 #### ####"}},
	{"DE", "49", []string{"030 Z#######", "030/Z#######", "089 Z######", "0171 Z######", "0151 Z#######", "040-Z#######", "0221 Z#####", "(069) Z######"}, []string{"30 Z#######", "171 Z######", "(0)89 Z######", "151 Z#######", "69 Z######"}},
	{"FR", "33", []string{"01 ## ## ## ##", "06 ## ## ## ##", "07 ## ## ## ##", "04.##.##.##.##", "09########"}, []string{"1 ## ## ## ##", "6 ## ## ## ##", "7 ## ## ## ##"}},
	{"IT", "39", []string{"02 #### ####", "06 ########", "3## ### ####", "3########", "011 ### ####", "055 ######"}, []string{"02 #### ####", "06 #### ####", "3## ### ####"}},
	{"ES", "34", []string{"91# ### ###", "93# ## ## ##", "6## ### ###", "6## ## ## ##", "7## ### ###"}, []string{"91# ### ###", "6## ### ###", "6########"}},
	{"NL", "31", []string{"020 ### ####", "06 ########", "06-########", "010-### ####", "(030) ### ####"}, []string{"6 ########", "20 ### ####", "6 ## ## ## ##"}},
	{"BE", "32", []string{"02 ### ## ##", "04## ## ## ##", "09 ### ## ##"}, []string{"2 ### ## ##", "4## ## ## ##"}},
	{"CH", "41", []string{"044 ### ## ##", "07# ### ## ##", "022 ### ## ##"}, []string{"44 ### ## ##", "7# ### ## ##"}},
	{"AT", "43", []string{"01 #######", "0664 #######", "0676 #######", "0316 ######"}, []string{"1 #######", "664 #######", "676 ### ####"}},
	{"SE", "46", []string{"08-### ### ##", "070-### ## ##", "031-## ## ##", "073 ### ## ##"}, []string{"8 ### ### ##", "70 ### ## ##"}},
	{"NO", "47", []string{"22 ## ## ##", "4## ## ###", "9## ## ###"}, []string{"22 ## ## ##", "4## ## ###", "9#######"}},
	{"DK", "45", []string{"32 ## ## ##", "2# ## ## ##", "########"}, []string{"32 ## ## ##", "2# ## ## ##"}},
	{"FI", "358", []string{"09 #### ####", "040 ### ####", "050 #######"}, []string{"9 #### ####", "40 ### ####", "50 ### ####"}},
	{"PL", "48", []string{"22 ### ## ##", "5## ### ###", "6##-###-###", "(12) ### ## ##"}, []string{"22 ### ## ##", "5## ### ###", "6########"}},
	{"CZ", "420", []string{"2## ### ###", "60# ### ###", "7## ### ###"}, []string{"2## ### ###", "60# ### ###"}},
	{"PT", "351", []string{"21# ### ###", "91# ### ###", "96# ### ###"}, []string{"21# ### ###", "91# ### ###"}},
	{"IE", "353", []string{"01 ### ####", "08# ### ####", "021 ### ####"}, []string{"1 ### ####", "8# ### ####"}},
	{"GR", "30", []string{"21# ### ####", "69# ### ####"}, []string{"21# ### ####", "69# ### ####"}},
	{"HU", "36", []string{"06 1 ### ####", "06 30 ### ####", "06-20-###-####"}, []string{"1 ### ####", "30 ### ####", "20 ### ####"}},
	{"AU", "61", []string{"(02) #### ####", "04## ### ###", "03 #### ####", "0412 ### ###"}, []string{"4## ### ###", "2 #### ####", "(0)4## ### ###"}},
	{"NZ", "64", []string{"09 ### ####", "021 ### ####", "027 ### ####"}, []string{"9 ### ####", "21 ### ####"}},
	{"JP", "81", []string{"03-####-####", "090-####-####", "080-####-####", "06-####-####", "045-###-####"}, []string{"3-####-####", "90-####-####", "80 #### ####"}},
	{"KR", "82", []string{"02-###-####", "010-####-####", "031-###-####"}, []string{"2-###-####", "10-####-####"}},
	{"CN", "86", []string{"13# #### ####", "18#-####-####", "010-#### ####", "021-########", "15#########"}, []string{"13# #### ####", "10 #### ####", "21 ########"}},
	{"TW", "886", []string{"02 #### ####", "09## ### ###"}, []string{"2 #### ####", "9## ### ###"}},
	{"HK", "852", []string{"2### ####", "9### ####", "6### ####"}, []string{"2### ####", "9### ####"}},
	{"SG", "65", []string{"6### ####", "9### ####", "8### ####"}, []string{"6### ####", "9### ####", "8#######"}},
	{"IN", "91", []string{"9#### #####", "98###-#####", "022 #### ####", "011-########", "080 #### ####", "07### #####"}, []string{"9#### #####", "98### #####", "22 #### ####", "11-########"}},
	{"PK", "92", []string{"0300 #######", "042 #######", "021-########"}, []string{"300 #######", "42 #######"}},
	{"TH", "66", []string{"02 ### ####", "08# ### ####"}, []string{"2 ### ####", "8# ### ####"}},
	{"VN", "84", []string{"024 #### ####", "09# ### ## ##", "03# ### ####"}, []string{"24 #### ####", "9# ### ## ##"}},
	{"MY", "60", []string{"03-#### ####", "012-### ####", "01#-### ####"}, []string{"3-#### ####", "12-### ####"}},
	{"ID", "62", []string{"021-####-####", "0812-####-####", "0813 #### ###"}, []string{"21-####-####", "812-####-####"}},
	{"PH", "63", []string{"(02) 8### ####", "0917 ### ####", "0998 ### ####"}, []string{"2 8### ####", "917 ### ####"}},
	{"TR", "90", []string{"0212 ### ## ##", "0532 ### ## ##", "(0312) ### ## ##"}, []string{"212 ### ## ##", "532 ### ## ##", "5## ### ####"}},
	{"IL", "972", []string{"03-###-####", "050-###-####", "052-#######"}, []string{"3-###-####", "50-###-####"}},
	{"EG", "20", []string{"02 ########", "010 #### ####", "012########"}, []string{"2 ########", "10 #### ####"}},
	{"ZA", "27", []string{"021 ### ####", "082 ### ####", "011-###-####"}, []string{"21 ### ####", "82 ### ####"}},
	{"NG", "234", []string{"0803 ### ####", "0805-###-####", "01 ### ####"}, []string{"803 ### ####", "1 ### ####"}},
	{"KE", "254", []string{"0712 ######", "0722 ### ###", "020 #######"}, []string{"712 ######", "722 ### ###"}},
	{"BR", "55", []string{"(11) 9####-####", "(21) 2###-####", "(11) 9 ####-####", "11 9####-####", "(0xx11) 3###-####"}, []string{"11 9####-####", "21 2###-####", "11 9 #### ####"}},
	{"MX", "52", []string{"55 #### ####", "(55) ####-####", "33 #### ####", "81 #### ####"}, []string{"55 #### ####", "1 55 #### ####", "33 #### ####"}},
	{"AR", "54", []string{"011 4###-####", "(011) 15-####-####", "0351 ###-####"}, []string{"9 11 ####-####", "11 4###-####"}},
	{"CO", "57", []string{"(601) ### ####", "3## ### ####"}, []string{"601 ### ####", "3## ### ####"}},
	{"CL", "56", []string{"(2) #### ####", "9 #### ####"}, []string{"2 #### ####", "9 #### ####"}},
	{"RU", "7", []string{"8 (495) ###-##-##", "8 (9##) ###-##-##", "8-812-###-##-##", "8 9## ### ## ##"}, []string{"495 ###-##-##", "(9##) ###-##-##", "9## ###-##-##", "812 ### ## ##"}},
	{"UA", "380", []string{"044 ### ## ##", "067 ### ## ##", "(050) ###-##-##"}, []string{"44 ### ## ##", "67 ### ## ##"}},
	{"SA", "966", []string{"05# ### ####", "011 ### ####"}, []string{"5# ### ####", "11 ### ####"}},
	{"AE", "971", []string{"04 ### ####", "05# ### ####"}, []string{"4 ### ####", "5# ### ####"}},
}

func (g *gen) plan(country string) phonePlan {
	if country != "" {
		for _, p := range phonePlans {
			if p.country == country {
				return p
			}
		}
	}
	return phonePlans[g.intn(len(phonePlans))]
}

func genPhoneNational(g *gen, country string) piece {
	p := g.plan(country)
	return whole("PHONE_NUMBER", g.pattern(g.pick(p.national)), "phone/"+p.country+"/national")
}

func (g *gen) phoneIntl(country string) (string, string) {
	p := g.plan(country)
	num := g.pattern(g.pick(p.intl))
	switch g.intn(6) {
	case 0: // E.164, no separators
		d := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, strings.Replace(num, "(0)", "", 1))
		return "+" + p.cc + d, "phone/" + p.country + "/e164"
	case 1:
		return "00" + p.cc + " " + num, "phone/" + p.country + "/00-intl"
	case 2:
		return "+" + p.cc + "-" + strings.ReplaceAll(num, " ", "-"), "phone/" + p.country + "/intl-dash"
	case 3:
		return "(+" + p.cc + ") " + num, "phone/" + p.country + "/intl-paren"
	}
	return "+" + p.cc + " " + num, "phone/" + p.country + "/intl"
}

func genPhoneIntl(g *gen, country string) piece {
	s, f := g.phoneIntl(country)
	return whole("PHONE_NUMBER", s, f)
}

func genPhoneExt(g *gen, country string) piece {
	var s, f string
	if g.chance(0.5) {
		s, f = g.phoneIntl(country)
	} else {
		p := g.plan(g.pick([]string{"US", "CA", "GB", "DE", "AU", "US"}))
		s, f = g.pattern(g.pick(p.national)), "phone/"+p.country+"/national"
	}
	ext := g.pick([]string{" ext. ", " ext ", " x", " x.", " Ext. ", "-"}) + g.pattern(g.pick([]string{"##", "###", "####", "#####"}))
	if strings.HasPrefix(ext, "-") {
		ext = " ext " + ext[1:]
	}
	return whole("PHONE_NUMBER", s+ext, f+"+ext")
}

// ---- US SSN ----

// ssnDigits returns a valid SSN: area 001-899 except 666, group 01-99, serial 0001-9999.
func (g *gen) ssnDigits() string {
	area := g.between(1, 899)
	for area == 666 {
		area = g.between(1, 899)
	}
	return fmt.Sprintf("%03d%02d%04d", area, g.between(1, 99), g.between(1, 9999))
}

func genSSN(g *gen, _ string) piece {
	d := g.ssnDigits()
	switch g.intn(5) {
	case 0:
		return whole("US_SSN", d, "ssn/bare")
	case 1:
		return whole("US_SSN", d[:3]+" "+d[3:5]+" "+d[5:], "ssn/spaced")
	}
	return whole("US_SSN", d[:3]+"-"+d[3:5]+"-"+d[5:], "ssn/dashed")
}

// ---- credit cards ----

// cardBrand is a brand's IIN prefixes (ranges "lo-hi" of equal length) and lengths.
type cardBrand struct {
	name    string
	iins    []string
	lengths []int
}

var cardBrands = []cardBrand{
	{"visa", []string{"4"}, []int{16, 16, 16, 16, 13, 19}},
	{"mastercard", []string{"51-55", "2221-2720"}, []int{16}},
	{"amex", []string{"34", "37"}, []int{15}},
	{"discover", []string{"6011", "644-649", "65"}, []int{16, 16, 19}},
	{"diners", []string{"300-305", "36", "38-39"}, []int{14, 14, 16}},
	{"jcb", []string{"3528-3589"}, []int{16, 16, 19}},
	{"unionpay", []string{"62"}, []int{16, 17, 18, 19}},
	{"maestro", []string{"5018", "5020", "5038", "5893", "6304", "6759", "6761-6763"}, []int{12, 13, 16, 18, 19}},
	{"mir", []string{"2200-2204"}, []int{16}},
	{"rupay", []string{"60", "6521-6522", "81", "82", "508"}, []int{16}},
	{"troy", []string{"9792"}, []int{16}},
	{"elo", []string{"401178", "431274", "438935", "451416", "457393", "504175", "506699-506778", "509000-509999", "627780", "636297", "636368", "650031-650033"}, []int{16}},
	{"verve", []string{"506099-506198", "650002-650027"}, []int{16, 19}},
}

func luhnCheckDigit(payload string) byte {
	sum := 0
	double := true // the check digit will be appended to the right
	for i := len(payload) - 1; i >= 0; i-- {
		d := int(payload[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return byte('0' + (10-sum%10)%10)
}

func luhnValid(s string) bool {
	return len(s) > 1 && luhnCheckDigit(s[:len(s)-1]) == s[len(s)-1]
}

func (g *gen) iin(spec string) string {
	lo, hi, ok := strings.Cut(spec, "-")
	if !ok {
		return spec
	}
	a, _ := strconv.Atoi(lo)
	b, _ := strconv.Atoi(hi)
	return fmt.Sprintf("%0*d", len(lo), g.between(a, b))
}

func (g *gen) card() (digits, brand string) {
	b := cardBrands[g.intn(len(cardBrands))]
	if g.chance(0.45) { // the big two dominate real traffic
		b = cardBrands[g.intn(2)]
	}
	n := b.lengths[g.intn(len(b.lengths))]
	pre := g.iin(g.pick(b.iins))
	body := pre + g.from(digitsAlpha, n-1-len(pre))
	return body + string(luhnCheckDigit(body)), b.name
}

func cardGroups(d, brand, sep string) string {
	// As printed on cards: Amex 4-6-5, Diners 4-6-4, old 13-digit Visa 4-3-3-3, 19-digit 4-4-4-4-3.
	switch len(d) {
	case 13:
		return group(d, sep, 4, 3, 3, 3)
	case 14:
		return group(d, sep, 4, 6, 4)
	case 15:
		return group(d, sep, 4, 6, 5)
	case 17, 18:
		return d // no common printed grouping
	}
	return groupEvery(d, sep, 4)
}

func genCardPlain(g *gen, _ string) piece {
	d, b := g.card()
	return whole("CREDIT_CARD", d, "card/"+b+"/"+strconv.Itoa(len(d))+"/plain")
}

func genCardGrouped(g *gen, _ string) piece {
	d, b := g.card()
	sep := g.pick([]string{" ", " ", "-"})
	return whole("CREDIT_CARD", cardGroups(d, b, sep), "card/"+b+"/"+strconv.Itoa(len(d))+"/grouped")
}

// ---- IBAN ----

// ibanFormats: country, total length and BBAN layout ("4a14n": 4 upper letters, 14 digits;
// 'c' alphanumeric), from the SWIFT IBAN registry.
var ibanFormats = []struct{ cc, bban string }{
	{"AD", "8n12c"}, {"AE", "3n16n"}, {"AL", "8n16c"}, {"AT", "16n"}, {"AZ", "4a20c"}, {"BA", "16n"}, {"BE", "12n"},
	{"BG", "4a6n8c"}, {"BH", "4a14c"}, {"BR", "23n1a1c"}, {"BY", "4c4n16c"}, {"CH", "5n12c"}, {"CR", "18n"},
	{"CY", "8n16c"}, {"CZ", "20n"}, {"DE", "18n"}, {"DK", "14n"}, {"DO", "4c20n"}, {"EE", "16n"}, {"EG", "25n"},
	{"ES", "20n"}, {"FI", "14n"}, {"FO", "14n"}, {"FR", "10n11c2n"}, {"GB", "4a14n"}, {"GE", "2a16n"},
	{"GI", "4a15c"}, {"GL", "14n"}, {"GR", "7n16c"}, {"GT", "4c20c"}, {"HR", "17n"}, {"HU", "24n"}, {"IE", "4a14n"},
	{"IL", "19n"}, {"IQ", "4a15n"}, {"IS", "22n"}, {"IT", "1a10n12c"}, {"JO", "4a4n18c"}, {"KW", "4a22c"},
	{"KZ", "3n13c"}, {"LB", "4n20c"}, {"LC", "4a24c"}, {"LI", "5n12c"}, {"LT", "16n"}, {"LU", "3n13c"},
	{"LV", "4a13c"}, {"MC", "10n11c2n"}, {"MD", "2c18c"}, {"ME", "18n"}, {"MK", "3n10c2n"}, {"MR", "23n"},
	{"MT", "4a5n18c"}, {"MU", "4a19n3a"}, {"NL", "4a10n"}, {"NO", "11n"}, {"PK", "4a16c"}, {"PL", "24n"},
	{"PS", "4a21c"}, {"PT", "21n"}, {"QA", "4a21c"}, {"RO", "4a16c"}, {"RS", "18n"}, {"SA", "2n18c"},
	{"SC", "4a20n3a"}, {"SE", "20n"}, {"SI", "15n"}, {"SK", "20n"}, {"SM", "1a10n12c"}, {"ST", "21n"},
	{"SV", "4a20n"}, {"TL", "19n"}, {"TN", "20n"}, {"TR", "5n1c16c"}, {"UA", "6n19c"}, {"VA", "18n"},
	{"VG", "4a16n"}, {"XK", "16n"},
}

// Countries whose IBANs the world mostly sees; drawn more often.
var ibanCommon = []string{"DE", "FR", "GB", "ES", "IT", "NL", "BE", "AT", "CH", "PL", "PT", "IE", "SE", "DK", "FI", "NO", "LU", "CZ"}

func (g *gen) bban(layout string) string {
	var b strings.Builder
	for i := 0; i < len(layout); {
		j := i
		for layout[j] >= '0' && layout[j] <= '9' {
			j++
		}
		n, _ := strconv.Atoi(layout[i:j])
		switch layout[j] {
		case 'n':
			b.WriteString(g.from(digitsAlpha, n))
		case 'a':
			b.WriteString(g.from(upperAlpha, n))
		case 'c': // account numbers are mostly digits even where letters are allowed
			for range n {
				if g.chance(0.15) {
					b.WriteByte(upperAlpha[g.intn(26)])
				} else {
					b.WriteByte('0' + byte(g.intn(10)))
				}
			}
		}
		i = j + 1
	}
	return b.String()
}

// mod97 of an IBAN-style string with letters A=10..Z=35.
func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			v := int(c-'A') + 10
			r = (r*100 + v) % 97
		} else {
			r = (r*10 + int(c-'0')) % 97
		}
	}
	return r
}

func ibanValid(s string) bool {
	s = strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	return len(s) > 4 && mod97(s[4:]+s[:4]) == 1
}

func (g *gen) iban(country string) string {
	cc := country
	if cc == "" || !g.chance(0.8) {
		cc = g.pick(ibanCommon)
		if g.chance(0.35) {
			cc = ibanFormats[g.intn(len(ibanFormats))].cc
		}
	}
	layout := ""
	for _, f := range ibanFormats {
		if f.cc == cc {
			layout = f.bban
		}
	}
	if layout == "" {
		cc, layout = "DE", "18n" // a country without IBANs (MX, US, ...): a German account
	}
	b := g.bban(layout)
	check := 98 - mod97(b+cc+"00")
	return fmt.Sprintf("%s%02d%s", cc, check, b)
}

func genIBANElectronic(g *gen, country string) piece {
	s := g.iban(country)
	if g.chance(0.15) {
		s = strings.ToLower(s)
	}
	return whole("IBAN_CODE", s, "iban/"+strings.ToUpper(s[:2])+"/electronic")
}

func genIBANPrint(g *gen, country string) piece {
	s := groupEvery(g.iban(country), " ", 4)
	if g.chance(0.1) {
		s = strings.ToLower(s)
	}
	return whole("IBAN_CODE", s, "iban/"+strings.ToUpper(s[:2])+"/print")
}

// ---- IP, MAC ----

func (g *gen) ipv4() string {
	switch g.intn(5) {
	case 0:
		return fmt.Sprintf("10.%d.%d.%d", g.intn(256), g.intn(256), g.between(1, 254))
	case 1:
		return fmt.Sprintf("192.168.%d.%d", g.intn(256), g.between(1, 254))
	case 2:
		return fmt.Sprintf("172.%d.%d.%d", g.between(16, 31), g.intn(256), g.between(1, 254))
	}
	first := g.between(1, 223)
	for first == 10 || first == 127 {
		first = g.between(1, 223)
	}
	return fmt.Sprintf("%d.%d.%d.%d", first, g.intn(256), g.intn(256), g.between(1, 254))
}

func genIPv4(g *gen, _ string) piece { return whole("IP_ADDRESS", g.ipv4(), "ip/v4") }

func (g *gen) ipv6() (string, string) {
	h := func() string { return strconv.FormatUint(uint64(g.intn(0x10000)), 16) }
	var parts []string
	for range 8 {
		parts = append(parts, h())
	}
	var s, f string
	switch g.intn(6) {
	case 0:
		s, f = strings.Join(parts, ":"), "ip/v6/full"
	case 1:
		for i, p := range parts {
			parts[i] = fmt.Sprintf("%04s", p)
			parts[i] = strings.ReplaceAll(parts[i], " ", "0")
		}
		s, f = strings.Join(parts, ":"), "ip/v6/full-padded"
	case 2:
		s, f = "2001:db8:"+h()+":"+h()+"::"+h(), "ip/v6/compressed"
	case 3:
		b := g.bytes(6) // EUI-64 interface identifier from a MAC address
		s = fmt.Sprintf("fe80::%x:%xff:fe%02x:%x", uint16(b[0]^2)<<8|uint16(b[1]), b[2], b[3], uint16(b[4])<<8|uint16(b[5]))
		f = "ip/v6/link-local"
	case 4:
		s, f = "::ffff:"+g.ipv4(), "ip/v6/mapped-v4"
	default:
		s, f = g.pick([]string{"2a00", "2a01", "2600", "2607", "2406", "2c0f"})+":"+h()+":"+h()+"::"+h()+":"+h(), "ip/v6/global"
	}
	if g.chance(0.15) {
		s = strings.ToUpper(s)
	}
	return s, f
}

func genIPv6(g *gen, _ string) piece {
	s, f := g.ipv6()
	return whole("IP_ADDRESS", s, f)
}

func genMAC(g *gen, _ string) piece {
	b := g.bytes(6)
	hx := fmt.Sprintf("%x", b)
	if g.chance(0.4) {
		hx = strings.ToUpper(hx)
	}
	switch g.intn(4) {
	case 0:
		return whole("MAC_ADDRESS", groupEvery(hx, "-", 2), "mac/dash")
	case 1:
		return whole("MAC_ADDRESS", groupEvery(strings.ToLower(hx), ".", 4), "mac/cisco")
	}
	return whole("MAC_ADDRESS", groupEvery(hx, ":", 2), "mac/colon")
}

// ---- URL ----

var urlHosts = []string{"example.com", "www.example.org", "shop.acme-corp.com", "api.github.com", "docs.python.org", "en.wikipedia.org", "news.ycombinator.com", "www.bbc.co.uk",
	"www.spiegel.de", "portal.gov.br", "s3.eu-west-1.amazonaws.com", "cdn.jsdelivr.net", "intranet.corp.local", "app.company.io", "www.rakuten.co.jp", "mystore.myshopify.com"}

var urlPaths = []string{"", "/", "/index.html", "/about", "/products/12345", "/wiki/Data_protection", "/search?q=privacy&lang=en", "/u/jdoe/profile", "/api/v2/orders?page=3",
	"/blog/2024/03/gdpr-checklist", "/docs/en/latest/", "/item?id=38561234", "/download/report.pdf", "/#pricing", "/path/to/page.php?ref=newsletter&utm_source=mail"}

func (g *gen) url() string {
	scheme := g.pick([]string{"https://", "https://", "http://"})
	host := g.pick(urlHosts)
	port := ""
	if g.chance(0.1) {
		port = ":" + g.pick([]string{"8080", "8443", "3000"})
	}
	return scheme + host + port + g.pick(urlPaths)
}

func genURL(g *gen, _ string) piece {
	if g.chance(0.12) {
		return whole("URL", "www."+strings.TrimPrefix(g.pick(urlHosts), "www.")+g.pick(urlPaths[:6]), "url/www")
	}
	return whole("URL", g.url(), "url/http")
}

// password returns a plausible human or generated password (no separators that end a token).
func (g *gen) password() string {
	switch g.intn(4) {
	case 0:
		w := g.pick([]string{"Summer", "Winter", "Dragon", "Monkey", "Sunshine", "Passw0rd", "Welcome", "Qwerty", "Berlin", "Football"})
		return w + strconv.Itoa(g.between(1, 2025)) + g.pick([]string{"!", "#", "$", "", "?"})
	case 1:
		return g.from(alnumAlpha, g.between(12, 24))
	case 2:
		return g.from(alnumAlpha+"!#$%*+-_.~", g.between(10, 20)) + strconv.Itoa(g.intn(10))
	}
	return g.from(lowerAlpha, 3) + g.from(digitsAlpha, 2) + g.from(upperAlpha, 2) + g.from("!#%*", 1) + g.from(alnumAlpha, 4)
}

func genURLCreds(g *gen, _ string) piece {
	user := g.pick([]string{"admin", "app", "postgres", "svc_etl", "readonly", "deploy", "jdoe", "root"})
	pw := g.password()
	// A password in userinfo must not hold ':', '@', '/', '?', '#'.
	pw = strings.Map(func(r rune) rune {
		if strings.ContainsRune(":@/?#%", r) {
			return 'x'
		}
		return r
	}, pw)
	var prefix, rest string
	switch g.intn(6) {
	case 0:
		prefix, rest = "postgres://", "@db.internal:5432/analytics"
	case 1:
		prefix, rest = "postgresql://", "@"+g.ipv4()+"/prod?sslmode=require"
	case 2:
		prefix, rest = "mysql://", "@mysql.prod.example.com:3306/shop"
	case 3:
		prefix, rest = "mongodb+srv://", "@cluster0.ab1cd.mongodb.net/test?retryWrites=true"
	case 4:
		prefix, rest = "redis://", "@cache.example.net:6379/0"
	default:
		prefix, rest = "https://", "@git.example.com/team/repo.git"
	}
	text := prefix + user + ":" + pw + rest
	ps := len(prefix) + len(user) + 1
	p := piece{text: text, format: "url/credentials/" + strings.TrimSuffix(prefix, "://"), spans: []Span{
		{Type: "URL", Start: 0, End: len(text)},
		{Type: "PASSWORD", Start: ps, End: ps + len(pw)},
	}}
	if prefix == "postgresql://" { // the host is an IPv4 address, nested in the URL
		hs := ps + len(pw) + 1
		he := hs + strings.IndexByte(text[hs:], '/')
		p.spans = append(p.spans, Span{Type: "IP_ADDRESS", Start: hs, End: he})
	}
	return p
}

// ---- date of birth ----

var monthsEN = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// dob returns a birth date in one of the formats forms use.
func (g *gen) dob() (string, string) {
	y, m, d := g.between(1930, 2008), g.between(1, 12), g.between(1, 28)
	switch g.intn(11) {
	case 9:
		return fmt.Sprintf("%04d%02d%02d", y, m, d), "dob/compact"
	case 10:
		return fmt.Sprintf("%04d/%02d/%02d", y, m, d), "dob/ymd-slash"
	case 0:
		return fmt.Sprintf("%02d/%02d/%04d", m, d, y), "dob/us-slash"
	case 1:
		return fmt.Sprintf("%02d/%02d/%04d", d, m, y), "dob/eu-slash"
	case 2:
		return fmt.Sprintf("%02d.%02d.%04d", d, m, y), "dob/dot"
	case 3:
		return fmt.Sprintf("%s %d, %d", monthsEN[m-1], d, y), "dob/month-name-us"
	case 4:
		return fmt.Sprintf("%d %s %d", d, monthsEN[m-1], y), "dob/month-name-eu"
	case 5:
		return fmt.Sprintf("%02d-%s-%04d", d, monthsEN[m-1][:3], y), "dob/dd-mon-yyyy"
	case 6:
		return fmt.Sprintf("%d/%d/%d", m, d, y), "dob/us-short"
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), "dob/iso"
}

func genDOB(g *gen, _ string) piece {
	s, f := g.dob()
	return whole("DATE_TIME", s, f)
}

// ---- street addresses ----

func (g *gen) address(country string) (string, string) {
	st := streetStyles[g.intn(len(streetStyles))]
	if country != "" {
		for _, s := range streetStyles {
			if s.country == country {
				st = s
			}
		}
	}
	street := g.pick(st.streets)
	city := g.fill(g.pick(st.cities))
	num := strconv.Itoa(g.between(1, 250))
	if g.chance(0.1) {
		num += g.pick([]string{"a", "B", "bis"})
	}
	switch st.format {
	case 0:
		if st.country == "US" && g.chance(0.3) {
			street += g.pick([]string{", Apt 4B", ", Suite 210", " #12"})
		}
		return num + " " + street + ", " + city, "address/" + st.country
	case 2:
		return num + " " + street + ", " + city, "address/" + st.country
	}
	return street + " " + num + ", " + city, "address/" + st.country
}

func genAddress(g *gen, country string) piece {
	s, f := g.address(country)
	return whole("LOCATION", s, f)
}
