package classify

var _ = examples("gitlab",
	tp("PRIVATE-TOKEN: «GITLAB_TOKEN|glpat-xT3kF9aQmZ2vB8nR1cW4»"),
	tp("runner «GITLAB_TOKEN|glrt-2CR8_eVxiioB1QmzPZwa» registered."),
	tp("«GITLAB_TOKEN|glpat-AbCdEf0123456789xyzW.01.0w1a2b3c4»"),
	fp("glpat-short"),
	fp("tokens start with glpat- and are 20 characters long"),
	fp("glpat-aaaaaaaaaaaaaaaaaaaaaaaa"),
)
