package classify

var _ = examples("uk_nino",
	tp("NI number «UK_NINO|AB123456C», «UK_NINO|JG 10 37 59 A»."),
	fp("QQ123456C DA123456A GB123456A AB123456E"),
	fp("XAB123456C and AB123456CD and AB1234567C"),
	fp("flight BA123456"),
)
