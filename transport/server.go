// Package transport is maskwire's transport: it drives one sans-I/O
// engine.Session per client connection.
//
// A session starts on two goroutines over net.Conn and crypto/tls: the
// client goroutine reads the client and feeds FromClient; the upstream
// goroutine reads the upstream and feeds FromServer, writing what comes out
// to the client synchronously. Once it is ready (authenticated) and neither
// side is TLS, it is handed to an epoll event loop (loop_linux.go) that
// relays it with fewer syscalls and no goroutine wake-ups. Either way a slow
// client stops maskwire reading the upstream (TCP backpressure reaches
// PostgreSQL), and memory per session is bounded by the buffer sizes,
// whatever the result size.
//
// The transport never logs message contents or passwords.
package transport

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/maskwire/maskwire/engine"
)

// Defaults for zero Config fields.
const (
	DefaultConnectTimeout  = 10 * time.Second
	DefaultStartupTimeout  = 60 * time.Second
	DefaultShutdownTimeout = 30 * time.Second
	DefaultReadBufferSize  = 256 << 10
)

// ErrServerClosed is returned by Serve after Shutdown.
var ErrServerClosed = errors.New("transport: server closed")

// Config configures a Server. Zero durations and sizes take the defaults
// above; IdleTimeout 0 disables the idle timeout.
type Config struct {
	// Listen is the address ListenAndServe listens on (host:port).
	Listen string
	// Upstream is the PostgreSQL server to relay to (see ParseUpstream).
	Upstream Upstream

	// TLSCertFile and TLSKeyFile (PEM) enable TLS to clients: SSLRequest is
	// answered 'S'. TLSConfig, when set, is used instead of the files.
	TLSCertFile, TLSKeyFile string
	TLSConfig               *tls.Config

	// ConnectTimeout bounds dialing the upstream, TLS handshake included;
	// 0 takes the upstream DSN's connect_timeout, else DefaultConnectTimeout.
	ConnectTimeout time.Duration
	// StartupTimeout bounds a client's startup: from accept until the
	// upstream's first ReadyForQuery (TLS, startup message, authentication).
	StartupTimeout time.Duration
	// IdleTimeout closes a session (FATAL 57P05) when the client has sent
	// nothing and no request was in flight for this long. 0 disables.
	IdleTimeout time.Duration
	// ShutdownTimeout bounds Shutdown when its context has no deadline.
	ShutdownTimeout time.Duration

	// ReadBufferSize is the read buffer per direction per session (a read
	// is one syscall of up to this many bytes). WriteBufferSize, when set,
	// is the kernel send buffer (SO_SNDBUF) of both sockets.
	ReadBufferSize  int
	WriteBufferSize int
	// MaxMessageSize bounds one protocol message (Engine.MaxMessageSize
	// takes precedence when set).
	MaxMessageSize int

	// Relay selects how a session's bytes are relayed once it is ready
	// (after authentication). The zero value is RelayAuto.
	Relay Relay

	// Loops is the number of event loops (RelayAuto, RelayEventLoop); 0
	// means one per CPU (GOMAXPROCS at start). When the loops start, GOMAXPROCS
	// is raised to Loops+1 if it is lower: a P for everything but the loops.
	Loops int

	// Logger receives structured session logs; nil discards them.
	Logger *slog.Logger
	// Engine is the protocol engine configuration. ClientTLS is set from the
	// TLS fields; a nil Cancels gets a fresh registry.
	Engine engine.Config
}

// Relay is how ready sessions are relayed.
type Relay uint8

const (
	// RelayAuto uses the event loop where there is one (Linux) and
	// goroutines elsewhere.
	RelayAuto Relay = iota
	// RelayGoroutines keeps every session on its two goroutines.
	RelayGoroutines
	// RelayEventLoop hands ready plain-socket sessions to epoll loops
	// (Linux only; sessions with TLS on either side stay on goroutines).
	RelayEventLoop
)

// ParseRelay reads a Relay from its configuration name.
func ParseRelay(s string) (Relay, error) {
	switch s {
	case "", "auto":
		return RelayAuto, nil
	case "goroutines":
		return RelayGoroutines, nil
	case "epoll", "event-loop":
		return RelayEventLoop, nil
	}
	return RelayAuto, fmt.Errorf("unknown relay %q (want auto, goroutines or epoll)", s)
}

// Server accepts client connections and relays each to the upstream
// through an engine.Session.
type Server struct {
	cfg         Config
	engine      *engine.Config
	clientTLS   *tls.Config
	upstreamTLS *tls.Config
	log         *slog.Logger

	eventLoop bool // hand ready sessions to the event loops
	loops     loopPool
	handoffs  atomic.Int64 // sessions handed to a loop
	panics    atomic.Int64 // panics contained (each ended one session)

	nextID   atomic.Uint64
	shutting atomic.Bool
	wg       sync.WaitGroup // sessions

	mu        sync.Mutex
	listeners map[net.Listener]struct{}
	sessions  map[*session]struct{}
	done      chan struct{} // closed when shutdown starts
}

// New validates cfg and builds a Server.
func New(cfg Config) (*Server, error) {
	if cfg.Upstream.Addr == "" {
		return nil, errors.New("transport: no upstream address")
	}
	if cfg.ConnectTimeout <= 0 {
		cfg.ConnectTimeout = cfg.Upstream.ConnectTimeout
	}
	if cfg.ConnectTimeout <= 0 {
		cfg.ConnectTimeout = DefaultConnectTimeout
	}
	if cfg.StartupTimeout <= 0 {
		cfg.StartupTimeout = DefaultStartupTimeout
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = DefaultShutdownTimeout
	}
	if cfg.ReadBufferSize <= 0 {
		cfg.ReadBufferSize = DefaultReadBufferSize
	}
	if cfg.ReadBufferSize < 4096 {
		return nil, fmt.Errorf("transport: read buffer size %d too small (minimum 4096)", cfg.ReadBufferSize)
	}
	if cfg.IdleTimeout < 0 {
		return nil, errors.New("transport: negative idle timeout")
	}
	if cfg.Relay == RelayEventLoop && !haveLoop {
		return nil, errors.New("transport: the event loop relay needs Linux (epoll)")
	}
	s := &Server{
		cfg:       cfg,
		log:       cfg.Logger,
		listeners: map[net.Listener]struct{}{},
		sessions:  map[*session]struct{}{},
		done:      make(chan struct{}),
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.eventLoop = haveLoop && cfg.Relay != RelayGoroutines
	if cfg.Loops < 0 {
		return nil, errors.New("transport: negative number of event loops")
	}
	s.loops.n = cfg.Loops
	if s.loops.n == 0 {
		s.loops.n = defaultLoops()
	}
	switch {
	case cfg.TLSConfig != nil:
		s.clientTLS = cfg.TLSConfig
	case cfg.TLSCertFile != "" || cfg.TLSKeyFile != "":
		cert, err := tls.LoadX509KeyPair(cfg.TLSCertFile, cfg.TLSKeyFile)
		if err != nil {
			return nil, fmt.Errorf("client TLS certificate: %w", err)
		}
		s.clientTLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	var err error
	if s.upstreamTLS, err = cfg.Upstream.tlsConfig(); err != nil {
		return nil, err
	}
	ec := cfg.Engine
	ec.ClientTLS = s.clientTLS != nil
	if ec.MaxMessageSize == 0 {
		ec.MaxMessageSize = cfg.MaxMessageSize
	}
	if ec.Cancels == nil {
		ec.Cancels = engine.NewCancelRegistry()
	}
	if ec.RequireClientTLS && !ec.ClientTLS {
		return nil, errors.New("transport: client TLS required but no certificate configured")
	}
	s.engine = &ec
	return s, nil
}

// Cancels is the registry mapping client cancel keys to upstream ones.
func (s *Server) Cancels() *engine.CancelRegistry { return s.engine.Cancels }

// ListenAndServe listens on Config.Listen and serves until ctx ends or
// Shutdown is called.
func (s *Server) ListenAndServe(ctx context.Context) error {
	l, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", s.cfg.Listen, stripOpError(err))
	}
	return s.Serve(ctx, l)
}

// Serve accepts connections on l until Shutdown is called or ctx ends (which
// starts a graceful shutdown bounded by ShutdownTimeout). It closes l and
// returns ErrServerClosed after a shutdown.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	s.mu.Lock()
	if s.shutting.Load() {
		s.mu.Unlock()
		l.Close()
		return ErrServerClosed
	}
	s.listeners[l] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.listeners, l)
		s.mu.Unlock()
		l.Close()
	}()
	stop := context.AfterFunc(ctx, func() {
		sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
		defer cancel()
		s.Shutdown(sctx)
	})
	defer stop()
	s.log.Info("listening", "addr", l.Addr().String(), "upstream", s.cfg.Upstream.Addr,
		"upstream_sslmode", string(s.cfg.Upstream.SSLMode), "client_tls", s.clientTLS != nil)
	var backoff time.Duration
	for {
		nc, err := l.Accept()
		if err != nil {
			if s.shutting.Load() {
				return ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() || isTemporary(err) {
				backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
				s.log.Warn("accept failed; retrying", "err", err, "backoff", backoff)
				time.Sleep(backoff)
				continue
			}
			return err
		}
		backoff = 0
		if !s.startSession(nc) {
			nc.Close()
			return ErrServerClosed
		}
	}
}

func isTemporary(err error) bool {
	t, ok := err.(interface{ Temporary() bool })
	return ok && t.Temporary()
}

// Shutdown stops accepting, closes sessions that have nothing in flight
// (with FATAL 57P01), lets busy ones finish their request, and closes what
// is left when ctx ends (or after ShutdownTimeout when ctx has no deadline).
// It returns when every session has ended, with ctx.Err() if it had to
// force them.
func (s *Server) Shutdown(ctx context.Context) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.cfg.ShutdownTimeout)
		defer cancel()
	}
	s.mu.Lock()
	first := !s.shutting.Swap(true)
	if first {
		close(s.done)
	}
	for l := range s.listeners {
		l.Close()
	}
	sessions := make([]*session, 0, len(s.sessions))
	for c := range s.sessions {
		sessions = append(sessions, c)
	}
	s.mu.Unlock()
	if first {
		s.log.Info("shutting down", "sessions", len(sessions))
	}
	for _, c := range sessions {
		c.closeIfIdle()
	}
	finished := make(chan struct{})
	go func() { s.wg.Wait(); close(finished) }()
	defer s.loops.stop()
	select {
	case <-finished:
		return nil
	case <-ctx.Done():
	}
	s.mu.Lock()
	for c := range s.sessions {
		c.abort("shutdown deadline")
	}
	s.mu.Unlock()
	<-finished
	return ctx.Err()
}

// Sessions reports how many client connections are open.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

func (s *Server) startSession(nc net.Conn) bool {
	c := newSession(s, nc)
	s.mu.Lock()
	if s.shutting.Load() {
		s.mu.Unlock()
		return false
	}
	s.sessions[c] = struct{}{}
	s.wg.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.wg.Done()
		c.run()
		s.mu.Lock()
		delete(s.sessions, c)
		s.mu.Unlock()
	}()
	return true
}
