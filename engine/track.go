package engine

import (
	"encoding/binary"
	"errors"

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
}

// maxTracked bounds the statements and portals a client may keep; past it the
// oldest knowledge is dropped (the engine then describes portals itself).
const maxTracked = 1 << 16

type stmt struct {
	sql       string
	cols      []Column // formats as a statement Describe reports them (all 0)
	described bool     // cols (or noData) are known
	noData    bool
}

type portal struct {
	stmt      *stmt
	formats   []int16 // Bind result-column format codes
	cols      []Column
	described bool
	noData    bool
}

// pending is one client request the server has yet to answer.
type pending struct {
	kind     byte // codec.Parse, Bind, Describe, Execute, Close, Sync, Query, FunctionCall
	target   byte // 'S' or 'P' for Describe and Close
	name     string
	sql      string // Query text
	injected bool   // sent by the engine itself; its answer is not relayed
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
			t.push(pending{kind: codec.Sync})
		}
		return nil
	}
	switch f.Type {
	case codec.Query:
		sql, ok := cstringBytes(f.Body)
		if !ok {
			return errTruncated
		}
		t.push(pending{kind: codec.Query, sql: string(sql)})
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
		}
		t.push(pending{kind: f.Type, target: target, name: string(name)})
	case codec.Sync:
		t.push(pending{kind: codec.Sync})
	case codec.FunctionCall:
		t.push(pending{kind: codec.FunctionCall})
	}
	return nil
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
	p := t.portals[string(pname)]
	if p == nil {
		if len(t.portals) >= maxTracked {
			clear(t.portals)
		}
		p = &portal{}
		t.portals[string(pname)] = p
	}
	*p = portal{stmt: t.stmts[string(sname)], formats: p.formats[:0], cols: p.cols[:0]}
	for i := range n {
		p.formats = append(p.formats, int16(binary.BigEndian.Uint16(b[2*i:])))
	}
	return nil
}

func (t *tracker) pushExecute(portalName []byte) {
	if t.skipping {
		return
	}
	t.push(pending{kind: codec.Execute, name: string(portalName)})
}

// portalKnown reports whether the columns of a portal's rows are known.
func (t *tracker) portalKnown(name []byte) bool {
	p := t.portals[string(name)]
	return p != nil && (p.described || (p.stmt != nil && p.stmt.described))
}

// portalColumns returns the columns a portal's rows have, with the formats
// its Bind asked for.
func (t *tracker) portalColumns(name string) ([]Column, string, bool) {
	p := t.portals[name]
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

// described records a RowDescription answering the Describe d.
func (t *tracker) described(d pending, cols []Column) {
	if d.target == 'S' {
		if st := t.stmts[d.name]; st != nil {
			st.cols, st.described, st.noData = cols, true, false
		}
		return
	}
	if p := t.portals[d.name]; p != nil {
		p.cols, p.described, p.noData = cols, true, false
	}
}

func (t *tracker) describedNoData(d pending) {
	if d.target == 'S' {
		if st := t.stmts[d.name]; st != nil {
			st.cols, st.described, st.noData = nil, true, true
		}
		return
	}
	if p := t.portals[d.name]; p != nil {
		p.cols, p.described, p.noData = nil, true, true
	}
}

// readyForQuery pops the requests up to and including the one that ended
// with ReadyForQuery (Sync, Query or FunctionCall). At the end of a
// transaction every portal is gone.
func (t *tracker) readyForQuery(idle bool) {
	for {
		h, ok := t.head()
		if !ok {
			break
		}
		t.pop()
		if h.kind == codec.Sync || h.kind == codec.Query || h.kind == codec.FunctionCall {
			break
		}
	}
	if idle {
		clear(t.portals)
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
