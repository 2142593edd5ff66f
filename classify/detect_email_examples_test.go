package classify

var _ = examples("email",
	tp("write to «EMAIL_ADDRESS|john.doe@example.com» today"),
	tp("«EMAIL_ADDRESS|Jane_O'Neil+news@mail.Example.co.uk»."),
	tp("<«EMAIL_ADDRESS|ops-team@sub.domain.io»>, cc «EMAIL_ADDRESS|a@b.de»"),
	tp("kontakt: «EMAIL_ADDRESS|jürgen.müller@beispiel.de»"),
	tp("IDN «EMAIL_ADDRESS|user@bücher.example» and «EMAIL_ADDRESS|x@xn--bcher-kva.example»"),
	tp("中文 «EMAIL_ADDRESS|用户@例子.广告»"),
	tp("email=«EMAIL_ADDRESS|first.last@company.com»;"),
	fp("ping @alice on slack"),
	fp("user@localhost is not routable"),
	fp("see icon@2x.png and logo@3x.jpg"),
	fp("npm i lodash@4.17.21 and react@18.2.0"),
	fp("a..b@example.com.."),
	fp("meet me @ 5pm"),
	fp("postgres://admin:s3cret@db.example.com:5432/app"),
)
