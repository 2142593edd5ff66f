package classify

// Type is a kind of PII or secret. Its String form is the Presidio entity name where Presidio
// has the type (EMAIL_ADDRESS, US_SSN, ...), so reports line up with Presidio-labelled corpora.
type Type uint8

// The types. None is the zero value and is never reported.
const (
	None Type = iota

	// Structured PII.
	EmailAddress // EMAIL_ADDRESS
	PhoneNumber  // PHONE_NUMBER
	USSSN        // US_SSN
	CreditCard   // CREDIT_CARD
	IBANCode     // IBAN_CODE
	IPAddress    // IP_ADDRESS
	MACAddress   // MAC_ADDRESS
	URL          // URL
	Crypto       // CRYPTO (BTC base58check / bech32, ETH)
	DateTime     // DATE_TIME (reported as a date of birth only with DOB context)

	// National identifiers with a checksum or a strict structure.
	UKNINO       // UK_NINO
	CASIN        // CA_SIN (Luhn)
	ESNIF        // ES_NIF (DNI/NIE, mod-23 letter)
	ITFiscalCode // IT_FISCAL_CODE (odd/even check letter)
	INAadhaar    // IN_AADHAAR (Verhoeff)
	PLPESEL      // PL_PESEL (weighted mod 10)
	FIHETU       // FI_PERSONAL_IDENTITY_CODE (mod-31 check character)
	NLBSN        // NL_BSN (11-proof)
	BRCPF        // BR_CPF (two mod-11 check digits)
	AUTFN        // AU_TFN (weighted mod 11)
	SGNRIC       // SG_NRIC_FIN (weighted check letter)

	// Unstructured PII (detectors owned by the person/location files).
	Person   // PERSON
	Location // LOCATION

	// Secrets. IsSecret reports true for these.
	AWSAccessKey  // AWS_ACCESS_KEY
	AWSSecretKey  // AWS_SECRET_KEY
	GitHubToken   // GITHUB_TOKEN
	GitLabToken   // GITLAB_TOKEN
	SlackToken    // SLACK_TOKEN
	StripeKey     // STRIPE_KEY
	GoogleAPIKey  // GOOGLE_API_KEY
	OpenAIKey     // OPENAI_KEY
	AnthropicKey  // ANTHROPIC_KEY
	JWT           // JWT
	PrivateKey    // PRIVATE_KEY (PEM)
	Password      // PASSWORD (in connection strings and URLs)
	GenericSecret // GENERIC_SECRET (keyword + high-entropy value)

	// NumTypes is one more than the largest Type; arrays indexed by Type use it as length.
	NumTypes
)

const firstSecret = AWSAccessKey

var typeNames = [NumTypes]string{
	None:          "NONE",
	EmailAddress:  "EMAIL_ADDRESS",
	PhoneNumber:   "PHONE_NUMBER",
	USSSN:         "US_SSN",
	CreditCard:    "CREDIT_CARD",
	IBANCode:      "IBAN_CODE",
	IPAddress:     "IP_ADDRESS",
	MACAddress:    "MAC_ADDRESS",
	URL:           "URL",
	Crypto:        "CRYPTO",
	DateTime:      "DATE_TIME",
	UKNINO:        "UK_NINO",
	CASIN:         "CA_SIN",
	ESNIF:         "ES_NIF",
	ITFiscalCode:  "IT_FISCAL_CODE",
	INAadhaar:     "IN_AADHAAR",
	PLPESEL:       "PL_PESEL",
	FIHETU:        "FI_PERSONAL_IDENTITY_CODE",
	NLBSN:         "NL_BSN",
	BRCPF:         "BR_CPF",
	AUTFN:         "AU_TFN",
	SGNRIC:        "SG_NRIC_FIN",
	Person:        "PERSON",
	Location:      "LOCATION",
	AWSAccessKey:  "AWS_ACCESS_KEY",
	AWSSecretKey:  "AWS_SECRET_KEY",
	GitHubToken:   "GITHUB_TOKEN",
	GitLabToken:   "GITLAB_TOKEN",
	SlackToken:    "SLACK_TOKEN",
	StripeKey:     "STRIPE_KEY",
	GoogleAPIKey:  "GOOGLE_API_KEY",
	OpenAIKey:     "OPENAI_KEY",
	AnthropicKey:  "ANTHROPIC_KEY",
	JWT:           "JWT",
	PrivateKey:    "PRIVATE_KEY",
	Password:      "PASSWORD",
	GenericSecret: "GENERIC_SECRET",
}

// typeAliases are other spellings ParseType accepts (names used by other tools).
var typeAliases = [...]struct {
	name string
	t    Type
}{
	{"EMAIL", EmailAddress},
	{"PHONE", PhoneNumber},
	{"SSN", USSSN},
	{"IBAN", IBANCode},
	{"IP", IPAddress},
	{"MAC", MACAddress},
	{"FI_HETU", FIHETU},
	{"SG_NRIC", SGNRIC},
	{"DATE_OF_BIRTH", DateTime},
	{"DOB", DateTime},
	{"ADDRESS", Location},
}

// String returns the type's canonical (Presidio-style) name.
func (t Type) String() string {
	if t < NumTypes {
		return typeNames[t]
	}
	return "UNKNOWN"
}

// IsSecret reports whether t is a credential rather than personal data.
func (t Type) IsSecret() bool { return t >= firstSecret && t < NumTypes }

// ParseType maps a name (canonical or alias, ASCII case-insensitive) to its Type.
func ParseType(s string) (Type, bool) {
	for t := EmailAddress; t < NumTypes; t++ {
		if equalFoldASCII(s, typeNames[t]) {
			return t, true
		}
	}
	for _, a := range typeAliases {
		if equalFoldASCII(s, a.name) {
			return a.t, true
		}
	}
	return None, false
}

// TypeSet is a set of Types (bit t set means Type t is in the set).
type TypeSet uint64

// AllTypes holds every reportable type.
const AllTypes TypeSet = (1<<uint(NumTypes) - 1) &^ 1

// SetOf returns the set holding ts.
func SetOf(ts ...Type) TypeSet {
	var s TypeSet
	for _, t := range ts {
		s |= 1 << t
	}
	return s
}

// Has reports whether t is in s.
func (s TypeSet) Has(t Type) bool { return s&(1<<t) != 0 }

// With returns s plus t.
func (s TypeSet) With(t Type) TypeSet { return s | 1<<t }

// equalFoldASCII compares ASCII case-insensitively without allocating.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if c-'A' < 26 {
		return c + 32
	}
	return c
}
