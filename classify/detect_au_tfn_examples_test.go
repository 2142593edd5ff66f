package classify

var _ = examples("au_tfn",
	tp("TFN «AU_TFN|123 456 782»"),
	tp("tax file number: «AU_TFN|876543210»"),
	fp("TFN 123 456 781"),
	fp("number 123456782"),
)
