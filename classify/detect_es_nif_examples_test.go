package classify

var _ = examples("es_nif",
	tp("DNI «ES_NIF|12345678Z», NIE «ES_NIF|X1234567L», «ES_NIF|12345678-z», «ES_NIF|X-1234567-L»"),
	fp("DNI 12345678A and X1234567A"),
	fp("version 12345678Zeta and A12345678Z"),
)
