package classify

var _ = examples("dob",
	tp("born «DATE_TIME|1985-03-12» in Leeds"),
	tp("DOB: «DATE_TIME|12/03/1985»; date of birth «DATE_TIME|03.12.85»"),
	tp("she was born on «DATE_TIME|March 12, 1985»"),
	tp("Birthday «DATE_TIME|12th March 1985», d.o.b «DATE_TIME|12-Mar-1985»"),
	tp("geboren am «DATE_TIME|12. März 1985», né le «DATE_TIME|3 février 1990», nacido el «DATE_TIME|5 de mayo de 1979»"),
	withCtx(tp("«DATE_TIME|1990-07-01»"), ColumnDateOfBirth),
	withCtx(tp("«DATE_TIME|07/01/1990»"), ColumnDateOfBirth),
	withCtx(tp("«DATE_TIME|19850312»"), ColumnDateOfBirth),
	withCtx(fp("19851312"), ColumnDateOfBirth),
	fp("order placed 2024-01-15, shipped 16.01.2024"),
	fp("log 2024-01-15T10:30:00Z error"),
	fp("born 1985-13-45 is not a date"),
	fp("version 1.2.2024 released"),
)
