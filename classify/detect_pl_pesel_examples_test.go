package classify

var _ = examples("pl_pesel",
	tp("PESEL «PL_PESEL|44051401359»"),
	tp("nr «PL_PESEL|02271409867»"),
	fp("PESEL 44051401358 (bad check) and 44135401354 (month 13)"),
	fp("order 44051401359"),
)
