package classify

var _ = examples("in_aadhaar",
	tp("Aadhaar «IN_AADHAAR|4991 1866 5246»"),
	tp("«IN_AADHAAR|4991-1866-5246» and UID «IN_AADHAAR|499118665246»"),
	fp("4991 1866 5247 fails Verhoeff; 1991 1866 5246 starts with 1"),
	fp("number 499118665246 without context"),
)
