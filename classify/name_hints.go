package classify

// HintStrength says how much a column's name alone tells.
type HintStrength uint8

const (
	// HintNone: the name says nothing.
	HintNone HintStrength = iota
	// HintWeak: the name suggests the type ("name", "address", "note_phone");
	// the sample must confirm it. A weak hint also lets the sample's detectors
	// report the type with a lower score.
	HintWeak
	// HintStrong: the name alone makes the column PII of the type ("email",
	// "ssn", "password_hash"), whatever the sample shows.
	HintStrong
)

// NameHint is what a column name suggests the column holds.
type NameHint struct {
	Type     Type
	Strength HintStrength
}

// maxHintName bounds the column names ColumnNameHint reads; PostgreSQL
// truncates identifiers at 63 bytes.
const (
	maxHintName   = 64
	maxHintTokens = 16
)

type hintEntry struct {
	t Type
	s HintStrength
}

// nameHints maps a run of name tokens, joined without separators and
// ASCII-lowercased, to the hint. ColumnNameHint looks up every suffix of the
// column name's tokens (longest first), then every prefix whose remaining
// tokens are harmless modifiers, so "contact_email", "user_mail",
// "EmailAddress", "email_address_2" and "customer_first_name" all match.
var nameHints = map[string]hintEntry{
	// EMAIL_ADDRESS
	"email": {EmailAddress, HintStrong}, "emailaddress": {EmailAddress, HintStrong}, "emailaddr": {EmailAddress, HintStrong},
	"mail": {EmailAddress, HintStrong}, "mailaddress": {EmailAddress, HintStrong}, "emailid": {EmailAddress, HintWeak},
	"emails": {EmailAddress, HintStrong}, "emailaddresses": {EmailAddress, HintStrong},
	"courriel": {EmailAddress, HintStrong}, "correo": {EmailAddress, HintStrong}, "correoelectronico": {EmailAddress, HintStrong},

	// PHONE_NUMBER
	"phone": {PhoneNumber, HintStrong}, "phoneno": {PhoneNumber, HintStrong}, "phonenum": {PhoneNumber, HintStrong},
	"phonenumber": {PhoneNumber, HintStrong}, "telephone": {PhoneNumber, HintStrong}, "telephonenumber": {PhoneNumber, HintStrong},
	"tel": {PhoneNumber, HintStrong}, "telno": {PhoneNumber, HintStrong}, "telnr": {PhoneNumber, HintStrong},
	"mobile": {PhoneNumber, HintStrong}, "mobileno": {PhoneNumber, HintStrong}, "mobilenumber": {PhoneNumber, HintStrong},
	"mobilephone": {PhoneNumber, HintStrong}, "cell": {PhoneNumber, HintWeak}, "cellphone": {PhoneNumber, HintStrong},
	"cellnumber": {PhoneNumber, HintStrong}, "fax": {PhoneNumber, HintStrong}, "faxnumber": {PhoneNumber, HintStrong},
	"msisdn": {PhoneNumber, HintStrong}, "telefon": {PhoneNumber, HintStrong}, "telefono": {PhoneNumber, HintStrong},
	"telefonnummer": {PhoneNumber, HintStrong}, "handy": {PhoneNumber, HintWeak}, "telnumber": {PhoneNumber, HintStrong},
	"phones": {PhoneNumber, HintStrong}, "phonenumbers": {PhoneNumber, HintStrong}, "contactnumber": {PhoneNumber, HintStrong},
	"contactno": {PhoneNumber, HintStrong}, "mobilenr": {PhoneNumber, HintStrong}, "telefone": {PhoneNumber, HintStrong},

	// US_SSN
	"ssn": {USSSN, HintStrong}, "socialsecurity": {USSSN, HintStrong}, "socialsecuritynumber": {USSSN, HintStrong},
	"socialsecurityno": {USSSN, HintStrong}, "socsec": {USSSN, HintStrong},

	// CREDIT_CARD
	"ccnumber": {CreditCard, HintStrong}, "ccnum": {CreditCard, HintStrong}, "ccno": {CreditCard, HintStrong},
	"cardnumber": {CreditCard, HintStrong}, "cardno": {CreditCard, HintStrong}, "cardnum": {CreditCard, HintStrong},
	"creditcard": {CreditCard, HintStrong}, "creditcardnumber": {CreditCard, HintStrong}, "creditcardno": {CreditCard, HintStrong},
	"debitcard": {CreditCard, HintStrong}, "pan": {CreditCard, HintStrong}, "cc": {CreditCard, HintWeak},
	"primaryaccountnumber": {CreditCard, HintStrong},

	// IBAN_CODE
	"iban": {IBANCode, HintStrong}, "ibancode": {IBANCode, HintStrong}, "ibannumber": {IBANCode, HintStrong},
	"bankaccount": {IBANCode, HintWeak}, "accountnumber": {IBANCode, HintWeak},

	// IP_ADDRESS, MAC_ADDRESS
	"ip": {IPAddress, HintStrong}, "ipaddresses": {IPAddress, HintStrong}, "ips": {IPAddress, HintStrong}, "ipaddr": {IPAddress, HintStrong}, "ipaddress": {IPAddress, HintStrong},
	"ipv4": {IPAddress, HintStrong}, "ipv6": {IPAddress, HintStrong}, "clientip": {IPAddress, HintStrong},
	"remoteaddr": {IPAddress, HintStrong}, "remoteip": {IPAddress, HintStrong}, "sourceip": {IPAddress, HintStrong},
	"inet": {IPAddress, HintWeak}, "clientaddr": {IPAddress, HintStrong}, "serveraddr": {IPAddress, HintStrong},
	"hostaddr": {IPAddress, HintStrong}, "remoteaddress": {IPAddress, HintStrong}, "lastloginip": {IPAddress, HintStrong},
	"mac": {MACAddress, HintStrong}, "macaddr": {MACAddress, HintStrong}, "macaddress": {MACAddress, HintStrong},

	// DATE_TIME as date of birth
	"dob": {DateTime, HintStrong}, "birthday": {DateTime, HintStrong}, "birthdate": {DateTime, HintStrong},
	"dateofbirth": {DateTime, HintStrong}, "bday": {DateTime, HintStrong}, "birthdt": {DateTime, HintStrong},
	"geburtsdatum": {DateTime, HintStrong}, "geburtstag": {DateTime, HintStrong}, "datebirth": {DateTime, HintStrong},
	"birthdateutc": {DateTime, HintStrong}, "dateofbirthutc": {DateTime, HintStrong}, "fechanacimiento": {DateTime, HintStrong}, "datenaissance": {DateTime, HintStrong},

	// PERSON
	"firstname": {Person, HintStrong}, "fname": {Person, HintStrong}, "givenname": {Person, HintStrong},
	"lastname": {Person, HintStrong}, "lname": {Person, HintStrong}, "surname": {Person, HintStrong},
	"familyname": {Person, HintStrong}, "middlename": {Person, HintStrong}, "fullname": {Person, HintStrong},
	"maidenname": {Person, HintStrong}, "mothersmaiden": {Person, HintStrong}, "mothersmaidenname": {Person, HintStrong},
	"mothermaidenname": {Person, HintStrong}, "nickname": {Person, HintWeak}, "displayname": {Person, HintWeak},
	"contactname": {Person, HintStrong}, "customername": {Person, HintStrong}, "username": {Person, HintWeak},
	"patientname": {Person, HintStrong}, "employeename": {Person, HintStrong}, "personname": {Person, HintStrong},
	"cardholder": {Person, HintStrong}, "cardholdername": {Person, HintStrong}, "accountholder": {Person, HintStrong},
	"vorname": {Person, HintStrong}, "nachname": {Person, HintStrong}, "nombre": {Person, HintWeak},
	"apellido": {Person, HintStrong}, "prenom": {Person, HintStrong}, "prénom": {Person, HintStrong}, "nom": {Person, HintWeak},
	"apellidos": {Person, HintStrong}, "cognome": {Person, HintStrong}, "achternaam": {Person, HintStrong},
	"voornaam": {Person, HintStrong}, "nazwisko": {Person, HintStrong}, "imie": {Person, HintStrong}, "imię": {Person, HintStrong},
	"name": {Person, HintWeak},

	// LOCATION
	"street": {Location, HintStrong}, "streetaddress": {Location, HintStrong}, "streetname": {Location, HintStrong},
	"address": {Location, HintWeak}, "addr": {Location, HintWeak}, "addressline": {Location, HintStrong},
	"addressline1": {Location, HintStrong}, "addressline2": {Location, HintStrong}, "addressline3": {Location, HintStrong},
	"addr1": {Location, HintStrong}, "addr2": {Location, HintStrong}, "address1": {Location, HintStrong},
	"address2": {Location, HintStrong}, "homeaddress": {Location, HintStrong}, "mailingaddress": {Location, HintStrong},
	"postaladdress": {Location, HintStrong}, "billingaddress": {Location, HintStrong}, "shippingaddress": {Location, HintStrong},
	"residence": {Location, HintWeak},
	"zip":       {Location, HintStrong}, "zipcode": {Location, HintStrong}, "postcode": {Location, HintStrong},
	"postalcode": {Location, HintStrong}, "plz": {Location, HintStrong}, "city": {Location, HintWeak},
	"town": {Location, HintWeak}, "housenumber": {Location, HintStrong}, "strasse": {Location, HintStrong},
	"straße": {Location, HintStrong}, "anschrift": {Location, HintStrong}, "adresse": {Location, HintWeak},
	"direccion": {Location, HintWeak}, "dirección": {Location, HintWeak}, "indirizzo": {Location, HintWeak},
	"endereco": {Location, HintWeak}, "endereço": {Location, HintWeak}, "addresses": {Location, HintWeak},
	"postalcodes": {Location, HintStrong}, "postleitzahl": {Location, HintStrong}, "codigopostal": {Location, HintStrong},

	// Secrets
	"password": {Password, HintStrong}, "passwd": {Password, HintStrong}, "pwd": {Password, HintStrong},
	"pass": {Password, HintWeak}, "passphrase": {Password, HintStrong}, "passwordhash": {Password, HintStrong},
	"pwdhash": {Password, HintStrong}, "passwordsalt": {Password, HintStrong}, "hashedpassword": {Password, HintStrong},
	"encryptedpassword": {Password, HintStrong}, "passwort": {Password, HintStrong}, "pin": {Password, HintWeak},
	"apikey": {GenericSecret, HintStrong}, "apisecret": {GenericSecret, HintStrong}, "apitoken": {GenericSecret, HintStrong},
	"secret": {GenericSecret, HintStrong}, "secretkey": {GenericSecret, HintStrong}, "clientsecret": {GenericSecret, HintStrong},
	"token": {GenericSecret, HintStrong}, "accesstoken": {GenericSecret, HintStrong}, "refreshtoken": {GenericSecret, HintStrong},
	"authtoken": {GenericSecret, HintStrong}, "sessiontoken": {GenericSecret, HintStrong}, "bearertoken": {GenericSecret, HintStrong},
	"privatekey": {PrivateKey, HintStrong}, "sshkey": {PrivateKey, HintWeak}, "awssecretaccesskey": {AWSSecretKey, HintStrong},
	"awssecretkey": {AWSSecretKey, HintStrong}, "awssecret": {AWSSecretKey, HintStrong}, "secretaccesskey": {AWSSecretKey, HintStrong},
	"awsaccesskeyid": {AWSAccessKey, HintStrong}, "accesskeyid": {AWSAccessKey, HintStrong},
	"jwt": {JWT, HintStrong}, "idtoken": {JWT, HintStrong},

	// National identifiers
	"nino": {UKNINO, HintStrong}, "nationalinsurance": {UKNINO, HintStrong}, "nationalinsurancenumber": {UKNINO, HintStrong},
	"sin": {CASIN, HintStrong}, "socialinsurancenumber": {CASIN, HintStrong},
	"nif": {ESNIF, HintStrong}, "dni": {ESNIF, HintStrong}, "nie": {ESNIF, HintStrong},
	"codicefiscale": {ITFiscalCode, HintStrong}, "fiscalcode": {ITFiscalCode, HintStrong},
	"aadhaar": {INAadhaar, HintStrong}, "aadhar": {INAadhaar, HintStrong}, "pesel": {PLPESEL, HintStrong},
	"hetu": {FIHETU, HintStrong}, "bsn": {NLBSN, HintStrong}, "burgerservicenummer": {NLBSN, HintStrong},
	"cpf": {BRCPF, HintStrong}, "tfn": {AUTFN, HintStrong}, "nric": {SGNRIC, HintStrong},

	// CRYPTO
	"walletaddress": {Crypto, HintStrong}, "btcaddress": {Crypto, HintStrong}, "ethaddress": {Crypto, HintStrong},
}

// hintModifiers are trailing tokens that keep a prefix's hint: "email_primary",
// "phone_2", "password_enc". Tokens that change meaning ("verified", "count",
// "type", "id") are not here, so "email_verified" gets no hint from "email".
var hintModifiers = map[string]bool{
	"primary": true, "secondary": true, "alt": true, "alternate": true, "other": true, "raw": true,
	"enc": true, "encrypted": true, "plain": true, "plaintext": true, "clear": true, "text": true,
	"value": true, "val": true, "str": true, "home": true, "work": true, "personal": true, "business": true,
	"private": true, "public": true, "old": true, "new": true, "prev": true, "previous": true, "current": true,
	"hash": true, "hashed": true, "digest": true, "masked": true, "full": true, "normalized": true, "norm": true,
}

// nameTokens is the tokenized, ASCII-lowercased form of a column name:
// squashed holds the tokens concatenated; token i is squashed[start[i]:start[i+1]].
type nameTokens struct {
	squashed [maxHintName]byte
	start    [maxHintTokens + 1]uint8
	n        int
}

// tokenize splits name on non-alphanumerics, camelCase humps
// ("EmailAddress", "HTTPServer" -> http, server) and letter/digit borders
// except a digit run right after a letter run ("addr1", "line2", "ipv4").
// Names longer than maxHintName bytes are read up to that length.
func tokenizeName[S ~string | ~[]byte](nt *nameTokens, name S) {
	if len(name) > maxHintName {
		name = name[:maxHintName]
	}
	nt.n = 0
	w := 0
	inTok := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		isUpper := c-'A' < 26
		isLower := c-'a' < 26
		isDigit := c-'0' < 10
		if !isUpper && !isLower && !isDigit && c < 0x80 {
			inTok = false
			continue
		}
		boundary := !inTok
		if inTok && i > 0 {
			p := name[i-1]
			pUpper, pLower := p-'A' < 26, p-'a' < 26
			switch {
			case isUpper && pLower: // emailAddress
				boundary = true
			case isUpper && pUpper && i+1 < len(name) && name[i+1]-'a' < 26: // HTTPServer: S starts a token
				boundary = true
			case (isUpper || isLower) && p-'0' < 10: // 2fa, line2x
				boundary = true
			}
		}
		if boundary {
			if nt.n == maxHintTokens {
				break
			}
			nt.start[nt.n] = uint8(w)
			nt.n++
			inTok = true
		}
		nt.squashed[w] = wordFold(c)
		w++
	}
	nt.start[nt.n] = uint8(w)
}

// tok returns the squashed bytes of tokens [i, j).
func (nt *nameTokens) tok(i, j int) []byte { return nt.squashed[nt.start[i]:nt.start[j]] }

// ColumnNameHint returns what a column's name suggests it holds. It folds
// ASCII case, reads at most 64 bytes and does not allocate.
func ColumnNameHint(name string) NameHint {
	var nt nameTokens
	tokenizeName(&nt, name)
	return nt.hint()
}

// ColumnNameHintBytes is ColumnNameHint for a name held in bytes (a
// RowDescription field name, valid only until the next message).
func ColumnNameHintBytes(name []byte) NameHint {
	var nt nameTokens
	tokenizeName(&nt, name)
	return nt.hint()
}

func (nt *nameTokens) hint() NameHint {
	// Trailing digits ("phone2", "email_address_2") rarely change the
	// meaning, so the name is read without them first; with them only if that
	// gives no strong hint ("address_line_1", "addr1", "ipv4").
	full := int(nt.start[nt.n])
	end := full
	for end > 0 && nt.squashed[end-1]-'0' < 10 {
		end--
	}
	h := nt.hintUpTo(end)
	if h.Strength < HintStrong && end < full {
		if h2 := nt.hintUpTo(full); h2.Strength > h.Strength {
			h = h2
		}
	}
	return h
}

// hintUpTo looks up the name read up to squashed byte end.
func (nt *nameTokens) hintUpTo(end int) NameHint {
	n := 0 // tokens that start before end
	for n < nt.n && int(nt.start[n]) < end {
		n++
	}
	for i := 0; i < n; i++ { // longest suffix first
		if e, ok := nameHints[string(nt.squashed[nt.start[i]:end])]; ok {
			return NameHint{e.t, e.s}
		}
	}
	for j := n - 1; j > 0; j-- { // longest prefix whose rest are modifiers
		e, ok := nameHints[string(nt.tok(0, j))]
		if !ok {
			continue
		}
		rest := true
		for k := j; k < n; k++ {
			lo, hi := int(nt.start[k]), int(nt.start[k+1])
			if hi > end {
				hi = end
			}
			if !hintModifiers[string(nt.squashed[lo:hi])] {
				rest = false
				break
			}
		}
		if rest {
			return NameHint{e.t, e.s}
		}
	}
	return NameHint{}
}
