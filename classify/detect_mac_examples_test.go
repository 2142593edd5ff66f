package classify

var _ = examples("mac",
	tp("hw «MAC_ADDRESS|00:1A:2B:3C:4D:5E» and «MAC_ADDRESS|a4-5e-60-e2-1b-9f»"),
	tp("cisco «MAC_ADDRESS|001a.2b3c.4d5e»."),
	tp("ether «MAC_ADDRESS|08:00:27:53:8b:dc»,"),
	fp("time 10:30:00 and 2024-01-15"),
	fp("00:1A:2B:3C:4D:5E:6F:70 (too long)"),
	fp("00:1A-2B:3C:4D:5E mixed"),
	fp("uuid 550e8400-e29b-41d4-a716-446655440000"),
	fp("ipv6 2001:db8::8a2e:370:7334"),
)
