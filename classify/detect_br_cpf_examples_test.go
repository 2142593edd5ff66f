package classify

var _ = examples("br_cpf",
	tp("CPF «BR_CPF|529.982.247-25» e cpf: «BR_CPF|52998224725»"),
	fp("529.982.247-26 (bad check) and 111.111.111-11"),
	fp("number 52998224725"),
)
