package classify

// Parsing shared by the keyword-assignment detectors (password, generic):
// KEY <quote>? <space>* (= | : | := | =>) <space>* VALUE.

// secAssignKind is how a value was assigned.
type secAssignKind uint8

const (
	secAssignNone  secAssignKind = iota
	secAssignEqual               // key=value, key := value, key => value
	secAssignColon               // key: value (YAML, JSON, headers, prose)
)

// secKeyByte continues an identifier around a keyword: db_password, PGPASSWORD, api-key.
func secKeyByte(c byte) bool { return isAlnum(c) || c == '_' || c == '-' || c == '.' }

// secKeyEnd returns the end of the identifier holding a keyword match that
// ends at kwEnd (bounded to 40 more bytes).
func secKeyEnd(text []byte, kwEnd int) int {
	return secTokenEnd(text, kwEnd, 40, secKeyByte)
}

// secAssignment reads a separator and a value starting at i (just after the
// key). It returns the value's bounds, whether it was quoted and the
// separator kind; kind == secAssignNone if there is no assignment.
func secAssignment(text []byte, i int, stop func(byte) bool) (vs, ve int, quoted bool, kind secAssignKind) {
	n := len(text)
	if i < n && (text[i] == '"' || text[i] == '\'' || text[i] == '`') { // closing quote of the key
		i++
	}
	for i < n && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	switch {
	case i+1 < n && text[i] == ':' && text[i+1] == '=':
		kind, i = secAssignEqual, i+2
	case i+1 < n && text[i] == '=' && text[i+1] == '>':
		kind, i = secAssignEqual, i+2
	case i < n && text[i] == '=':
		kind, i = secAssignEqual, i+1
	case i < n && text[i] == ':':
		kind, i = secAssignColon, i+1
	default:
		return 0, 0, false, secAssignNone
	}
	for i < n && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	if i < n && (text[i] == '"' || text[i] == '\'' || text[i] == '`') {
		q := text[i]
		j := i + 1
		for j < n && j-i <= 512 && text[j] != q && text[j] != '\n' {
			if text[j] == '\\' && j+1 < n {
				j++
			}
			j++
		}
		if j >= n || text[j] != q {
			return 0, 0, false, secAssignNone
		}
		return i + 1, j, true, kind
	}
	j := i
	for j < n && j-i <= 512 && !stop(text[j]) {
		j++
	}
	return i, j, false, kind
}
