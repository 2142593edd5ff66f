package classify

var _ = examples("generic_secret",
	tp("client_secret=«GENERIC_SECRET|9f8Kq2LmZx7Rt4Vb1Nc6»"),
	tp(`{"api_key": "«GENERIC_SECRET|a3f9c2e17b5d4068e9f1a2b3c4d5e6f7»"}`),
	tp("Authorization: Bearer «GENERIC_SECRET|Zm9vYmFyOmJhejEyMzQ1Njc4OTA»"),
	tp("SECRET_KEY = '«GENERIC_SECRET|dj4ngo7hXk29vQw3e8r0tY5u»'"),
	tp("x-auth-token: «GENERIC_SECRET|4c1a7e9b2d6f0385a1c2e3f4b5d6a7c8»"),
	fp("token=my_secret_token_name"),
	fp("secret: TheQuickBrownFoxJumps"),
	fp("api_key=EXAMPLE_API_KEY_HERE"),
	fp("the token was revoked yesterday after the incident"),
	fp("token_type=bearer"),
	fp("secret=short1A"),
	fp("access_key: ${AWS_ACCESS_KEY}"),
	fp("Bearer realm=example"),
)
