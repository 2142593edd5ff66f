package classify

var _ = examples("github",
	tp("GITHUB_TOKEN=«GITHUB_TOKEN|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»"),
	tp("token «GITHUB_TOKEN|gho_16C7e42F292c6912E7710c838347Ae178B4a» for oauth"),
	tp("«GITHUB_TOKEN|ghs_xK9pLmN2qR5tV8wY1zA3bC6dE9fG2hJ4kM7n»"),
	tp("pat: «GITHUB_TOKEN|github_pat_11ABCDEFG0123456789abc_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ»"),
	fp("ghp_short"),
	fp("the ghp_ prefix identifies personal access tokens"),
	fp("GHP_WWPW5K4AXCAT4FNP0UCNZWJUVFK6LO0PINUX in upper case"),
	fp("my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"),
	fp("github_pat_ is followed by 82 characters"),
)
