package classify

var _ = examples("ssn",
	tp("SSN «US_SSN|536-90-4399» on file"),
	tp("«US_SSN|078-05-1121» and «US_SSN|536 90 4399»"),
	tp("social security number: «US_SSN|536904399»"),
	withCtx(tp("«US_SSN|536904399»"), ColumnNationalID),
	tp("ITIN «US_SSN|912-70-1234»"),
	fp("SSN 666-12-3456, 000-12-3456, 900-12-3456, 536-00-4399, 536-90-0000"),
	fp("the Woolworth card 078-05-1120"),
	fp("random id 536904399"),
	fp("part 536-90-4399-A"),
	fp("Order #536-90-4399"),
)
