package classify

// TypeClass groups PostgreSQL data types by what PII their values can carry.
type TypeClass uint8

const (
	// ClassText: text, varchar, char, name, json, jsonb, xml, arrays of them,
	// and every type not listed (extension types such as citext): sampled.
	ClassText TypeClass = iota
	// ClassNever: bool, uuid, geometric types: never PII, whatever the name.
	ClassNever
	// ClassNumber: int2, int4, oid, float4, float8, money: PII only when the
	// name says so.
	ClassNumber
	// ClassNumberWide: int8 and numeric, wide enough for card numbers and
	// national IDs: decided by a strong name, else sampled.
	ClassNumberWide
	// ClassTemporal: date, time, timestamp(tz), interval: PII only as a date
	// of birth named so.
	ClassTemporal
	// ClassOpaque: bytea, bit strings: PII only when the name says so
	// (password hashes, keys).
	ClassOpaque
	// ClassIP: inet, cidr: always IP_ADDRESS.
	ClassIP
	// ClassMAC: macaddr, macaddr8: always MAC_ADDRESS.
	ClassMAC
)

// TypeOIDClass returns the class of a built-in PostgreSQL type OID (from
// pg_type.dat; stable across versions). Unknown OIDs are ClassText, so an
// unknown type is sampled rather than trusted.
func TypeOIDClass(oid uint32) TypeClass {
	switch oid {
	case 16, 1000, // bool, _bool
		2950, 2951, // uuid, _uuid
		600, 601, 602, 603, 604, 628, 718: // point, lseg, path, box, polygon, line, circle
		return ClassNever
	case 21, 23, 26, 700, 701, 790, // int2, int4, oid, float4, float8, money
		1005, 1007, 1021, 1022, 28, 29, 5069: // _int2, _int4, _float4, _float8, xid, cid, xid8
		return ClassNumber
	case 20, 1016, 1700, 1231: // int8, _int8, numeric, _numeric
		return ClassNumberWide
	case 1082, 1083, 1114, 1184, 1186, 1266, // date, time, timestamp, timestamptz, interval, timetz
		1182, 1183, 1115, 1185, 1187, 1270: // their arrays
		return ClassTemporal
	case 17, 1001, 1560, 1562: // bytea, _bytea, bit, varbit
		return ClassOpaque
	case 869, 650, 1041, 651: // inet, cidr, _inet, _cidr
		return ClassIP
	case 829, 774, 1040, 775: // macaddr, macaddr8, arrays
		return ClassMAC
	}
	return ClassText
}
