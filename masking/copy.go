package masking

import (
	"bytes"
	"encoding/binary"
	"strings"

	"github.com/maskwire/maskwire/codec"
	"github.com/maskwire/maskwire/engine"
)

// copyOut is the COPY TO STDOUT in progress. COPY carries no column
// descriptions, so BeginCopy describes the statement's query on the catalog
// connection; each row is then parsed into a DataRow body (a binary COPY
// tuple already is one), masked by the same column plan as a result set's
// rows, and written back in the COPY's own format. When the columns cannot
// be known (no catalog, an option this parser does not handle), every line
// is scanned as free text instead.
type copyOut struct {
	active  bool
	binary  bool
	csv     bool
	header  bool // the first CopyData is the CSV header line
	delim   byte
	started bool // the binary file header was seen
	filter  rowFilter
	body    []byte // the row as a DataRow body
	row     []byte // the masked DataRow
	field   []byte // an unescaped text field
}

// BeginCopy implements engine.MessageFilter.
func (m *sessionMasker) BeginCopy(sql string, cf *engine.CopyFormat) {
	c := &m.copy
	c.active = false
	if m.mode == ModeOff || m.o.Catalog == nil {
		return
	}
	spec, ok := parseCopy(sql)
	if !ok || (spec.binary != cf.Binary) {
		return
	}
	var cols []engine.Column
	if f := m.fetched; f != nil && f.sql == sql {
		cols, ok = f.cols, f.ok // described ahead (FetchCopy)
		m.fetched = nil
	} else {
		cols, ok = m.o.Catalog.Describe(m.db, spec.query)
	}
	if !ok || len(cols) != len(cf.ColumnFormats) {
		return
	}
	for i := range cols {
		cols[i].Format = cf.ColumnFormats[i]
	}
	c.binary, c.csv, c.header, c.delim, c.started = spec.binary, spec.csv, spec.header, spec.delim, false
	c.filter.plan(m, &engine.Result{SQL: sql, Columns: cols})
	c.active = true
}

// appendCopyRow masks one CopyData message of a described COPY.
func (m *sessionMasker) appendCopyRow(dst []byte, f codec.Frame) ([]byte, error) {
	c := &m.copy
	if !c.filter.work {
		return append(dst, f.Raw...), nil
	}
	if !c.header && (!c.binary || c.started) && c.filter.PassRows() > 0 {
		// Clean columns between two spot-checked rows: the row goes out as
		// it came, exactly as on the DataRow path.
		c.filter.Passed(1)
		return append(dst, f.Raw...), nil
	}
	if m.mode != ModeEnforce {
		// Observe: the rows are classified and reported, and go out as they came.
		if _, err := m.appendCopyRow2(dst, f); err != nil {
			return dst, err
		}
		return append(dst, f.Raw...), nil
	}
	return m.appendCopyRow2(dst, f)
}

func (m *sessionMasker) appendCopyRow2(dst []byte, f codec.Frame) ([]byte, error) {
	c := &m.copy
	if c.header {
		c.header = false
		return append(dst, f.Raw...), nil
	}
	b := f.Body
	out, start := codec.BeginMessage(dst, codec.CopyData)
	if c.binary {
		if !c.started {
			c.started = true
			if bytes.HasPrefix(b, copyBinarySignature) {
				if len(b) < 19 {
					return dst, errMalformed
				}
				ext := int(binary.BigEndian.Uint32(b[15:]))
				if ext < 0 || 19+ext > len(b) {
					return dst, errMalformed
				}
				out = append(out, b[:19+ext]...)
				b = b[19+ext:]
			}
		}
		if len(b) == 0 || (len(b) == 2 && b[0] == 0xff && b[1] == 0xff) { // header alone, or trailer
			return codec.FinishMessage(append(out, b...), start), nil
		}
		row, err := c.filter.AppendRow(c.row[:0], nil, b)
		if err != nil {
			return dst, err
		}
		c.row = row
		out = append(out, row[5:]...) // a DataRow body is a binary COPY tuple
		return codec.FinishMessage(out, start), nil
	}
	var ok bool
	if c.csv {
		c.body, ok = c.parseCSV(c.body[:0], b)
	} else {
		c.body, ok = c.parseText(c.body[:0], b)
	}
	if !ok {
		return dst, errMalformed
	}
	row, err := c.filter.AppendRow(c.row[:0], nil, c.body)
	if err != nil {
		return dst, err
	}
	c.row = row
	var r codec.DataRowReader
	r.Reset(row[5:])
	for i := 0; r.Next(); i++ {
		if i > 0 {
			out = append(out, c.delim)
		}
		switch {
		case r.IsNull() && c.csv:
		case r.IsNull():
			out = append(out, `\N`...)
		case c.csv:
			out = appendCSVField(out, r.Value(), c.delim)
		default:
			out = appendTextField(out, r.Value(), c.delim)
		}
	}
	out = append(out, '\n')
	return codec.FinishMessage(out, start), nil
}

// parseText splits a text-format COPY line into a DataRow body.
func (c *copyOut) parseText(body, line []byte) ([]byte, bool) {
	line = bytes.TrimSuffix(line, []byte{'\n'})
	line = bytes.TrimSuffix(line, []byte{'\r'})
	n := bytes.Count(line, []byte{c.delim}) + 1
	body = binary.BigEndian.AppendUint16(body, uint16(n))
	for {
		i := bytes.IndexByte(line, c.delim)
		field := line
		if i >= 0 {
			field = line[:i]
		}
		if string(field) == `\N` {
			body = codec.AppendNull(body)
		} else {
			c.field = unescapeText(c.field[:0], field)
			body = codec.AppendField(body, c.field)
		}
		if i < 0 {
			break
		}
		line = line[i+1:]
	}
	return body, true
}

// unescapeText undoes COPY text escapes (\\ \t \n \r \b \f \v, octal, \x hex).
func unescapeText(dst, f []byte) []byte {
	if bytes.IndexByte(f, '\\') < 0 {
		return append(dst, f...)
	}
	for i := 0; i < len(f); i++ {
		ch := f[i]
		if ch != '\\' || i+1 == len(f) {
			dst = append(dst, ch)
			continue
		}
		i++
		switch e := f[i]; e {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'v':
			dst = append(dst, '\v')
		case 'x':
			v, n := 0, 0
			for n < 2 && i+1 < len(f) && isHex(f[i+1]) {
				i++
				v = v*16 + hexVal(f[i])
				n++
			}
			if n == 0 {
				dst = append(dst, 'x')
			} else {
				dst = append(dst, byte(v))
			}
		default:
			if e >= '0' && e <= '7' {
				v := int(e - '0')
				for n := 1; n < 3 && i+1 < len(f) && f[i+1] >= '0' && f[i+1] <= '7'; n++ {
					i++
					v = v*8 + int(f[i]-'0')
				}
				dst = append(dst, byte(v))
			} else {
				dst = append(dst, e)
			}
		}
	}
	return dst
}

func isHex(c byte) bool { return c-'0' < 10 || (c|0x20)-'a' < 6 }
func hexVal(c byte) int {
	if c-'0' < 10 {
		return int(c - '0')
	}
	return int((c|0x20)-'a') + 10
}

func appendTextField(dst, v []byte, delim byte) []byte {
	for _, ch := range v {
		switch ch {
		case '\\':
			dst = append(dst, '\\', '\\')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			if ch == delim {
				dst = append(dst, '\\', ch)
			} else {
				dst = append(dst, ch)
			}
		}
	}
	return dst
}

// parseCSV splits a CSV COPY line (quote '"', escape '"', NULL as an
// unquoted empty field) into a DataRow body.
func (c *copyOut) parseCSV(body, line []byte) ([]byte, bool) {
	line = bytes.TrimSuffix(line, []byte{'\n'})
	line = bytes.TrimSuffix(line, []byte{'\r'})
	countAt := len(body)
	body = append(body, 0, 0)
	n := 0
	for i := 0; ; {
		n++
		if i < len(line) && line[i] == '"' {
			c.field = c.field[:0]
			i++
			for {
				if i >= len(line) {
					return body, false // a quoted field spanning lines: not one row per message
				}
				if line[i] == '"' {
					if i+1 < len(line) && line[i+1] == '"' {
						c.field = append(c.field, '"')
						i += 2
						continue
					}
					i++
					break
				}
				c.field = append(c.field, line[i])
				i++
			}
			body = codec.AppendField(body, c.field)
		} else {
			j := bytes.IndexByte(line[i:], c.delim)
			end := len(line)
			if j >= 0 {
				end = i + j
			}
			if end == i {
				body = codec.AppendNull(body)
			} else {
				body = codec.AppendField(body, line[i:end])
			}
			i = end
		}
		if i >= len(line) {
			break
		}
		if line[i] != c.delim {
			return body, false
		}
		i++
		if i == len(line) { // a trailing delimiter: one more (NULL) field
			n++
			body = codec.AppendNull(body)
			break
		}
	}
	binary.BigEndian.PutUint16(body[countAt:], uint16(n))
	return body, true
}

func appendCSVField(dst, v []byte, delim byte) []byte {
	if len(v) > 0 && bytes.IndexByte(v, delim) < 0 && bytes.IndexAny(v, "\"\r\n") < 0 && v[0] != ' ' && v[len(v)-1] != ' ' && !bytes.Equal(v, []byte(`\.`)) {
		return append(dst, v...)
	}
	dst = append(dst, '"')
	for _, ch := range v {
		if ch == '"' {
			dst = append(dst, '"')
		}
		dst = append(dst, ch)
	}
	return append(dst, '"')
}

// copySpec is what maskwire reads of a COPY ... TO STDOUT statement.
type copySpec struct {
	query  string // a SELECT whose result columns are the COPY's
	binary bool
	csv    bool
	header bool
	delim  byte
}

// parseCopy reads COPY table [(cols)] TO STDOUT [options] and
// COPY (query) TO STDOUT [options]. Options it does not handle (a custom
// NULL, QUOTE or ESCAPE) report false: the caller falls back to scanning.
func parseCopy(sql string) (copySpec, bool) {
	s := copySpec{delim: '\t'}
	rest := skipSpace(sql)
	if len(rest) < 5 || !strings.EqualFold(rest[:4], "copy") || !isSpace(rest[4]) {
		return s, false
	}
	rest = skipSpace(rest[4:])
	if rest == "" {
		return s, false
	}
	if rest[0] == '(' {
		end, ok := matchParen(rest)
		if !ok {
			return s, false
		}
		s.query = rest[1:end]
		rest = rest[end+1:]
	} else {
		i := 0
		for i < len(rest) && !isSpace(rest[i]) && rest[i] != '(' {
			if rest[i] == '"' {
				j := strings.IndexByte(rest[i+1:], '"')
				if j < 0 {
					return s, false
				}
				i += j + 2
				continue
			}
			i++
		}
		table := rest[:i]
		rest = skipSpace(rest[i:])
		cols := "*"
		if rest != "" && rest[0] == '(' {
			end, ok := matchParen(rest)
			if !ok {
				return s, false
			}
			cols = rest[1:end]
			rest = rest[end+1:]
		}
		s.query = "select " + cols + " from " + table
	}
	opts := lowerASCII(rest)
	if !containsWord(opts, "to") || !containsWord(opts, "stdout") {
		return s, false
	}
	s.binary = containsWord(opts, "binary")
	s.csv = containsWord(opts, "csv")
	s.header = containsWord(opts, "header") && s.csv && !containsWord(opts, "false")
	if s.csv {
		s.delim = ','
	}
	if i := indexWord(opts, "delimiter"); i >= 0 {
		q := strings.IndexByte(opts[i:], '\'')
		if q < 0 || i+q+2 >= len(opts) || opts[i+q+2] != '\'' {
			return s, false
		}
		s.delim = rest[i+q+1]
	}
	for _, w := range []string{"null", "quote", "escape", "force_quote", "encoding"} {
		if containsWord(opts, w) {
			return s, false
		}
	}
	return s, true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(s string) string {
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	return s
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c-'A' < 26 {
			b[i] = c + 32
		}
	}
	return string(b)
}

func isWordByte(c byte) bool { return c == '_' || c-'a' < 26 || c-'0' < 10 }

// indexWord finds w as a whole word in s (lower case, outside quotes).
func indexWord(s, w string) int {
	inQuote := false
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i] == '\'' {
			inQuote = !inQuote
			continue
		}
		if inQuote || s[i:i+len(w)] != w {
			continue
		}
		if (i == 0 || !isWordByte(s[i-1])) && (i+len(w) == len(s) || !isWordByte(s[i+len(w)])) {
			return i
		}
	}
	return -1
}

func containsWord(s, w string) bool { return indexWord(s, w) >= 0 }

// matchParen returns the index of the parenthesis closing s[0], skipping
// quoted strings and identifiers.
func matchParen(s string) (int, bool) {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'', '"':
			q := s[i]
			i++
			for i < len(s) && s[i] != q {
				i++
			}
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i, true
			}
		}
	}
	return 0, false
}
