package conformance

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/maskwire/maskwire/codec"
	"github.com/maskwire/maskwire/engine"
)

// recorder is a Masker factory that masks nothing but writes down, per
// session (keyed by application_name), every result set the engine planned
// and every row it relayed through a plan, and checks each row against its
// plan: the field count, and that each value's bytes fit the column's type in
// the format the plan says (a 4-byte int4 in binary, digits in text).
type recorder struct {
	mu       sync.Mutex
	sessions map[string][]*sessionLog
}

type sessionLog struct {
	mu         sync.Mutex
	info       engine.SessionInfo
	results    []*resultLog
	violations []string
}

type resultLog struct {
	SQL     string
	Columns []engine.Column
	Rows    int
}

func newRecorder() *recorder { return &recorder{sessions: make(map[string][]*sessionLog)} }

func (r *recorder) NewMasker(info engine.SessionInfo) engine.Masker {
	l := &sessionLog{info: info}
	r.mu.Lock()
	r.sessions[info.ApplicationName] = append(r.sessions[info.ApplicationName], l)
	r.mu.Unlock()
	return recordingMasker{l}
}

// session returns a snapshot of the results recorded for app's sessions
// (all sessions with that name, in order) and the violations seen.
func (r *recorder) session(app string) (results []resultLog, violations []string, n int) {
	r.mu.Lock()
	logs := append([]*sessionLog(nil), r.sessions[app]...)
	r.mu.Unlock()
	for _, l := range logs {
		l.mu.Lock()
		for _, res := range l.results {
			results = append(results, resultLog{SQL: res.SQL, Columns: res.Columns, Rows: res.Rows})
		}
		violations = append(violations, l.violations...)
		l.mu.Unlock()
	}
	return results, violations, len(logs)
}

// rowsPlanned is the number of DataRows relayed through a plan for app.
func (r *recorder) rowsPlanned(app string) int {
	res, _, _ := r.session(app)
	n := 0
	for _, x := range res {
		n += x.Rows
	}
	return n
}

type recordingMasker struct{ l *sessionLog }

func (m recordingMasker) PlanResult(res *engine.Result) engine.RowFilter {
	rl := &resultLog{SQL: strings.Clone(res.SQL), Columns: append([]engine.Column(nil), res.Columns...)}
	m.l.mu.Lock()
	m.l.results = append(m.l.results, rl)
	m.l.mu.Unlock()
	return &rowChecker{l: m.l, res: rl}
}

type rowChecker struct {
	l   *sessionLog
	res *resultLog
	rd  codec.DataRowReader
}

// PostgreSQL type OIDs the checker knows the encodings of.
const (
	oidBool        = 16
	oidBytea       = 17
	oidInt8        = 20
	oidInt2        = 21
	oidInt4        = 23
	oidText        = 25
	oidOID         = 26
	oidFloat4      = 700
	oidFloat8      = 701
	oidVarchar     = 1043
	oidTimestamp   = 1114
	oidTimestamptz = 1184
	oidNumeric     = 1700
	oidUUID        = 2950
)

func (c *rowChecker) AppendRow(dst, raw, body []byte) ([]byte, error) {
	c.l.mu.Lock()
	defer c.l.mu.Unlock()
	c.res.Rows++
	c.rd.Reset(body)
	if c.rd.NumFields() != len(c.res.Columns) {
		c.violate("row %d has %d fields, plan has %d columns", c.res.Rows, c.rd.NumFields(), len(c.res.Columns))
		return append(dst, raw...), nil
	}
	for i := 0; c.rd.Next(); i++ {
		if c.rd.IsNull() {
			continue
		}
		if msg := checkEncoding(c.res.Columns[i], c.rd.Value()); msg != "" {
			c.violate("row %d column %d (%s): %s", c.res.Rows, i, c.res.Columns[i].Name, msg)
		}
	}
	if err := c.rd.Err(); err != nil {
		c.violate("row %d: %v", c.res.Rows, err)
	}
	return append(dst, raw...), nil
}

func (c *rowChecker) violate(format string, args ...any) {
	if len(c.l.violations) < 20 {
		c.l.violations = append(c.l.violations, fmt.Sprintf("%q: ", c.res.SQL)+fmt.Sprintf(format, args...))
	}
}

// checkEncoding says what is wrong with v as a value of col in col.Format,
// or "" when it fits.
func checkEncoding(col engine.Column, v []byte) string {
	fixed := map[uint32]int{oidBool: 1, oidInt2: 2, oidInt4: 4, oidOID: 4, oidInt8: 8, oidFloat4: 4,
		oidFloat8: 8, oidTimestamp: 8, oidTimestamptz: 8, oidUUID: 16}
	switch col.Format {
	case 1:
		if n, ok := fixed[col.TypeOID]; ok && len(v) != n {
			return fmt.Sprintf("binary type %d must be %d bytes, got %d (%q)", col.TypeOID, n, len(v), v)
		}
		if col.TypeOID == oidNumeric && len(v) < 8 {
			return fmt.Sprintf("binary numeric shorter than its 8-byte header: %q", v)
		}
	case 0:
		switch col.TypeOID {
		case oidInt2, oidInt4, oidInt8, oidOID, oidNumeric, oidFloat4, oidFloat8:
			if !isPrintableASCII(v) {
				return fmt.Sprintf("text number is not printable ASCII: %q", v)
			}
		case oidBool:
			if !bytes.Equal(v, []byte("t")) && !bytes.Equal(v, []byte("f")) {
				return fmt.Sprintf("text bool is %q", v)
			}
		case oidUUID:
			if len(v) != 36 {
				return fmt.Sprintf("text uuid is %q", v)
			}
		case oidBytea:
			if !strings.HasPrefix(string(v), `\x`) {
				return fmt.Sprintf("text bytea is %q", v)
			}
		}
	default:
		return fmt.Sprintf("format code %d", col.Format)
	}
	return ""
}

func isPrintableASCII(v []byte) bool {
	for _, b := range v {
		if b < 0x20 || b > 0x7e {
			return false
		}
	}
	return len(v) > 0
}
