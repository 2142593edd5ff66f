package classify

var _ = examples("ca_sin",
	tp("SIN «CA_SIN|046 454 286» on file"),
	tp("«CA_SIN|130-692-544»"),
	tp("social insurance number «CA_SIN|046454286»"),
	fp("SIN 046 454 287 (bad check digit)"),
	fp("id 046454286"),
	fp("846 454 286 starts with 8"),
)
