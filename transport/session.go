package transport

import (
	"context"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgproto3"

	"github.com/maskwire/maskwire/engine"
)

// session is one client connection: the client goroutine (run) owns the
// connection's life and its teardown; the upstream goroutine (readUpstream)
// relays the upstream's bytes. Anyone may call abort to end it.
type session struct {
	srv    *Server
	id     uint64
	raw    net.Conn // the accepted socket; closing it ends everything
	remote string
	eng    *engine.Session
	start  time.Time
	ctx    context.Context // ends on abort; bounds dials
	cancel context.CancelFunc

	// clientMu serializes writes to the client and guards client (swapped
	// for a *tls.Conn by StartTLS) and scan.
	clientMu sync.Mutex
	client   net.Conn
	scan     readyScanner

	upMu     sync.Mutex // serializes writes to the upstream
	upstream atomic.Pointer[net.Conn]
	upDone   chan struct{} // closed when the upstream goroutine ends

	info         engine.SessionInfo // set by the client goroutine at Connect
	connected    atomic.Bool        // the startup message was relayed (Connect seen)
	ready        atomic.Bool        // the upstream's first ReadyForQuery reached the client
	closing      atomic.Bool
	upstreamGone atomic.Bool // the upstream ended the connection itself
	// upstreamSpoke: during startup, the upstream sent bytes after the
	// client's last ones (so a timeout then waits on the client).
	upstreamSpoke atomic.Bool
	lastActive    atomic.Int64
	reason        atomic.Pointer[string]

	fromClient, toClient, fromUpstream, toUpstream atomic.Int64

	// Event loop hand-off (loop_linux.go): the upstream goroutine sets
	// handoff when the session is ready and stops; the client goroutine then
	// gives both sockets to a loop, which owns the session from then on (lc).
	handoff atomic.Bool
	lc      atomic.Pointer[loopConn]
}

func newSession(s *Server, nc net.Conn) *session {
	c := &session{
		srv:    s,
		id:     s.nextID.Add(1),
		raw:    nc,
		client: nc,
		remote: nc.RemoteAddr().String(),
		eng:    engine.NewSession(s.engine),
		start:  time.Now(),
		upDone: make(chan struct{}),
	}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	c.touch()
	return c
}

func (c *session) touch() { c.lastActive.Store(time.Now().UnixNano()) }

func (c *session) logger() *slog.Logger {
	l := c.srv.log.With("session", c.id, "remote", c.remote)
	if c.connected.Load() {
		l = l.With("user", c.info.User, "database", c.info.Database)
	}
	return l
}

// run is the client goroutine.
func (c *session) run() {
	defer c.teardown()
	defer c.contain("client goroutine")
	cfg := &c.srv.cfg
	if tc, ok := c.raw.(*net.TCPConn); ok {
		tc.SetNoDelay(true)
		if cfg.WriteBufferSize > 0 {
			tc.SetWriteBuffer(cfg.WriteBufferSize)
		}
	}
	c.srv.log.Debug("session start", "session", c.id, "remote", c.remote)
	buf := make([]byte, cfg.ReadBufferSize)
	for {
		c.client.SetReadDeadline(c.readDeadline())
		if c.handoff.Load() && c.relayInLoop() {
			return
		}
		n, err := c.client.Read(buf)
		if n > 0 {
			c.fromClient.Add(int64(n))
			if !c.ready.Load() {
				c.upstreamSpoke.Store(false)
			}
			c.touch()
			if c.srv.shutting.Load() && c.ready.Load() && !c.eng.Busy() {
				c.goodbye(shutdownMessage, "shutdown")
				return
			}
			out, ferr := c.eng.FromClient(buf[:n])
			if !c.actOnClientOutput(out) {
				return
			}
			if ferr != nil {
				c.setReason("client protocol error: " + ferr.Error())
				return
			}
		}
		if err != nil {
			if c.handoff.Load() && errors.Is(err, os.ErrDeadlineExceeded) {
				continue // the loop takes over at the top
			}
			if !errors.Is(err, os.ErrDeadlineExceeded) {
				if errors.Is(err, io.EOF) {
					c.setReason("client closed")
				} else {
					c.setReason("client read: " + err.Error())
				}
				return
			}
			if !c.onReadTimeout() {
				return
			}
		}
	}
}

// loopable reports whether an event loop can relay this session.
func (c *session) loopable() bool {
	c.clientMu.Lock()
	defer c.clientMu.Unlock()
	return loopReadable(c)
}

// relayInLoop hands the session to an event loop once the upstream
// goroutine has stopped, and returns true when the loop has relayed it to
// its end. When the loop cannot take it, the goroutines go on (false).
func (c *session) relayInLoop() bool {
	<-c.upDone
	if c.closing.Load() || c.upstreamGone.Load() {
		return true // ended meanwhile: teardown
	}
	if c.handOff() {
		return true
	}
	c.handoff.Store(false)
	c.upDone = make(chan struct{})
	go c.readUpstream(*c.upstream.Load())
	return false
}

// readDeadline is the startup deadline until the session is ready, then the
// idle deadline (none when IdleTimeout is 0).
func (c *session) readDeadline() time.Time {
	cfg := &c.srv.cfg
	if !c.ready.Load() {
		return c.start.Add(cfg.StartupTimeout)
	}
	if cfg.IdleTimeout == 0 {
		return time.Time{}
	}
	return time.Unix(0, c.lastActive.Load()).Add(cfg.IdleTimeout)
}

// onReadTimeout decides whether a read deadline ends the session.
func (c *session) onReadTimeout() bool {
	if !c.ready.Load() {
		if c.connected.Load() {
			// Name the side maskwire was waiting on: a silent upstream is an
			// operator's problem, a client that did not answer its
			// authentication request is the client's.
			cfg := &c.srv.cfg
			msg := fmt.Sprintf("canceling authentication due to timeout: upstream %s did not answer within %v (startup timeout)", cfg.Upstream.Addr, cfg.StartupTimeout)
			if c.upstreamSpoke.Load() {
				msg = fmt.Sprintf("canceling authentication due to timeout: the client did not answer the authentication request within %v (startup timeout)", cfg.StartupTimeout)
			}
			c.goodbye(fatal("57014", msg), "startup timeout")
		} else {
			c.setReason("startup timeout")
		}
		return false
	}
	if c.eng.Busy() {
		c.touch() // a request in flight: the client is waiting, not idle
		return true
	}
	if time.Since(time.Unix(0, c.lastActive.Load())) < c.srv.cfg.IdleTimeout {
		return true // the upstream answered meanwhile
	}
	c.goodbye(fatal("57P05", "terminating connection due to idle-session timeout"), "idle timeout")
	return false
}

// actOnClientOutput carries out what FromClient asked, in Output's order.
// It returns false when the session must end.
func (c *session) actOnClientOutput(out engine.Output) bool {
	if len(out.ToClient) > 0 && c.writeClient(out.ToClient) != nil {
		return false
	}
	if out.StartTLS && !c.startTLS() {
		return false
	}
	if out.Connect != nil && !c.connect(*out.Connect) {
		return false
	}
	if len(out.ToServer) > 0 && !c.writeUpstream(out.ToServer) {
		return false
	}
	if out.Cancel != nil {
		c.forwardCancel(*out.Cancel)
	}
	if out.Close {
		c.setReason("closed by engine")
		return false
	}
	return true
}

func (c *session) startTLS() bool {
	if c.srv.clientTLS == nil {
		c.setReason("engine asked for TLS but none is configured")
		return false
	}
	tc := tls.Server(c.raw, c.srv.clientTLS)
	tc.SetDeadline(c.start.Add(c.srv.cfg.StartupTimeout))
	if err := tc.HandshakeContext(c.ctx); err != nil {
		c.setReason("client TLS handshake: " + err.Error())
		return false
	}
	tc.SetWriteDeadline(time.Time{})
	c.clientMu.Lock()
	c.client = tc
	c.clientMu.Unlock()
	return true
}

func (c *session) connect(info engine.SessionInfo) bool {
	c.info = info
	c.clientMu.Lock()
	c.connected.Store(true)
	c.clientMu.Unlock()
	cfg := &c.srv.cfg
	up, err := dialUpstream(c.ctx, cfg.Upstream, c.srv.upstreamTLS, cfg.ConnectTimeout, cfg.WriteBufferSize)
	if err != nil {
		c.logger().Warn("upstream unavailable", "err", err)
		c.goodbye(fatal("08001", "maskwire: "+err.Error()), "upstream unavailable")
		return false
	}
	c.upstream.Store(&up)
	if c.closing.Load() { // aborted while dialing: abort could not see up
		up.Close()
		close(c.upDone)
		return false
	}
	go c.readUpstream(up)
	return true
}

func (c *session) forwardCancel(t engine.Target) {
	cfg := &c.srv.cfg
	if err := sendCancel(c.ctx, cfg.Upstream, c.srv.upstreamTLS, cfg.ConnectTimeout, t); err != nil {
		c.srv.log.Warn("cancel not forwarded", "session", c.id, "remote", c.remote, "err", err)
		return
	}
	c.srv.log.Debug("cancel forwarded", "session", c.id, "remote", c.remote)
}

// readUpstream is the upstream goroutine. It writes to the client
// synchronously: while the client is slow, it does not read the upstream.
func (c *session) readUpstream(up net.Conn) {
	defer close(c.upDone)
	defer c.contain("upstream goroutine")
	buf := make([]byte, c.srv.cfg.ReadBufferSize)
	for {
		n, err := up.Read(buf)
		if n > 0 {
			c.fromUpstream.Add(int64(n))
			if !c.ready.Load() {
				c.upstreamSpoke.Store(true)
			}
			c.touch()
			out, ferr := c.eng.FromServer(buf[:n])
			for {
				var werr error
				if out.ToClientVec != nil {
					// Rows relayed untouched are views of buf: written before
					// the next read into it, with one writev.
					werr = c.writeClientVec(out.ToClientVec)
				} else if len(out.ToClient) > 0 {
					werr = c.writeClient(out.ToClient)
				}
				if werr != nil {
					c.abort("client write failed")
					return
				}
				if len(out.ToServer) > 0 && !c.writeUpstream(out.ToServer) {
					c.abort("upstream write failed")
					return
				}
				if out.Cancel != nil {
					c.forwardCancel(*out.Cancel)
				}
				if out.Close {
					c.abort("closed by engine")
					return
				}
				if ferr != nil {
					c.abort("upstream protocol error: " + ferr.Error())
					return
				}
				if out.Wait == nil {
					break
				}
				// The masker looks something up before the next result
				// set (this goroutine is the session's own: it may block).
				out.Wait()
				out, ferr = c.eng.FromServer(nil)
			}
			if c.srv.shutting.Load() && c.ready.Load() && !c.eng.Busy() {
				c.goodbye(shutdownMessage, "shutdown")
				return
			}
			if c.ready.Load() && c.srv.eventLoop && !c.handoff.Load() && c.loopable() {
				// Hand the session to an event loop: stop here, and wake the
				// client goroutine, which passes both sockets on.
				c.handoff.Store(true)
				c.client.SetReadDeadline(time.Unix(1, 0))
				return
			}
		}
		if err != nil {
			if c.closing.Load() {
				return
			}
			c.upstreamGone.Store(true)
			out := c.eng.ServerEOF(err)
			if len(out.ToClient) > 0 {
				c.writeClient(out.ToClient)
			}
			if errors.Is(err, io.EOF) {
				c.abort("upstream closed")
			} else {
				c.abort("upstream read: " + err.Error())
			}
			return
		}
	}
}

// writeClientVec writes the pieces in order under clientMu (writev on a
// plain socket). Pieces only come after startup, when the session is ready.
func (c *session) writeClientVec(pieces [][]byte) error {
	c.clientMu.Lock()
	defer c.clientMu.Unlock()
	if c.connected.Load() && !c.ready.Load() {
		for _, p := range pieces {
			if c.scan.feed(p) {
				c.ready.Store(true)
				c.touch()
				c.client.SetReadDeadline(c.readDeadline())
				break
			}
		}
	}
	bufs := net.Buffers(pieces)
	n, err := bufs.WriteTo(c.client)
	c.toClient.Add(n)
	if err != nil {
		c.setReason("client write: " + err.Error())
	}
	return err
}

// writeClient writes p to the client, whole, under clientMu. Until the
// session is ready it also watches for the upstream's first ReadyForQuery,
// which ends the startup timeout.
func (c *session) writeClient(p []byte) error {
	c.clientMu.Lock()
	defer c.clientMu.Unlock()
	if c.connected.Load() && !c.ready.Load() && c.scan.feed(p) {
		c.ready.Store(true)
		c.touch()
		c.client.SetReadDeadline(c.readDeadline()) // wake the client goroutine's startup deadline
	}
	n, err := c.client.Write(p)
	c.toClient.Add(int64(n))
	if err != nil {
		c.setReason("client write: " + err.Error())
	}
	return err
}

func (c *session) writeUpstream(p []byte) bool {
	upp := c.upstream.Load()
	if upp == nil {
		c.setReason("engine wrote to the upstream before connecting")
		return false
	}
	c.upMu.Lock()
	n, err := (*upp).Write(p)
	c.upMu.Unlock()
	c.toUpstream.Add(int64(n))
	if err != nil {
		c.setReason("upstream write: " + err.Error())
		return false
	}
	return true
}

var shutdownMessage = fatal("57P01", "terminating connection due to administrator command")

// internalErrorMessage is what a client gets when its session hit a bug
// (a panic): that session ends, the proxy goes on serving the others.
var internalErrorMessage = fatal("XX000", "maskwire: internal error; this session was closed (other sessions are not affected)")

// contain, deferred on each of a session's goroutines, turns a panic into
// the end of that session alone: the client gets internalErrorMessage (when
// no write to it is half done), the log gets the panic and its stack (no
// values: a stack holds none), and the process goes on.
func (c *session) contain(where string) {
	r := recover()
	if r == nil {
		return
	}
	c.srv.logPanic(c.id, where, r)
	if c.clientMu.TryLock() {
		c.client.SetWriteDeadline(time.Now().Add(time.Second))
		n, _ := c.client.Write(internalErrorMessage)
		c.toClient.Add(int64(n))
		c.clientMu.Unlock()
	}
	c.abort("internal error: " + where + " panicked")
}

// fatal encodes a FATAL ErrorResponse.
func fatal(code, msg string) []byte {
	b, err := (&pgproto3.ErrorResponse{Severity: "FATAL", SeverityUnlocalized: "FATAL", Code: code, Message: msg}).Encode(nil)
	if err != nil {
		panic("transport: encode ErrorResponse: " + err.Error())
	}
	return b
}

// goodbye sends msg (an ErrorResponse) to the client, bounded by a short
// write deadline, and ends the session.
func (c *session) goodbye(msg []byte, reason string) {
	if lc := c.lc.Load(); lc != nil {
		lc.goodbye(msg, reason)
		return
	}
	c.setReason(reason)
	c.clientMu.Lock()
	c.client.SetWriteDeadline(time.Now().Add(time.Second))
	n, _ := c.client.Write(msg)
	c.toClient.Add(int64(n))
	c.clientMu.Unlock()
	c.abort(reason)
}

func (c *session) setReason(r string) { c.reason.CompareAndSwap(nil, &r) }

// abort ends the session from any goroutine: it closes the client socket
// (which wakes the client goroutine) and unblocks writes to the upstream.
// The client goroutine's teardown does the rest.
func (c *session) abort(reason string) {
	c.setReason(reason)
	if !c.closing.CompareAndSwap(false, true) {
		return
	}
	if lc := c.lc.Load(); lc != nil {
		lc.abort(reason)
	}
	c.cancel()
	c.raw.Close()
	if upp := c.upstream.Load(); upp != nil {
		(*upp).SetWriteDeadline(time.Now())
	}
}

// closeIfIdle ends a session that has nothing in flight (for Shutdown).
func (c *session) closeIfIdle() {
	if lc := c.lc.Load(); lc != nil {
		lc.closeIfIdle()
		return
	}
	if !c.ready.Load() {
		c.abort("shutdown")
		return
	}
	if !c.eng.Busy() {
		c.goodbye(shutdownMessage, "shutdown")
	}
}

// teardown runs once, in the client goroutine. A session that ends while a
// request is in flight cancels it upstream first: PostgreSQL notices a
// closed socket only when it next writes, so without the cancel a long
// query would go on running.
func (c *session) teardown() {
	c.abort("ended")
	cancelled := false
	if upp := c.upstream.Load(); upp != nil {
		if !c.upstreamGone.Load() && c.eng.Busy() {
			if key, ok := c.eng.UpstreamKey(); ok {
				cfg := &c.srv.cfg
				err := sendCancel(context.Background(), cfg.Upstream, c.srv.upstreamTLS, cfg.ConnectTimeout, key)
				cancelled = err == nil
				if err != nil {
					c.logger().Warn("could not cancel the upstream query of a closed session", "err", err)
				}
			}
		}
		(*upp).Close()
		<-c.upDone
	}
	c.eng.Close()
	reason := "ended"
	if r := c.reason.Load(); r != nil {
		reason = *r
	}
	c.logger().Info("session end",
		"reason", reason,
		"duration", time.Since(c.start).Round(time.Millisecond),
		"client_bytes_in", c.fromClient.Load(),
		"client_bytes_out", c.toClient.Load(),
		"upstream_bytes_in", c.fromUpstream.Load(),
		"upstream_bytes_out", c.toUpstream.Load(),
		"cancelled_upstream", cancelled,
	)
}

// readyScanner finds the first ReadyForQuery in the message stream sent to
// the client after the startup message (message boundaries carried across
// writes).
type readyScanner struct {
	hdr  [5]byte
	nh   int
	skip int
}

func (r *readyScanner) feed(p []byte) bool {
	for len(p) > 0 {
		if r.skip > 0 {
			n := min(r.skip, len(p))
			r.skip -= n
			p = p[n:]
			continue
		}
		n := copy(r.hdr[r.nh:], p)
		r.nh += n
		p = p[n:]
		if r.nh < len(r.hdr) {
			return false
		}
		r.nh = 0
		if r.hdr[0] == 'Z' {
			return true
		}
		r.skip = max(int(binary.BigEndian.Uint32(r.hdr[1:]))-4, 0)
	}
	return false
}

// logPanic records a contained panic (see session.contain).
func (s *Server) logPanic(id uint64, where string, r any) {
	s.panics.Add(1)
	s.log.Error("session panic contained", "session", id, "where", where, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
}
