package engine

import (
	"encoding/binary"
	"errors"
	"unsafe"

	"github.com/maskwire/maskwire/codec"
)

// tracker follows the extended query protocol so that every DataRow can be
// tied to its columns: prepared statements (Parse, Describe S), portals
// (Bind with its result formats, Describe P) and the queue of requests the
// server has yet to answer, in order.
type tracker struct {
	stmts   map[string]*stmt
	portals map[string]*portal
	q       []pending
	qhead   int
	// skipping: the server reported an error in an extended-protocol message
	// and discards everything the client sends until Sync.
	skipping bool
	// syncs counts the Sync, Query and FunctionCall requests pushed: the
	// generation a portal is bound in, so that a ReadyForQuery ending a
	// transaction drops only the portals bound before its request, not those
	// a pipelining client already bound for the next round.
	syncs uint64
	// sqlBuf holds the text of the queued Queries; pending.sql views it. It
	// is reused once the queue is empty, so a Query costs no allocation:
	// whoever keeps a Result.SQL past the call copies it (api.go says so).
	sqlBuf []byte
}

// queryText returns b as a string that stays valid while its request is
// queued (see sqlBuf).
func (t *tracker) queryText(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if cap(t.sqlBuf)-len(t.sqlBuf) < len(b) {
		// A new array: the strings already handed out keep the old one.
		t.sqlBuf = make([]byte, 0, max(2*cap(t.sqlBuf), len(b), 4096))
	}
	start := len(t.sqlBuf)
	t.sqlBuf = append(t.sqlBuf, b...)
	return unsafe.String(&t.sqlBuf[start], len(b))
}

// maxTracked bounds the statements and portals a client may keep; past it the
// oldest knowledge is dropped (the engine then describes portals itself).
const maxTracked = 1 << 16

type stmt struct {
	sql       string
	cols      []Column // formats as a statement Describe reports them (all 0)
	described bool     // cols (or noData) are known
	noData    bool
	// describing: the client sent a Describe whose answer is still to come.
	describing bool
}

// portal is one Bind. A pipelining client rebinds the unnamed portal before
// the answers to the previous one arrive, so every request in the queue
// holds the portal (and statement) object it was sent for, never a name.
type portal struct {
	stmt       *stmt
	formats    []int16 // Bind result-column format codes
	cols       []Column
	described  bool
	noData     bool
	describing bool
	gen        uint64 // tracker.syncs when bound
}

// pending is one client request the server has yet to answer.
type pending struct {
	kind     byte // codec.Parse, Bind, Describe, Execute, Close, Sync, Query, FunctionCall
	target   byte // 'S' or 'P' for Describe and Close
	name     string
	sql      string  // Query text
	injected bool    // sent by the engine itself; its answer is not relayed
	st       *stmt   // Describe S
	po       *portal // Describe P, Execute
	gen      uint64  // Sync, Query, FunctionCall: tracker.syncs before it
}

func (t *tracker) init() {
	t.stmts = make(map[string]*stmt)
	t.portals = make(map[string]*portal)
}

func (t *tracker) pendingLen() int { return len(t.q) - t.qhead }

func (t *tracker) push(p pending) {
	if t.qhead > 0 && t.qhead == len(t.q) {
		t.q, t.qhead = t.q[:0], 0
	}
	t.q = append(t.q, p)
}

func (t *tracker) head() (pending, bool) {
	if t.qhead == len(t.q) {
		return pending{}, false
	}
	return t.q[t.qhead], true
}

func (t *tracker) pop() {
	if t.qhead < len(t.q) {
		t.q[t.qhead] = pending{}
		t.qhead++
	}
	if t.qhead == len(t.q) {
		t.q, t.qhead = t.q[:0], 0
		if cap(t.sqlBuf) > 1<<20 {
			t.sqlBuf = nil // a huge query's buffer is given back
		} else {
			t.sqlBuf = t.sqlBuf[:0]
		}
	} else if t.qhead > 1024 && t.qhead*2 > len(t.q) {
		n := copy(t.q, t.q[t.qhead:])
		t.q, t.qhead = t.q[:n], 0
	}
}

// popKind pops the head if it is a request of kind k.
func (t *tracker) popKind(k byte) {
	if h, ok := t.head(); ok && h.kind == k {
		t.pop()
	}
}

var errTruncated = errors.New("truncated message")

// client records a client message (other than Execute) before it is relayed.
func (t *tracker) client(f codec.Frame) error {
	if t.skipping {
		if f.Type == codec.Sync {
			t.skipping = false
			t.pushSync(codec.Sync, "")
		}
		return nil
	}
	switch f.Type {
	case codec.Query:
		sql, ok := cstringBytes(f.Body)
		if !ok {
			return errTruncated
		}
		t.pushSync(codec.Query, t.queryText(sql))
	case codec.Parse:
		name, ok := cstringBytes(f.Body)
		if !ok {
			return errTruncated
		}
		sql, ok := cstringBytes(f.Body[len(name)+1:])
		if !ok {
			return errTruncated
		}
		if len(t.stmts) >= maxTracked {
			clear(t.stmts)
		}
		t.stmts[string(name)] = &stmt{sql: string(sql)}
		t.push(pending{kind: codec.Parse})
	case codec.Bind:
		if err := t.bind(f.Body); err != nil {
			return err
		}
		t.push(pending{kind: codec.Bind})
	case codec.Describe, codec.Close:
		if len(f.Body) < 2 {
			return errTruncated
		}
		name, ok := cstringBytes(f.Body[1:])
		if !ok {
			return errTruncated
		}
		target := f.Body[0]
		if f.Type == codec.Close {
			if target == 'S' {
				delete(t.stmts, string(name))
			} else {
				delete(t.portals, string(name))
			}
			t.push(pending{kind: codec.Close, target: target})
			return nil
		}
		d := pending{kind: codec.Describe, target: target, name: string(name)}
		if target == 'S' {
			if d.st = t.stmts[d.name]; d.st != nil {
				d.st.describing = true
			}
		} else if d.po = t.portals[d.name]; d.po != nil {
			d.po.describing = true
		}
		t.push(d)
	case codec.Sync:
		t.pushSync(codec.Sync, "")
	case codec.FunctionCall:
		t.pushSync(codec.FunctionCall, "")
	}
	return nil
}

func (t *tracker) pushSync(kind byte, sql string) {
	t.push(pending{kind: kind, sql: sql, gen: t.syncs})
	t.syncs++
}

// bind records a portal: Bind is portal name, statement name, parameter
// formats, parameters, result formats.
func (t *tracker) bind(b []byte) error {
	pname, ok := cstringBytes(b)
	if !ok {
		return errTruncated
	}
	b = b[len(pname)+1:]
	sname, ok := cstringBytes(b)
	if !ok {
		return errTruncated
	}
	b = b[len(sname)+1:]
	if len(b) < 2 {
		return errTruncated
	}
	n := int(binary.BigEndian.Uint16(b))
	b = b[2:]
	if len(b) < 2*n+2 {
		return errTruncated
	}
	b = b[2*n:]
	n = int(binary.BigEndian.Uint16(b))
	b = b[2:]
	for range n {
		if len(b) < 4 {
			return errTruncated
		}
		l := int32(binary.BigEndian.Uint32(b))
		b = b[4:]
		if l < 0 {
			continue
		}
		if int(l) > len(b) {
			return errTruncated
		}
		b = b[l:]
	}
	if len(b) < 2 {
		return errTruncated
	}
	n = int(binary.BigEndian.Uint16(b))
	b = b[2:]
	if len(b) < 2*n {
		return errTruncated
	}
	if len(t.portals) >= maxTracked {
		clear(t.portals)
	}
	p := &portal{stmt: t.stmts[string(sname)], gen: t.syncs}
	if n > 0 {
		p.formats = make([]int16, n)
		for i := range n {
			p.formats[i] = int16(binary.BigEndian.Uint16(b[2*i:]))
		}
	}
	t.portals[string(pname)] = p
	return nil
}

// pushExecute queues an Execute of the named portal; it reports the portal
// (nil if none is known by that name) and whether its columns will be known
// by the time its rows arrive.
func (t *tracker) pushExecute(portalName []byte) (known bool) {
	if t.skipping {
		return true
	}
	p := t.portals[string(portalName)]
	if p == nil {
		// A portal this engine did not see bound (a cursor declared in SQL):
		// a placeholder the injected Describe fills in.
		p = &portal{gen: t.syncs}
		t.portals[string(portalName)] = p
	}
	t.push(pending{kind: codec.Execute, name: string(portalName), po: p})
	st := p.stmt
	return p.described || p.describing || (st != nil && (st.described || st.describing))
}

// portalColumns returns the columns a portal's rows have, with the formats
// its Bind asked for.
func portalColumns(p *portal) ([]Column, string, bool) {
	if p == nil {
		return nil, "", false
	}
	sql := ""
	if p.stmt != nil {
		sql = p.stmt.sql
	}
	if p.described {
		return p.cols, sql, true
	}
	if p.stmt == nil || !p.stmt.described {
		return nil, "", false
	}
	p.cols = append(p.cols[:0], p.stmt.cols...)
	for i := range p.cols {
		switch len(p.formats) {
		case 0:
			p.cols[i].Format = 0
		case 1:
			p.cols[i].Format = p.formats[0]
		default:
			if i < len(p.formats) {
				p.cols[i].Format = p.formats[i]
			}
		}
	}
	p.described = true
	return p.cols, sql, true
}

// described records the answer to the Describe d: a RowDescription's
// columns, or NoData (cols nil).
func (t *tracker) described(d pending, cols []Column) {
	noData := cols == nil
	if d.st != nil {
		d.st.cols, d.st.described, d.st.noData, d.st.describing = cols, true, noData, false
	}
	if d.po != nil {
		d.po.cols, d.po.described, d.po.noData, d.po.describing = cols, true, noData, false
	}
}

// readyForQuery pops the requests up to and including the one that ended
// with ReadyForQuery (Sync, Query or FunctionCall). At the end of a
// transaction every portal is gone.
func (t *tracker) readyForQuery(idle bool) {
	gen, ended := uint64(0), false
	for {
		h, ok := t.head()
		if !ok {
			break
		}
		t.pop()
		if h.kind == codec.Sync || h.kind == codec.Query || h.kind == codec.FunctionCall {
			gen, ended = h.gen, true
			break
		}
	}
	if idle && ended && len(t.portals) > 0 { // (no map iteration per simple query)
		for name, p := range t.portals {
			if p.gen <= gen {
				delete(t.portals, name)
			}
		}
	}
}

// serverError: an ErrorResponse. In the extended protocol the server now
// skips every message until Sync.
func (t *tracker) serverError() {
	h, ok := t.head()
	if !ok || h.kind == codec.Query || h.kind == codec.FunctionCall || h.kind == codec.Sync {
		return
	}
	for {
		h, ok := t.head()
		if !ok {
			t.skipping = true
			return
		}
		if h.kind == codec.Sync {
			return
		}
		t.pop()
	}
}

func (t *tracker) last() (pending, bool) {
	if t.qhead == len(t.q) {
		return pending{}, false
	}
	return t.q[len(t.q)-1], true
}
