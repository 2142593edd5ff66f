package classify

// ColumnContext returns the scan Context that a column's name suggests: the column hint and
// the expected type, from ColumnNameHint ("email_address" -> ColumnEmail, Expect EmailAddress;
// "dob" -> ColumnDateOfBirth; "sin" -> ColumnNationalID, Expect CASIN). A name that suggests
// nothing gives the free-text context. Use it where no column verdict exists yet (sampling,
// the classify CLI, tests over labeled corpora).
func ColumnContext(name string) Context {
	h := ColumnNameHint(name)
	if h.Type == None {
		return Context{Column: ColumnFreeText}
	}
	return ContextFor(h.Type)
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
