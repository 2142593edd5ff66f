package classify

var _ = examples("stripe",
	tp("STRIPE_SECRET_KEY=«STRIPE_KEY|sk_live_51HqT2bKZvKYlo2C0aIiXQ9Zb3n4Hk8R2a7Xy»"),
	tp("test key «STRIPE_KEY|sk_test_4eC39HqLyjWDarjtT1zdp7dc» in docs"),
	tp("«STRIPE_KEY|rk_live_51Hxyz0123456789ABCDEFabcdefGHIJ»"),
	tp("publishable: «STRIPE_KEY|pk_live_51HqT2bKZvKYlo2C0aIiXQ9Zb3»"),
	fp("sk_live_ keys must never be logged"),
	fp("sk_test_123"),
	fp("disk_live_51HqT2bKZvKYlo2C0aIiXQ9Zb3n4Hk8R2a7Xy"),
	fp("sk_live_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
)
