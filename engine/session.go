package engine

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/maskwire/maskwire/codec"
)

type phase uint8

const (
	phaseStartup phase = iota // untyped startup-phase messages from the client
	phaseAuth                 // startup relayed; authenticating until the first ReadyForQuery
	phaseReady                // normal operation
	phaseClosed
)

// Session is the protocol state of one client connection.
//
// FromClient and FromServer may be called concurrently (one goroutine per
// direction); each call holds the session lock for the whole fed buffer, so
// the lock is taken once per read, not per message.
type Session struct {
	cfg *Config

	mu    sync.Mutex
	phase phase
	info  SessionInfo
	tls   bool // the client connection was upgraded

	// Client direction; its output buffers are valid until the next FromClient.
	cdec      *codec.Decoder
	cToClient []byte
	cToServer []byte

	// Server direction; its output buffers are valid until the next FromServer.
	sdec      *codec.Decoder
	sToClient []byte
	sToServer []byte
	// sVec: the client-bound output as pieces when pass-through runs were
	// relayed as views of the fed bytes; sVecFrom is where the bytes of
	// sToClient not yet in sVec start.
	sVec     [][]byte
	sVecFrom int

	protoMinor uint32 // negotiated protocol minor version
	upKey      Target
	haveUpKey  bool
	proxyPID   uint32

	masker Masker
	msgs   MessageFilter // masker's MessageFilter, if it has one
	fetch  Fetcher       // masker's Fetcher, if it has one
	wait   func()        // the lookup a held message waits for (Output.Wait)
	track  tracker
	cur    result // the result set streaming now
	// the last result's RowDescription body and its decoded columns
	rdBody  []byte
	rdCols  []Column
	res     Result      // the argument of PlanResult, reused
	copyOut *CopyFormat // COPY OUT in progress
}

// result is the result set whose rows are streaming.
type result struct {
	active bool
	filter RowFilter
	passer RowPasser // filter's RowPasser, if it is one
}

func (r *result) setFilter(f RowFilter) {
	r.filter = f
	r.passer, _ = f.(RowPasser)
}

// passable returns how many of the next rows go out untouched.
func (r *result) passable() int {
	switch {
	case !r.active:
		return 0
	case r.filter == nil:
		return 1 << 30
	case r.passer != nil:
		return r.passer.PassRows()
	}
	return 0
}

// NewSession starts a session in the startup phase.
func NewSession(cfg *Config) *Session {
	s := &Session{
		cfg:  cfg,
		cdec: codec.NewDecoder(cfg.MaxMessageSize),
		sdec: codec.NewDecoder(cfg.MaxMessageSize),
	}
	s.track.init()
	s.cdec.ExpectStartup()
	return s
}

// Busy reports whether the client waits for responses to requests sent
// upstream (a query or pipeline in flight, a COPY in progress).
func (s *Session) Busy() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.phase == phaseAuth || s.track.pendingLen() > 0
}

// Info is the startup information (valid once Output.Connect was returned).
func (s *Session) Info() SessionInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.info
}

// UpstreamKey is the upstream backend's cancel key, once known.
func (s *Session) UpstreamKey() (Target, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.upKey, s.haveUpKey
}

// Close releases the session's cancel key. Call it once when the connection ends.
func (s *Session) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.phase = phaseClosed
	if c, ok := s.masker.(interface{ Close() }); ok {
		c.Close()
	}
	if s.proxyPID != 0 {
		s.cfg.Cancels.release(s.proxyPID)
		s.proxyPID = 0
	}
}

// ServerEOF builds what to tell the client when the upstream connection ends
// unexpectedly: a FATAL ErrorResponse (08006), then close.
func (s *Session) ServerEOF(cause error) Output {
	s.mu.Lock()
	defer s.mu.Unlock()
	msg := "maskwire: connection to the database server was lost"
	if cause != nil {
		msg += ": " + cause.Error()
	}
	s.sToClient = appendError(s.sToClient[:0], "FATAL", "08006", msg)
	return Output{ToClient: s.sToClient, Close: true}
}

// ---------------------------------------------------------------- client side

// FromClient consumes bytes read from the client.
func (s *Session) FromClient(p []byte) (Output, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cToClient, s.cToServer = s.cToClient[:0], s.cToServer[:0]
	var out Output
	s.cdec.Feed(p)
	for {
		f, err := s.cdec.Next()
		if err == codec.ErrNeedMore {
			break
		}
		if err != nil {
			s.cToClient = appendError(s.cToClient, "FATAL", "08P01", "maskwire: invalid message from client: "+err.Error())
			out.Close = true
			break
		}
		if s.phase == phaseStartup {
			if err := s.clientStartup(f, &out); err != nil || out.Close || out.StartTLS {
				// After StartTLS the remaining bytes (if any) were sent in the
				// clear before the handshake: a protocol violation.
				if out.StartTLS && s.cdec.Buffered() > 0 {
					s.cToClient = s.cToClient[:0]
					out.StartTLS = false
					out.Close = true
				}
				break
			}
			continue
		}
		if s.clientMessage(f, &out) {
			break
		}
	}
	out.ToClient, out.ToServer = s.cToClient, s.cToServer
	return out, nil
}

func (s *Session) clientStartup(f codec.Frame, out *Output) error {
	if len(f.Body) < 4 {
		s.cToClient = appendError(s.cToClient, "FATAL", "08P01", "maskwire: invalid startup packet")
		out.Close = true
		return nil
	}
	code := binary.BigEndian.Uint32(f.Body)
	switch {
	case code == codec.SSLRequestCode:
		s.cdec.ExpectStartup()
		if s.cfg.ClientTLS && !s.tls {
			s.cToClient = append(s.cToClient, 'S')
			out.StartTLS = true
			// The transport completes the handshake or ends the session, so
			// whatever follows arrives over TLS.
			s.tls = true
		} else {
			s.cToClient = append(s.cToClient, 'N')
		}
		return nil
	case code == codec.GSSENCRequestCode:
		s.cdec.ExpectStartup()
		s.cToClient = append(s.cToClient, 'N')
		return nil
	case code == codec.CancelRequestCode:
		if len(f.Body) >= 12 {
			pid := binary.BigEndian.Uint32(f.Body[4:])
			if t, ok := s.cfg.Cancels.Lookup(pid, f.Body[8:]); ok {
				out.Cancel = &t
			}
		}
		out.Close = true // a cancel connection gets no answer
		return nil
	case code>>16 == 3:
		info, err := parseStartup(f.Body[4:])
		if err != nil {
			s.cToClient = appendError(s.cToClient, "FATAL", "08P01", "maskwire: invalid startup packet: "+err.Error())
			out.Close = true
			return nil
		}
		if s.cfg.RequireClientTLS && !s.tls {
			s.cToClient = appendError(s.cToClient, "FATAL", "28000", "maskwire: this server accepts only TLS connections (use sslmode=require)")
			out.Close = true
			return nil
		}
		if r, ok := info.Params["replication"]; ok && s.cfg.NewMasker != nil && !isFalse(r) {
			// A replication stream carries rows in WAL and logical-decoding
			// formats this engine cannot mask: fail closed.
			s.cToClient = appendError(s.cToClient, "FATAL", "0A000", "maskwire: replication connections are not relayed while masking is configured")
			out.Close = true
			return nil
		}
		info.ProtocolVersion = code
		s.info = info
		s.protoMinor = code & 0xffff
		s.phase = phaseAuth
		if s.cfg.NewMasker != nil {
			s.masker = s.cfg.NewMasker(info)
			if mf, ok := s.masker.(MessageFilter); ok {
				s.msgs = mf
			}
			if fe, ok := s.masker.(Fetcher); ok {
				s.fetch = fe
			}
		}
		s.cToServer = append(s.cToServer, f.Raw...)
		out.Connect = &s.info
		return nil
	default:
		s.cToClient = appendError(s.cToClient, "FATAL", "0A000",
			fmt.Sprintf("maskwire: unsupported frontend protocol %d.%d: server supports 3.0 to 3.2", code>>16, code&0xffff))
		out.Close = true
		return nil
	}
}

func isFalse(v string) bool {
	switch v {
	case "false", "off", "no", "0", "f", "n":
		return true
	}
	return false
}

func parseStartup(b []byte) (SessionInfo, error) {
	info := SessionInfo{Params: make(map[string]string)}
	for {
		k, rest, ok := cstring(b)
		if !ok {
			return info, errors.New("unterminated parameter name")
		}
		if k == "" {
			if len(rest) != 0 {
				return info, errors.New("bytes after the parameter list")
			}
			break
		}
		v, rest2, ok := cstring(rest)
		if !ok {
			return info, errors.New("unterminated parameter value")
		}
		info.Params[k] = v
		b = rest2
	}
	info.User = info.Params["user"]
	if info.User == "" {
		return info, errors.New("no PostgreSQL user name specified")
	}
	info.Database = info.Params["database"]
	if info.Database == "" {
		info.Database = info.User
	}
	info.ApplicationName = info.Params["application_name"]
	return info, nil
}

// clientMessage handles one message after startup; true means stop reading.
func (s *Session) clientMessage(f codec.Frame, out *Output) bool {
	if s.phase == phaseClosed {
		return true
	}
	if s.phase == phaseAuth {
		// Password, SASL and GSS responses are relayed as they are.
		s.cToServer = append(s.cToServer, f.Raw...)
		return false
	}
	switch f.Type {
	case codec.Execute:
		s.clientExecute(f)
	case codec.Terminate:
		s.cToServer = append(s.cToServer, f.Raw...)
		out.Close = true
		return true
	default:
		if err := s.track.client(f); err != nil {
			s.cToClient = appendError(s.cToClient, "FATAL", "08P01", "maskwire: invalid message from client: "+err.Error())
			out.Close = true
			return true
		}
		s.cToServer = append(s.cToServer, f.Raw...)
	}
	return false
}

// clientExecute relays an Execute. When a masker needs the portal's columns
// and nobody described them (a statement executed without Describe), the
// engine asks the server itself with a Describe of the portal whose answer it
// keeps to itself.
func (s *Session) clientExecute(f codec.Frame) {
	portal, ok := cstringBytes(f.Body)
	if !ok {
		s.cToServer = append(s.cToServer, f.Raw...) // the server reports the error
		return
	}
	if known := s.track.pushExecute(portal); !known && s.masker != nil {
		// Insert a Describe of the portal before the Execute, and its
		// pending entry before the Execute's.
		s.cToServer = appendDescribePortal(s.cToServer, portal)
		exec, _ := s.track.last()
		s.track.q[len(s.track.q)-1] = pending{kind: codec.Describe, target: 'P', name: exec.name, po: exec.po, injected: true}
		s.track.push(exec)
	}
	s.cToServer = append(s.cToServer, f.Raw...)
}

func appendDescribePortal(dst, portal []byte) []byte {
	dst, start := codec.BeginMessage(dst, codec.Describe)
	dst = append(dst, 'P')
	dst = append(dst, portal...)
	dst = append(dst, 0)
	return codec.FinishMessage(dst, start)
}

// ---------------------------------------------------------------- server side

// FromServer consumes bytes read from the upstream.
func (s *Session) FromServer(p []byte) (Output, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sToClient, s.sToServer = s.sToClient[:0], s.sToServer[:0]
	clear(s.sVec)
	s.sVec, s.sVecFrom = s.sVec[:0], 0
	var out Output
	s.sdec.Feed(p)
	for {
		// The fast path: rows that go out untouched are framed as one run
		// and handed to the transport as a view of the fed bytes: no copy.
		if max := s.cur.passable(); max > 0 {
			if run, n := s.sdec.NextRun(codec.DataRow, max); n > 0 {
				s.pushRun(run)
				if s.cur.passer != nil {
					s.cur.passer.Passed(n)
				}
				continue
			}
		} else if s.cur.active {
			// The rows the filter re-encodes (an active result set with
			// none to pass has a filter): serverRow's AppendRow, without
			// a Frame.
			if raw, body, ok := s.sdec.NextOf(codec.DataRow); ok {
				var err error
				if s.sToClient, err = s.cur.filter.AppendRow(s.sToClient, raw, body); err != nil {
					s.failClosed(&out, fmt.Errorf("could not mask a row: %w", err))
					break
				}
				continue
			}
		}
		f, err := s.sdec.Next()
		if err == codec.ErrNeedMore {
			break
		}
		if err != nil {
			s.sToClient = appendError(s.sToClient, "FATAL", "08P01", "maskwire: invalid message from the database server: "+err.Error())
			out.Close = true
			break
		}
		if f.Type == codec.DataRow { // the hot path
			if err := s.serverRow(f); err != nil {
				if err == errHold {
					s.hold(f, &out)
					break
				}
				s.failClosed(&out, err)
				break
			}
			continue
		}
		if err := s.serverMessage(f, &out); err != nil {
			if err == errHold {
				s.hold(f, &out)
				break
			}
			s.failClosed(&out, err)
			break
		}
		if out.Close {
			break
		}
	}
	if len(s.sVec) > 0 {
		if tail := s.sToClient[s.sVecFrom:]; len(tail) > 0 {
			s.sVec = append(s.sVec, tail)
		}
		out.ToClientVec = s.sVec
	}
	out.ToClient, out.ToServer = s.sToClient, s.sToServer
	return out, nil
}

// copyRunBelow is the size under which a pass-through run is copied into
// the output instead of relayed as a view: a short result (one row of a
// point query) then leaves in one write(2), which costs less than a
// writev(2) of several pieces (about 300 ns less for three small pieces on
// loopback TCP, measured); copying a few KiB costs less than that.
const copyRunBelow = 2048

// pushRun adds a pass-through run to the output, after the bytes built so
// far: a view of the fed bytes, or a copy when it is short.
func (s *Session) pushRun(run []byte) {
	if len(run) < copyRunBelow {
		s.sToClient = append(s.sToClient, run...)
		return
	}
	if pending := s.sToClient[s.sVecFrom:]; len(pending) > 0 {
		// Later appends never change these bytes: a reallocation leaves the
		// old array to this view.
		s.sVec = append(s.sVec, pending[:len(pending):len(pending)])
		s.sVecFrom = len(s.sToClient)
	}
	s.sVec = append(s.sVec, run)
}

// errHold stops FromServer before a message whose plan waits on the
// masker's lookup (s.wait).
var errHold = errors.New("engine: message held for a lookup")

// hold keeps f (and everything after it) in the decoder and hands the
// lookup to the transport.
func (s *Session) hold(f codec.Frame, out *Output) {
	s.sdec.Hold(f)
	out.Wait, s.wait = s.wait, nil
}

// fetchFirst reports whether the result about to be planned needs the
// masker's lookup first (then s.wait holds it).
func (s *Session) fetchFirst(sql string, cols []Column) bool {
	if s.fetch == nil {
		return false
	}
	s.res = Result{SQL: sql, Columns: cols}
	w := s.fetch.FetchResult(&s.res)
	s.res = Result{}
	if w == nil {
		return false
	}
	s.wait = w
	return true
}

// failClosed ends the session after an error on the server path: nothing
// that could not be checked leaves.
func (s *Session) failClosed(out *Output, err error) {
	code := "XX000"
	var pe *protocolError
	if errors.As(err, &pe) {
		code = "08P01"
	}
	s.sToClient = appendError(s.sToClient, "FATAL", code, "maskwire: "+err.Error())
	out.Close = true
}

type protocolError struct{ msg string }

func (e *protocolError) Error() string { return e.msg }

func protoErrorf(format string, a ...any) error {
	return &protocolError{msg: fmt.Sprintf(format, a...)}
}

func (s *Session) serverRow(f codec.Frame) error {
	if !s.cur.active {
		if err := s.beginExecuteResult(); err != nil {
			return err
		}
	}
	if s.cur.filter == nil || (s.cur.passer != nil && s.cur.passer.PassRows() > 0) {
		if s.cur.passer != nil {
			s.cur.passer.Passed(1)
		}
		s.sToClient = append(s.sToClient, f.Raw...)
		return nil
	}
	var err error
	s.sToClient, err = s.cur.filter.AppendRow(s.sToClient, f.Raw, f.Body)
	if err != nil {
		return fmt.Errorf("could not mask a row: %w", err)
	}
	return nil
}

// beginExecuteResult plans the rows of an Execute (no RowDescription precedes them).
func (s *Session) beginExecuteResult() error {
	if s.masker == nil {
		s.cur = result{active: true}
		return nil
	}
	head, ok := s.track.head()
	if !ok || head.kind != codec.Execute {
		return protoErrorf("DataRow from the server outside a result set")
	}
	cols, sql, ok := portalColumns(head.po)
	if !ok {
		return fmt.Errorf("columns of portal %q are unknown", head.name)
	}
	if s.fetchFirst(sql, cols) {
		return errHold
	}
	s.cur = result{active: true}
	s.cur.setFilter(s.plan(sql, cols))
	return nil
}

func (s *Session) serverMessage(f codec.Frame, out *Output) error {
	switch f.Type {
	case codec.AuthenticationMsg, codec.ParameterStatus:
		s.sToClient = append(s.sToClient, f.Raw...)
	case codec.NegotiateProtocolVersion:
		if len(f.Body) >= 4 {
			s.protoMinor = binary.BigEndian.Uint32(f.Body) & 0xffff
		}
		s.sToClient = append(s.sToClient, f.Raw...)
	case codec.BackendKeyDataMsg:
		return s.serverBackendKey(f)
	case codec.ReadyForQuery:
		if s.phase == phaseAuth {
			s.phase = phaseReady
		}
		s.cur = result{}
		s.copyOut = nil
		idle := len(f.Body) == 1 && f.Body[0] == 'I'
		s.track.readyForQuery(idle)
		s.sToClient = append(s.sToClient, f.Raw...)
	case codec.ErrorResponse:
		s.cur = result{}
		s.copyOut = nil
		if s.phase == phaseReady {
			s.track.serverError()
		}
		return s.relayFiltered(f)
	case codec.NoticeResponse, codec.NotificationResponse:
		return s.relayFiltered(f)
	case codec.RowDescription:
		return s.serverRowDescription(f)
	case codec.NoData:
		head, ok := s.track.head()
		if ok && head.kind == codec.Describe {
			s.track.described(head, nil)
			s.track.pop()
			if head.injected {
				return nil
			}
		}
		s.sToClient = append(s.sToClient, f.Raw...)
	case codec.ParameterDescription:
		s.sToClient = append(s.sToClient, f.Raw...)
	case codec.ParseComplete:
		s.track.popKind(codec.Parse)
		s.sToClient = append(s.sToClient, f.Raw...)
	case codec.BindComplete:
		s.track.popKind(codec.Bind)
		s.sToClient = append(s.sToClient, f.Raw...)
	case codec.CloseComplete:
		s.track.popKind(codec.Close)
		s.sToClient = append(s.sToClient, f.Raw...)
	case codec.CommandComplete, codec.EmptyQueryResponse, codec.PortalSuspended:
		s.cur = result{}
		s.copyOut = nil
		s.track.popKind(codec.Execute)
		s.sToClient = append(s.sToClient, f.Raw...)
	case codec.CopyOutResponse, codec.CopyBothResponse:
		cf, err := parseCopyFormat(f.Body)
		if err != nil {
			return err
		}
		if s.msgs != nil {
			sql := ""
			if h, ok := s.track.head(); ok {
				sql = h.sql
				if h.kind == codec.Execute && h.po != nil && h.po.stmt != nil {
					sql = h.po.stmt.sql
				}
			}
			if s.fetch != nil {
				if w := s.fetch.FetchCopy(sql); w != nil {
					s.wait = w
					return errHold
				}
			}
			s.copyOut = cf
			s.msgs.BeginCopy(sql, cf)
		} else {
			s.copyOut = cf
		}
		s.sToClient = append(s.sToClient, f.Raw...)
	case codec.CopyData:
		return s.relayFiltered(f)
	case codec.CopyDone:
		s.copyOut = nil
		s.sToClient = append(s.sToClient, f.Raw...)
	case codec.CopyInResponse:
		s.sToClient = append(s.sToClient, f.Raw...)
	case codec.FunctionCallResponse:
		return s.relayFiltered(f)
	default:
		if s.masker != nil {
			// A message this engine does not understand could carry data it
			// cannot check: fail closed.
			return protoErrorf("unexpected message type %q from the database server", f.Type)
		}
		s.sToClient = append(s.sToClient, f.Raw...)
	}
	return nil
}

func (s *Session) relayFiltered(f codec.Frame) error {
	if s.msgs == nil {
		s.sToClient = append(s.sToClient, f.Raw...)
		return nil
	}
	var err error
	s.sToClient, err = s.msgs.AppendMessage(s.sToClient, f, s.copyOut)
	if err != nil {
		return fmt.Errorf("could not mask a %q message: %w", f.Type, err)
	}
	return nil
}

func (s *Session) serverBackendKey(f codec.Frame) error {
	var k pgproto3.BackendKeyData
	if err := k.Decode(f.Body); err != nil {
		return protoErrorf("invalid BackendKeyData: %v", err)
	}
	s.upKey = Target{ProcessID: k.ProcessID, Secret: append([]byte(nil), k.SecretKey...)}
	s.haveUpKey = true
	secretLen := 4
	if s.protoMinor >= 2 {
		secretLen = 32
	}
	if s.proxyPID != 0 {
		s.cfg.Cancels.release(s.proxyPID)
	}
	pid, secret := s.cfg.Cancels.issue(s.upKey, secretLen)
	s.proxyPID = pid
	dst, start := codec.BeginMessage(s.sToClient, codec.BackendKeyDataMsg)
	dst = binary.BigEndian.AppendUint32(dst, pid)
	dst = append(dst, secret...)
	s.sToClient = codec.FinishMessage(dst, start)
	return nil
}

func (s *Session) serverRowDescription(f codec.Frame) error {
	head, ok := s.track.head()
	describe := ok && head.kind == codec.Describe
	if s.masker == nil && !describe {
		s.cur = result{active: true}
		s.sToClient = append(s.sToClient, f.Raw...)
		return nil
	}
	if !describe {
		// A result set of a simple Query (or an Execute of a statement that
		// returns a RowDescription itself, such as FETCH inside a simple
		// query). The same statement run again sends the same bytes: its
		// columns are decoded once (they are only read after this).
		if s.rdCols == nil || !bytes.Equal(f.Body, s.rdBody) {
			cols, err := decodeColumns(f.Body)
			if err != nil {
				return err
			}
			s.rdBody, s.rdCols = append(s.rdBody[:0], f.Body...), cols
		}
		if s.masker != nil {
			sql := ""
			if ok {
				sql = head.sql
			}
			if s.fetchFirst(sql, s.rdCols) {
				return errHold
			}
			s.cur = result{active: true}
			s.cur.setFilter(s.plan(sql, s.rdCols))
		} else {
			s.cur = result{active: true}
		}
		s.sToClient = append(s.sToClient, f.Raw...)
		return nil
	}
	// The answer to a Describe: the statement or portal keeps the columns.
	cols, err := decodeColumns(f.Body)
	if err != nil {
		return err
	}
	s.track.described(head, cols)
	s.track.pop()
	if !head.injected {
		s.sToClient = append(s.sToClient, f.Raw...)
	}
	return nil
}

// plan asks the masker for a result set's RowFilter. The Result lives in the
// session (it is valid only during the call), so asking costs no allocation.
func (s *Session) plan(sql string, cols []Column) RowFilter {
	s.res = Result{SQL: sql, Columns: cols}
	f := s.masker.PlanResult(&s.res)
	s.res = Result{}
	return f
}

func decodeColumns(body []byte) ([]Column, error) {
	var rd pgproto3.RowDescription
	if err := rd.Decode(body); err != nil {
		return nil, protoErrorf("invalid RowDescription: %v", err)
	}
	cols := make([]Column, len(rd.Fields))
	for i, fd := range rd.Fields {
		cols[i] = Column{
			Name:     string(fd.Name),
			TableOID: fd.TableOID,
			Attnum:   int16(fd.TableAttributeNumber),
			TypeOID:  fd.DataTypeOID,
			TypeSize: fd.DataTypeSize,
			TypeMod:  fd.TypeModifier,
			Format:   fd.Format,
		}
	}
	return cols, nil
}

func parseCopyFormat(body []byte) (*CopyFormat, error) {
	if len(body) < 3 {
		return nil, protoErrorf("invalid COPY response")
	}
	n := int(binary.BigEndian.Uint16(body[1:]))
	if len(body) != 3+2*n {
		return nil, protoErrorf("invalid COPY response")
	}
	cf := &CopyFormat{Binary: body[0] == 1, ColumnFormats: make([]int16, n)}
	for i := range n {
		cf.ColumnFormats[i] = int16(binary.BigEndian.Uint16(body[3+2*i:]))
	}
	return cf, nil
}

// ---------------------------------------------------------------- helpers

func appendError(dst []byte, severity, code, msg string) []byte {
	e := pgproto3.ErrorResponse{Severity: severity, SeverityUnlocalized: severity, Code: code, Message: msg}
	out, err := e.Encode(dst)
	if err != nil {
		return dst
	}
	return out
}

// AppendError appends an ErrorResponse; exported for transports that report
// their own failures (timeouts) in the session's protocol.
func AppendError(dst []byte, severity, code, msg string) []byte {
	return appendError(dst, severity, code, msg)
}

func cstring(b []byte) (string, []byte, bool) {
	v, ok := cstringBytes(b)
	if !ok {
		return "", nil, false
	}
	return string(v), b[len(v)+1:], true
}

func cstringBytes(b []byte) ([]byte, bool) {
	// IndexByte is vectorised: a pgbench query's 60 bytes took 8% of the
	// engine's share of a round trip with a byte loop (BenchmarkRoundTrip).
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i], true
	}
	return nil, false
}
