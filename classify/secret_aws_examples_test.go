package classify

var _ = examples("aws",
	tp("aws_access_key_id = «AWS_ACCESS_KEY|AKIAIOSFODNN7EXAMPLE»"),
	tp("temporary creds «AWS_ACCESS_KEY|ASIAY34FZKBOKMUTVV7A», expires soon"),
	tp("aws_secret_access_key=«AWS_SECRET_KEY|wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY»"),
	tp(`{"AWS_SECRET_ACCESS_KEY": "«AWS_SECRET_KEY|9drTJvcXLB89EXAMPLELB8923FB892xMFI+Q7ZeH»"}`),
	tp("SecretAccessKey=«AWS_SECRET_KEY|idfog9jObRVJjn6Lgdcmuo1D5Gnal6TRUP7BDOmy»"),
	tp(`{"SecretAccessKey": "«AWS_SECRET_KEY|isUDSZKBAksm+Azr1vmbPxW8AV9GCagzw2M0ZUge»"}`),
	tp("secretAccessKey: «AWS_SECRET_KEY|GJJc4bO//2EvSv1F/kxz1278B3KvCuxlORgszBOg»"),
	fp("SecretAccessKey: da39a3ee5e6b4b0d3255bfef95601890afd80709"),
	tp("```\nAWS_ACCESS_KEY_ID=«AWS_ACCESS_KEY|AKIAXG4S35WD77NF2OUH»\nAWS_SECRET_ACCESS_KEY=«AWS_SECRET_KEY|7yX1+hx1RLZEl7iwHImJsTKQ0hPBWwf22G5KiLpq»\n```"),
	fp("AKIAIOSFODNN7EXAMPL is one short"),
	fp("XAKIAIOSFODNN7EXAMPLE glued to a word"),
	fp("akiaiosfodnn7example in lower case"),
	fp("the laws of physics 0123456789012345678901234567890123456789"),
	fp("aws region us-east-1 bucket arn:aws:s3:::my-bucket-name-that-is-quite-long-ok"),
	fp("aws commit da39a3ee5e6b4b0d3255bfef95601890afd80709"),
	// Bare values in a column named for AWS secret keys.
	inColumn(tp("«AWS_SECRET_KEY|wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY»"), "aws_secret_access_key"),
	inColumn(tp(" «AWS_SECRET_KEY|nyQTytxjksE/g3HzdU6Q4EUnPtxPk44j6isUDSZK» "), "secret_access_key"),
	inColumn(tp("«AWS_SECRET_KEY|KB9leuZTPhHbWVrjExnOzgLY0d9u4eJ7s8M50WhZ»"), "AwsSecretKey"),
	inColumn(fp("da39a3ee5e6b4b0d3255bfef95601890afd80709"), "aws_secret_access_key"),  // hex digest
	inColumn(fp("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1"), "aws_secret_access_key"), // 41 bytes
	inColumn(fp("rotated on 2024-01-01, see vault"), "aws_secret_access_key"),
	inColumn(fp("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), "notes"), // bare, no column
	inColumn(fp("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), "api_token"),
)

// inColumn scans an example under the context of a column so named.
func inColumn(e detectorExample, column string) detectorExample {
	e.ctx = ColumnContext(column)
	return e
}
