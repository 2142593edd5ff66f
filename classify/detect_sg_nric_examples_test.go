package classify

var _ = examples("sg_nric",
	tp("NRIC «SG_NRIC_FIN|S1234567D» and «SG_NRIC_FIN|T0123456G»"),
	fp("S1234567A (bad check) and A1234567D and XS1234567D"),
	fp("s1234567d lowercase"),
)
