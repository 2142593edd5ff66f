package classify

var _ = examples("crypto",
	tp("send to «CRYPTO|1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa» thanks"),
	tp("p2sh «CRYPTO|3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy»"),
	tp("segwit «CRYPTO|bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq», «CRYPTO|BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4»"),
	tp("taproot «CRYPTO|bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297»"),
	tp("eth «CRYPTO|0x52908400098527886E0F7030069857D2E4169EE7»"),
	fp("bad checksum 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"),
	fp("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr and bc1QAR0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
	fp("tx 0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"),
	fp("sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709 and 11111111111111111111111111 and 3333333333333333333333333333"),
	fp("color 0xFFFFFF and 0x1F"),
)
