package classify

var _ = examples("anthropic",
	tp("ANTHROPIC_API_KEY=«ANTHROPIC_KEY|sk-ant-api03-Xy7_Kp2mQ9vLr4Tn8Wb1Zc6Hd3Jf5Sg0Ae2Ku7Io4Pl9Mx1Nq6Rt3Vw8Yz5Ab2Cd7Ef4Gh9Ij1Kl6Mn3Op8QrAA»"),
	tp("x-api-key: «ANTHROPIC_KEY|sk-ant-admin01-9fK2mQ7xLp4Rt8Vb3Nc6Zw1Hy5Jd0Sg2Ae7Ku4Io9Pl3Mx»"),
	fp("sk-ant-api03-short"),
	fp("keys look like sk-ant-..."),
	fp("sk-ant-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
)
