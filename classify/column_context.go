package classify

// ColumnContext returns the scan Context that a column's name suggests: the column hint and
// the expected type, from ColumnNameHint ("email_address" -> ColumnEmail, Expect EmailAddress;
// "dob" -> ColumnDateOfBirth; "sin" -> ColumnNationalID, Expect CASIN). A name that suggests
// nothing gives the free-text context. Use it where no column verdict exists yet (sampling,
// the classify CLI, tests over labeled corpora).
func ColumnContext(name string) Context {
	h := ColumnNameHint(name)
	if h.Type == None {
		for _, n := range idColumnWords {
			if containsFold([]byte(name), 0, len(name), n.word) {
				return ContextFor(n.t)
			}
		}
		return Context{Column: ColumnFreeText}
	}
	return ContextFor(h.Type)
}

// idColumnWords name national-ID (and card) columns that ColumnNameHint does not know, matched as
// ASCII-case-insensitive substrings of the column name.
var idColumnWords = []struct {
	word string
	t    Type
}{
	{"tax_file", AUTFN}, {"taxfile", AUTFN}, {"tfn", AUTFN},
	{"aadhaar", INAadhaar}, {"aadhar", INAadhaar}, {"uid_num", INAadhaar},
	{"sofinummer", NLBSN}, {"burgerservice", NLBSN}, {"bsn", NLBSN},
	{"_card", CreditCard}, {"cpf", BRCPF}, {"documento", BRCPF}, {"pesel", PLPESEL}, {"nino", UKNINO}, {"national_insurance", UKNINO},
	{"nric", SGNRIC}, {"hetu", FIHETU}, {"henkilotunnus", FIHETU}, {"codice_fiscale", ITFiscalCode},
	{"codicefiscale", ITFiscalCode}, {"fiscal_code", ITFiscalCode}, {"nif", ESNIF}, {"dni", ESNIF}, {"nie_", ESNIF},
}

// ContextFor returns the Context of a column expected to hold values of type t.
func ContextFor(t Type) Context {
	ctx := Context{Expect: t}
	switch t {
	case EmailAddress:
		ctx.Column = ColumnEmail
	case PhoneNumber:
		ctx.Column = ColumnPhone
	case CreditCard:
		ctx.Column = ColumnCreditCard
	case DateTime:
		ctx.Column = ColumnDateOfBirth
	case Person:
		ctx.Column = ColumnPerson
	case Location:
		ctx.Column = ColumnAddress
	case USSSN, UKNINO, CASIN, ESNIF, ITFiscalCode, INAadhaar, PLPESEL, FIHETU, NLBSN, BRCPF, AUTFN, SGNRIC:
		ctx.Column = ColumnNationalID
	default:
		if t.IsSecret() {
			ctx.Column = ColumnSecret
		} else {
			ctx.Column = ColumnFreeText
		}
	}
	return ctx
}
