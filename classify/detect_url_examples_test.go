package classify

var _ = examples("url",
	tp("see «URL|https://example.com/a/b?x=1&y=2#frag»."),
	tp("(docs at «URL|https://en.wikipedia.org/wiki/Foo_(bar)»)"),
	tp("db «URL|postgres://admin:»«PASSWORD|s3cr3t!»«URL|@db.internal:5432/app»"),
	tp("mongo «URL|mongodb+srv://svc:»«PASSWORD|p%40ss»«URL|@cluster0.abc.mongodb.net/test»"),
	tp("jdbc «URL|jdbc:mysql://db.example.com:3306/shop», ftp «URL|ftp://files.example.org/pub»"),
	tp("visit «URL|www.example.co.uk/path», or «URL|http://[2001:db8::1]:8080/»"),
	tp("«URL|https://user@example.com/»"),
	fp("the www. prefix and www.localhost"),
	fp("ratio 3://4 and ://nothing"),
	fp("mailto without slashes: mailto:john"),
)

var _ = examples("url",
	detectorExample{text: "«URL|postgres://admin:s3cr3t@db.internal:5432/app»", ctx: Context{Types: SetOf(URL)}},
)
