package classify

var _ = examples("nl_bsn",
	tp("BSN: «NL_BSN|111222333»"),
	tp("burgerservicenummer «NL_BSN|1112.22.333»"),
	tp("sofinummer «NL_BSN|012345672»"),
	fp("BSN: 111222334"),
	fp("ref 111222333 and 123456782"),
)
