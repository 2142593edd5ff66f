package classify

var _ = examples("url",
	tp("see «URL|https://example.com/a/b?x=1&y=2#frag»."),
	tp("(docs at «URL|https://en.wikipedia.org/wiki/Foo_(bar)»)"),
	tp("db «URL|postgres://admin:»«PASSWORD|s3cr3t!»«URL|@db.internal:5432/app»"),
	tp("mongo «URL|mongodb+srv://svc:»«PASSWORD|p%40ss»«URL|@cluster0.abc.mongodb.net/test»"),
	tp("jdbc «URL|jdbc:mysql://db.example.com:3306/shop», ftp «URL|ftp://files.example.org/pub»"),
	tp("visit «URL|www.example.co.uk/path», or «URL|http://[2001:db8::1]:8080/»"),
	tp("«URL|https://user@example.com/»"),
	tp("«URL|jdbc:postgresql://db.internal:5432/prod?user=sa&password=»«PASSWORD|s3cr3t!x»«URL|&ssl=true»"),
	tp("see «URL|example.com», «URL|docs.python.org/3/library/re.html» and «URL|shop.example.co.uk»."),
	tp("host «URL|api.internal.io:8443/v1» is down"),
	fp("the www. prefix and www.localhost"),
	fp("file.txt, e.g. node.js, report.pdf and i.e. the U.S. team"),
	fp("mail jane@example.com or jane.doe@mail.example.org"),
	fp("x.com2 and foo.comedy"),
	fp("ratio 3://4 and ://nothing"),
	fp("mailto without slashes: mailto:john"),
)

var _ = examples("url",
	detectorExample{text: "«URL|postgres://admin:s3cr3t@db.internal:5432/app»", ctx: Context{Types: SetOf(URL)}},
)
