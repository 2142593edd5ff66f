package classify

var _ = examples("it_fiscal_code",
	tp("CF «IT_FISCAL_CODE|RSSMRA85T10A562S» e «IT_FISCAL_CODE|rssmra85t10a562s»"),
	fp("RSSMRA85T10A562T (bad check) and RSSMRA85X10A562S (bad month)"),
	fp("XRSSMRA85T10A562S glued"),
)
