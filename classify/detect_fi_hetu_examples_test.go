package classify

var _ = examples("fi_hetu",
	tp("hetu «FI_PERSONAL_IDENTITY_CODE|131052-308T» ja «FI_PERSONAL_IDENTITY_CODE|010594Y9032»"),
	fp("131052-308U (bad check) and 311152-308T (no 31 Nov... bad check too)"),
	fp("range 131052-3080 and 2024-01-15"),
)
