package classify

var _ = examples("slack",
	tp("SLACK_BOT_TOKEN=«SLACK_TOKEN|xoxb-2637478129-4910357213829-R2V1Z3Nz4Ea1lYGpZkBF0aTy»"),
	tp("user token «SLACK_TOKEN|xoxp-1234567890-1234567890123-1234567890123-0123456789abcdef0123456789abcdef»."),
	tp("«SLACK_TOKEN|xapp-1-A0123BCD4EF-1234567890123-0123456789abcdef0123456789abcdef0123456789abcdef»"),
	tp("post to «SLACK_TOKEN|https://hooks.slack.com/services/T01ABCDEF12/B02GHIJKL34/Xy9zAbCdEfGhIjKlMnOpQrSt» now"),
	fp("xoxb- tokens are bot tokens"),
	fp("xoxb-not-a-token"),
	fp("see https://hooks.slack.com/ for docs"),
	fp("https://hooks.slack.com/services/"),
	fp("XOXB-2637478129-4910357213829-R2V1Z3Nz4Ea1lYGpZkBF0aTy"),
)
