package classify

import "testing"

func TestColumnNameHint(t *testing.T) {
	cases := []struct {
		name string
		want NameHint
	}{
		{"email", NameHint{EmailAddress, HintStrong}},
		{"e_mail", NameHint{EmailAddress, HintStrong}},
		{"emailaddress", NameHint{EmailAddress, HintStrong}},
		{"EmailAddress", NameHint{EmailAddress, HintStrong}},
		{"EMAIL_ADDRESS", NameHint{EmailAddress, HintStrong}},
		{"user_mail", NameHint{EmailAddress, HintStrong}},
		{"contact_email", NameHint{EmailAddress, HintStrong}},
		{"contactEmail", NameHint{EmailAddress, HintStrong}},
		{"email_address_2", NameHint{EmailAddress, HintStrong}},
		{"email_primary", NameHint{EmailAddress, HintStrong}},
		{"telephonenumber", NameHint{PhoneNumber, HintStrong}},
		{"TelephoneNumber", NameHint{PhoneNumber, HintStrong}},
		{"phone_no", NameHint{PhoneNumber, HintStrong}},
		{"mobile", NameHint{PhoneNumber, HintStrong}},
		{"home_phone", NameHint{PhoneNumber, HintStrong}},
		{"phone2", NameHint{PhoneNumber, HintStrong}},
		{"ccnumber", NameHint{CreditCard, HintStrong}},
		{"card_number", NameHint{CreditCard, HintStrong}},
		{"CardNumber", NameHint{CreditCard, HintStrong}},
		{"pan", NameHint{CreditCard, HintStrong}},
		{"ssn", NameHint{USSSN, HintStrong}},
		{"SSN", NameHint{USSSN, HintStrong}},
		{"social_security_number", NameHint{USSSN, HintStrong}},
		{"dob", NameHint{DateTime, HintStrong}},
		{"birthday", NameHint{DateTime, HintStrong}},
		{"date_of_birth", NameHint{DateTime, HintStrong}},
		{"DateOfBirth", NameHint{DateTime, HintStrong}},
		{"mothers_maiden", NameHint{Person, HintStrong}},
		{"mothers_maiden_name", NameHint{Person, HintStrong}},
		{"passwd", NameHint{Password, HintStrong}},
		{"password_hash", NameHint{Password, HintStrong}},
		{"PasswordHash", NameHint{Password, HintStrong}},
		{"api_key", NameHint{GenericSecret, HintStrong}},
		{"apiKey", NameHint{GenericSecret, HintStrong}},
		{"secret", NameHint{GenericSecret, HintStrong}},
		{"client_secret", NameHint{GenericSecret, HintStrong}},
		{"aws_secret_access_key", NameHint{AWSSecretKey, HintStrong}},
		{"AWS_SECRET_KEY", NameHint{AWSSecretKey, HintStrong}},
		{"secret_access_key", NameHint{AWSSecretKey, HintStrong}},
		{"SecretAccessKey", NameHint{AWSSecretKey, HintStrong}},
		{"aws_secret", NameHint{AWSSecretKey, HintStrong}},
		{"first_name", NameHint{Person, HintStrong}},
		{"firstName", NameHint{Person, HintStrong}},
		{"lastname", NameHint{Person, HintStrong}},
		{"full_name", NameHint{Person, HintStrong}},
		{"customer_first_name", NameHint{Person, HintStrong}},
		{"name", NameHint{Person, HintWeak}},
		{"street", NameHint{Location, HintStrong}},
		{"address_line1", NameHint{Location, HintStrong}},
		{"address_line_1", NameHint{Location, HintStrong}},
		{"AddressLine2", NameHint{Location, HintStrong}},
		{"zip", NameHint{Location, HintStrong}},
		{"zip_code", NameHint{Location, HintStrong}},
		{"iban", NameHint{IBANCode, HintStrong}},
		{"ip_addr", NameHint{IPAddress, HintStrong}},
		{"IPAddress", NameHint{IPAddress, HintStrong}},
		{"client_ip", NameHint{IPAddress, HintStrong}},
		{"mac_address", NameHint{MACAddress, HintStrong}},
		{"Prénom", NameHint{Person, HintStrong}},
		{"PLZ", NameHint{Location, HintStrong}},
		{"tel_number", NameHint{PhoneNumber, HintStrong}},
		{"Geburtstag", NameHint{DateTime, HintStrong}},
		{"billingAddressLine2", NameHint{Location, HintStrong}},
		{"IBAN", NameHint{IBANCode, HintStrong}},
		{"emails", NameHint{EmailAddress, HintStrong}},
		{"secondary_email_2", NameHint{EmailAddress, HintStrong}},
		// No hint: meaning changed by a trailing token, or unrelated.
		{"email_verified", NameHint{}},
		{"phone_count", NameHint{}},
		{"id", NameHint{}},
		{"created_at", NameHint{}},
		{"zipper", NameHint{}},
		{"hotel", NameHint{}},
		{"", NameHint{}},
		{"____", NameHint{}},
		{"amount", NameHint{}},
		{"shipping_method", NameHint{}},
	}
	for _, c := range cases {
		if got := ColumnNameHint(c.name); got != c.want {
			t.Errorf("ColumnNameHint(%q) = %v/%d, want %v/%d", c.name, got.Type, got.Strength, c.want.Type, c.want.Strength)
		}
	}
}

func TestTokenize(t *testing.T) {
	cases := map[string]string{
		"EmailAddress":   "email|address",
		"HTTPServerName": "http|server|name",
		"address_line1":  "address|line1",
		"ipv4_addr":      "ipv4|addr",
		"2fa_secret":     "2|fa|secret",
		"a-b.c d":        "a|b|c|d",
		"userID":         "user|id",
	}
	for in, want := range cases {
		var nt nameTokens
		tokenizeName(&nt, in)
		got := ""
		for i := 0; i < nt.n; i++ {
			if i > 0 {
				got += "|"
			}
			got += string(nt.tok(i, i+1))
		}
		if got != want {
			t.Errorf("tokenize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColumnNameHintLongName(t *testing.T) {
	long := ""
	for i := 0; i < 40; i++ {
		long += "ab_"
	}
	if h := ColumnNameHint(long + "email"); h != (NameHint{}) {
		t.Errorf("hint beyond 64 bytes read: %v", h)
	}
}
