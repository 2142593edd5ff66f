package classify

var _ = examples("ip",
	tp("from «IP_ADDRESS|192.168.1.20» and «IP_ADDRESS|10.0.0.0/8»."),
	tp("client=«IP_ADDRESS|203.0.113.7»:443"),
	tp("v6 «IP_ADDRESS|2001:db8::8a2e:370:7334» «IP_ADDRESS|::1» «IP_ADDRESS|fe80::1%eth0»"),
	tp("«IP_ADDRESS|2001:0db8:85a3:0000:0000:8a2e:0370:7334», «IP_ADDRESS|::ffff:192.0.2.128», «IP_ADDRESS|2001:db8::/32»"),
	tp("[«IP_ADDRESS|2001:db8::1»]:8080"),
	tp("Server=tcp:«IP_ADDRESS|10.0.3.17»,1433;"),
	fp("version 1.2.3.4 and v10.0.0.1 and chrome 120.0.6099.109"),
	fp("OID 1.3.6.1.4.1.311"),
	fp("256.1.1.1 and 01.02.03.04"),
	fp("mac 00:1a:2b:3c:4d:5e at 10:30:00"),
	fp("std::string and a::b and be::"),
	fp("at 40.712776, -74.005974"),
	fp("hash 1.2.3.4-beta"),
)
