package classify

var _ = examples("google",
	tp("key=«GOOGLE_API_KEY|AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI»&q=x"),
	tp("«GOOGLE_API_KEY|AIzaSyA-1234567890abcdefghijklmnopqrstu»"),
	fp("AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsH is 38 long"),
	fp("AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHIX is 40 long"),
	fp("aizasyddi0hcztE6vysjmm-wefrq3cpzqkqqshi lower"),
	fp("the AIza prefix"),
)
