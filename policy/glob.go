package policy

import "strings"

// columnPattern is a compiled `match.column`: one to four dot-separated glob
// segments aligned to the right of database.schema.table.column, so "email",
// "users.email", "public.users.email" and "shop.public.users.email" are all
// valid; `*` matches any run of characters within a segment (never a dot, so
// it cannot swallow a segment boundary) and `?` one character. Matching is
// ASCII case-insensitive. An absent part of the reference (a computed column
// has no table) is the empty string, which only `*` matches.
type columnPattern struct {
	set  bool
	n    int        // segments in use, 1..4, aligned right
	segs [4]segment // segs[4-n:] are used
}

type segment struct {
	pat  string // lower-cased
	wild bool   // contains * or ?
	any  bool   // exactly "*"
}

func compileColumnPattern(s string) (columnPattern, string) {
	if s == "" {
		return columnPattern{}, "empty column pattern"
	}
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return columnPattern{}, "column pattern has " + itoa(len(parts)) + " parts (want at most 4: database.schema.table.column)"
	}
	p := columnPattern{set: true, n: len(parts)}
	for i, part := range parts {
		if part == "" {
			return columnPattern{}, "column pattern has an empty part"
		}
		lp := strings.ToLower(part)
		p.segs[4-len(parts)+i] = segment{pat: lp, wild: strings.ContainsAny(lp, "*?"), any: lp == "*"}
	}
	return p, ""
}

func (p *columnPattern) match(c *ColumnRef) bool {
	for i := 4 - p.n; i < 4; i++ {
		s := &p.segs[i]
		if s.any {
			continue
		}
		var v string
		switch i {
		case 0:
			v = c.Database
		case 1:
			v = c.Schema
		case 2:
			v = c.Table
		default:
			v = c.Column
		}
		if s.wild {
			if !globFold(s.pat, v) {
				return false
			}
		} else if !equalFold(s.pat, v) {
			return false
		}
	}
	return true
}

// globFold matches name against pat (lower-case; * and ?), folding ASCII case
// in name. Linear-time backtracking on the last star; no allocation.
func globFold(pat, name string) bool {
	px, nx := 0, 0
	starP, starN := -1, 0
	for nx < len(name) {
		if px < len(pat) {
			switch c := pat[px]; c {
			case '*':
				starP, starN = px, nx
				px++
				continue
			case '?':
				px++
				nx++
				continue
			default:
				if c == lower(name[nx]) {
					px++
					nx++
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		starN++
		px, nx = starP+1, starN
	}
	for px < len(pat) && pat[px] == '*' {
		px++
	}
	return px == len(pat)
}

// equalFold compares lower-case pat with name, folding ASCII case in name.
func equalFold(pat, name string) bool {
	if len(pat) != len(name) {
		return false
	}
	for i := 0; i < len(pat); i++ {
		if pat[i] != lower(name[i]) {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if c-'A' < 26 {
		return c + 32
	}
	return c
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
