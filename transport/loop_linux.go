//go:build linux

package transport

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"

	"github.com/maskwire/maskwire/engine"
)

// The event loop relays ready sessions without a goroutine per direction.
//
// A session starts in the goroutine transport (accept, TLS, startup,
// authentication: the slow, rare, blocking part). Once the upstream's first
// ReadyForQuery has reached the client, and neither side is TLS, the session
// hands its two sockets to one of the server's loops (Config.Loops; one per
// CPU by default), the least busy. A loop is one goroutine
// around a level-triggered epoll set: it reads a socket only when epoll said
// it is readable (no read that ends in EAGAIN), feeds the engine, and writes
// what comes out at once. A request/response round trip costs two reads, two
// writes and the epoll_wait calls, with no goroutine parked or woken: the
// goroutine transport's netpoller and scheduler work per round trip (about
// twice the syscalls, measured in BENCHMARKS.md) is what this saves.
//
// Backpressure is the goroutine transport's, made explicit: bytes that a
// socket would not take are kept in the session's pending buffer (bounded by
// pendingCap plus one engine output), and while a direction has pending bytes the loop stops
// reading the side that feeds it (it takes the socket out of the epoll read
// set). A slow client therefore stops maskwire reading the upstream, and
// TCP backpressure reaches PostgreSQL, exactly as before.

// loopReadable reports whether the event loop can take over c: both sides
// must be plain sockets (TLS stays with the goroutine transport).
func loopReadable(c *session) bool {
	if c.client != c.raw {
		return false // upgraded to TLS
	}
	if _, ok := c.raw.(syscall.Conn); !ok {
		return false
	}
	upp := c.upstream.Load()
	if upp == nil {
		return false
	}
	_, ok := (*upp).(syscall.Conn)
	return ok
}

// dupFD duplicates the descriptor under a net.Conn (which the caller then
// closes: Go's netpoller forgets its own descriptor, ours stays open).
func dupFD(nc any) (int, error) {
	sc, ok := nc.(syscall.Conn)
	if !ok {
		return -1, errors.New("not a socket")
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return -1, err
	}
	fd := -1
	var derr error
	if err := rc.Control(func(s uintptr) {
		fd, derr = syscall.Dup(int(s))
		if derr == nil {
			syscall.CloseOnExec(fd)
			derr = syscall.SetNonblock(fd, true)
		}
	}); err != nil {
		return -1, err
	}
	if derr != nil {
		if fd >= 0 {
			syscall.Close(fd)
		}
		return -1, derr
	}
	return fd, nil
}

// loopPool is a Server's set of loops, started on the first hand-off.
type loopPool struct {
	mu    sync.Mutex
	loops []*loop
	err   error
	n     int
}

// pick returns the loop relaying the fewest sessions, starting the loops on
// first use.
func (p *loopPool) pick() (*loop, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.loops == nil && p.err == nil {
		reserveProc(p.n)
		for range p.n {
			l, err := newLoop()
			if err != nil {
				p.err = err
				break
			}
			p.loops = append(p.loops, l)
			go l.run()
		}
	}
	if len(p.loops) == 0 {
		return nil, p.err
	}
	best := p.loops[0]
	for _, l := range p.loops[1:] {
		if l.sessions.Load() < best.sessions.Load() {
			best = l
		}
	}
	best.sessions.Add(1)
	return best, nil
}

// stop ends the loops (once every session has ended).
func (p *loopPool) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, l := range p.loops {
		l.post(func() { l.stopped = true })
	}
	p.loops = nil
}

// startProcs is GOMAXPROCS as the process started (the environment's, or
// the CPUs the runtime found), read before reserveProc may raise it.
var startProcs = runtime.GOMAXPROCS(0)

// defaultLoops is one loop per CPU (per P the process started with). Under
// pgbench -S -c 2 to -c 16 on a 2-CPU machine with idle CPU, two loops
// relayed 1.03-1.9x the transactions of one (the relay is the one serial
// step of each round trip, and a single loop was busy half the time); one
// loop was ahead only when another process kept the CPUs busy, where a
// loop's fewer events per epoll_wait cost more wake-ups (BENCHMARKS.md,
// session 8; relay.loops: 1 is then the setting).
func defaultLoops() int { return max(1, startProcs) }

// reserveProc keeps one P for the goroutines beside n loops. A loop
// blocked in epoll_wait holds its P (a P in a system call is not idle,
// so a new goroutine wakes no thread for it), and a running loop yields
// only every yieldEvery: with as many loops as Ps, an accept, a startup or
// a catalog lookup waited for sysmon or a yield, and a new connection took
// 28 ms instead of 4 under pgbench (BENCHMARKS.md, session 8). The extra P
// lets the operating system schedule that work beside the loops. Setting
// GOMAXPROCS also ends the runtime's own updates of it from a container's
// CPU limit: the value stays what the process started with, plus one.
func reserveProc(n int) {
	if runtime.GOMAXPROCS(0) <= n {
		runtime.GOMAXPROCS(n + 1)
	}
}

// loopConn is a session owned by a loop. Only the loop goroutine touches it.
type loopConn struct {
	c        *session
	l        *loop
	cfd, ufd int
	// pending bytes the socket would not take yet (copies)
	toClient, toUp []byte
	// interest registered in epoll for each fd
	cev, uev uint32
	dead     bool
	// waiting: the engine waits on a lookup (Output.Wait) run on its own
	// goroutine; the session's sockets are out of the epoll set meanwhile.
	waiting bool
	done    chan struct{} // closed when the loop let go of the session
}

const (
	evIn  = syscall.EPOLLIN | syscall.EPOLLRDHUP
	evOut = syscall.EPOLLOUT
	// pendingCap bounds the bytes waiting for a socket before the loop stops
	// reading the side that produces them for it.
	pendingCap = 1 << 20
)

type loop struct {
	epfd   int
	wakefd int

	mu     sync.Mutex
	posts  []func()
	posted atomic.Bool // posts is not empty (read without the lock at each wake)

	sessions atomic.Int64 // sessions assigned to this loop (any goroutine)
	stopped  bool

	conns  []*loopConn // by both of its descriptors (an index: fds are small)
	nconns int         // sessions in conns
	buf    []byte      // shared read buffer (sized on first use)
	iov    []syscall.Iovec
	// The loop's clock: a timerfd ticks every sweepEvery while it relays
	// sessions, and now (UnixNano) is read at each tick (and at each
	// adoption), not at each wake: activity times need no finer grain than
	// the sweep that reads them, and a clock read per round trip was about
	// 60 ns of the loop's work.
	timerfd int
	armed   bool
	now     int64
	// Yielding: the loop goroutine would otherwise run on one scheduler tick
	// for ever (epoll_wait is a syscall, not a reschedule). Go's sysmon treats
	// a goroutine on the same tick for 10 ms as a hog: it preempts it, takes its
	// P away in the middle of epoll_wait, and then polls every 20 µs for a
	// while, a thread wake-up each time. Yielding every yieldEvery keeps the
	// tick moving. The clock is read once per yieldCheck wakes.
	wakes   uint32
	yielded time.Duration // since epoch, at the last yield
	epoch   time.Time
}

// yieldEvery is the most the loop runs without rescheduling itself, under
// sysmon's 10 ms; yieldCheck wakes pass between two clock reads. A yield is
// not free: Gosched wakes an idle thread to look for work (wakep, a futex
// wake-up, and that thread's spin and sleep). At 5 ms the yields were 2.7% of
// the loop's CPU samples under pgbench -S; 8 ms cuts that by 3/8 and leaves
// 2 ms for the yieldCheck wakes between clock reads, well under 1 ms when the
// loop is busy enough for the cost to matter.
const (
	yieldEvery = 8 * time.Millisecond
	yieldCheck = 8
)

// sweepEvery is the period of the idle-timeout and shutdown sweeps.
const sweepEvery = 250 * time.Millisecond

func newLoop() (*loop, error) {
	epfd, err := syscall.EpollCreate1(syscall.EPOLL_CLOEXEC)
	if err != nil {
		return nil, err
	}
	r, _, e := syscall.Syscall(syscall.SYS_EVENTFD2, 0, syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
	if e != 0 {
		syscall.Close(epfd)
		return nil, e
	}
	t, _, e := syscall.Syscall(syscall.SYS_TIMERFD_CREATE, clockMonotonic, syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
	if e != 0 {
		syscall.Close(epfd)
		syscall.Close(int(r))
		return nil, e
	}
	l := &loop{epfd: epfd, wakefd: int(r), timerfd: int(t), epoch: time.Now()}
	for _, fd := range []int{l.wakefd, l.timerfd} {
		if err := syscall.EpollCtl(epfd, syscall.EPOLL_CTL_ADD, fd, &syscall.EpollEvent{Events: syscall.EPOLLIN, Fd: int32(fd)}); err != nil {
			l.closeFDs()
			return nil, err
		}
	}
	return l, nil
}

const clockMonotonic = 1 // CLOCK_MONOTONIC

func (l *loop) closeFDs() {
	syscall.Close(l.epfd)
	syscall.Close(l.wakefd)
	syscall.Close(l.timerfd)
}

// arm starts (every > 0) or stops (0) the sweep ticks.
func (l *loop) arm(every time.Duration) {
	var spec [2]syscall.Timespec // it_interval, it_value
	spec[0] = syscall.NsecToTimespec(int64(every))
	spec[1] = spec[0]
	if _, _, e := syscall.Syscall6(syscall.SYS_TIMERFD_SETTIME, uintptr(l.timerfd), 0, uintptr(unsafe.Pointer(&spec[0])), 0, 0, 0); e != 0 {
		panic("transport: timerfd_settime: " + e.Error())
	}
	l.armed = every > 0
}

// post runs f on the loop goroutine.
func (l *loop) post(f func()) {
	l.mu.Lock()
	l.posts = append(l.posts, f)
	l.posted.Store(true)
	l.mu.Unlock()
	one := [8]byte{1}
	syscall.Write(l.wakefd, one[:])
}

func (l *loop) run() {
	// The loop keeps one thread. Unlocked, its goroutine moved to whichever
	// thread took it after each yield: with a P beside the loops (reserveProc),
	// a woken idle thread took it, and the kernel then often ran both loops'
	// threads on one CPU until it balanced them again. Two loops relayed
	// 0.99x PgBouncer's pgbench -S transactions that way, 1.14x locked
	// (BENCHMARKS.md, session 8).
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	events := make([]syscall.EpollEvent, 128)
	var posts []func()
	for {
		n, err := syscall.EpollWait(l.epfd, events, -1)
		if err != nil {
			if err == syscall.EINTR {
				continue
			}
			panic("transport: epoll_wait: " + err.Error())
		}
		sweep := false
		for i := range n {
			ev := &events[i]
			fd := int(ev.Fd)
			if fd == l.wakefd || fd == l.timerfd {
				var b [8]byte
				rawRead(fd, b[:])
				sweep = sweep || fd == l.timerfd
				continue
			}
			lc := l.conn(fd)
			if lc == nil || lc.dead || lc.waiting {
				continue // (a waiting session's events come again after resume)
			}
			l.handleContained(lc, fd, ev.Events)
		}
		if l.posted.Load() {
			l.mu.Lock()
			posts, l.posts = l.posts, posts[:0]
			l.posted.Store(false)
			l.mu.Unlock()
		} else {
			posts = posts[:0]
		}
		for i, f := range posts {
			f()
			posts[i] = nil
		}
		if l.stopped && l.nconns == 0 {
			l.closeFDs()
			return
		}
		if sweep && l.nconns > 0 {
			now := time.Now()
			l.now = now.UnixNano()
			l.sweep(now)
		}
		if l.armed && l.nconns == 0 {
			l.arm(0) // an idle loop sleeps until a post wakes it
		}
		if l.wakes++; l.wakes%yieldCheck == 0 || sweep {
			if t := time.Since(l.epoch); t-l.yielded >= yieldEvery {
				l.yielded = t
				runtime.Gosched()
			}
		}
	}
}

// conn returns the session fd belongs to (nil if none).
func (l *loop) conn(fd int) *loopConn {
	if uint(fd) < uint(len(l.conns)) {
		return l.conns[fd]
	}
	return nil
}

func (l *loop) setConn(fd int, lc *loopConn) {
	if fd >= len(l.conns) {
		l.conns = append(l.conns, make([]*loopConn, fd+1-len(l.conns)+len(l.conns)/2)...)
	}
	l.conns[fd] = lc
}

// adopt registers a session's sockets (on the loop goroutine).
func (l *loop) adopt(lc *loopConn) {
	if lc.dead {
		return
	}
	if lc.c.closing.Load() {
		l.finish(lc, "")
		return
	}
	if l.buf == nil {
		l.buf = make([]byte, lc.c.srv.cfg.ReadBufferSize)
	}
	l.now = time.Now().UnixNano()
	if !l.armed {
		l.arm(sweepEvery)
	}
	l.setConn(lc.cfd, lc)
	l.setConn(lc.ufd, lc)
	l.nconns++
	lc.cev, lc.uev = evIn, evIn
	if err := syscall.EpollCtl(l.epfd, syscall.EPOLL_CTL_ADD, lc.cfd, &syscall.EpollEvent{Events: lc.cev, Fd: int32(lc.cfd)}); err != nil {
		l.finish(lc, "epoll: "+err.Error())
		return
	}
	if err := syscall.EpollCtl(l.epfd, syscall.EPOLL_CTL_ADD, lc.ufd, &syscall.EpollEvent{Events: lc.uev, Fd: int32(lc.ufd)}); err != nil {
		l.finish(lc, "epoll: "+err.Error())
		return
	}
	// Bytes may have arrived on either socket before it was registered:
	// level-triggered epoll reports them on the next wait.
}

// handleContained is handle with a panic contained to the session it
// happened in: that session ends with internalErrorMessage, the loop goes on
// relaying the others.
func (l *loop) handleContained(lc *loopConn, fd int, ev uint32) {
	defer l.contain(lc, "event loop")
	l.handle(lc, fd, ev)
}

func (l *loop) contain(lc *loopConn, where string) {
	r := recover()
	if r == nil {
		return
	}
	lc.c.srv.logPanic(lc.c.id, where, r)
	// Pending bytes are whole messages (an output is queued only once built):
	// they go first, then the error, if the client takes them now.
	l.goodbye(lc, internalErrorMessage, "internal error: "+where+" panicked")
}

func (l *loop) handle(lc *loopConn, fd int, ev uint32) {
	if fd == lc.cfd {
		if ev&evOut != 0 && !l.flushClient(lc) {
			return
		}
		if readable(ev, lc.cev) {
			l.readClient(lc)
		}
	} else {
		if ev&evOut != 0 && !l.flushUp(lc) {
			return
		}
		if readable(ev, lc.uev) {
			l.readUp(lc)
		}
	}
	if !lc.dead {
		l.interest(lc)
	}
}

// readable reports whether to read a socket after event ev, given the
// interest it was registered with. A hang-up or error is reported even
// while reading is paused (epoll always reports them), so it is read then
// too: the peer has stopped sending, so what is left is bounded by its
// socket buffer, and reading it reaches the EOF that ends the session
// instead of waking the loop again and again.
func readable(ev, interest uint32) bool {
	if ev&(syscall.EPOLLHUP|syscall.EPOLLERR) != 0 {
		return true
	}
	return ev&(syscall.EPOLLIN|syscall.EPOLLRDHUP) != 0 && interest&syscall.EPOLLIN != 0
}

// interest updates the epoll sets from the pending buffers: a side with
// bytes waiting is watched for writability, and the side feeding it is not
// read until they are gone.
func (l *loop) interest(lc *loopConn) {
	if lc.waiting {
		return // out of the epoll set until resume
	}
	var cev, uev uint32
	if len(lc.toUp) == 0 && len(lc.toClient) < pendingCap {
		cev |= evIn
	}
	if len(lc.toClient) > 0 {
		cev |= evOut
	}
	if len(lc.toClient) == 0 && len(lc.toUp) < pendingCap {
		uev |= evIn
	}
	if len(lc.toUp) > 0 {
		uev |= evOut
	}
	if cev != lc.cev {
		lc.cev = cev
		if err := syscall.EpollCtl(l.epfd, syscall.EPOLL_CTL_MOD, lc.cfd, &syscall.EpollEvent{Events: cev, Fd: int32(lc.cfd)}); err != nil {
			l.finish(lc, "epoll: "+err.Error())
			return
		}
	}
	if uev != lc.uev {
		lc.uev = uev
		if err := syscall.EpollCtl(l.epfd, syscall.EPOLL_CTL_MOD, lc.ufd, &syscall.EpollEvent{Events: uev, Fd: int32(lc.ufd)}); err != nil {
			l.finish(lc, "epoll: "+err.Error())
		}
	}
}

// The loop's reads and writes are on non-blocking sockets: they never
// block, so they are made as raw system calls, without telling the
// scheduler (entersyscall/exitsyscall) — which also keeps sysmon from
// watching the loop's P for a blocked system call at every read.

func rawRead(fd int, p []byte) (int, error) { return rawIO(syscall.SYS_READ, fd, p) }

// rawIO is read(2) or write(2) (trap) of p on fd.
func rawIO(trap uintptr, fd int, p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	r, _, e := syscall.RawSyscall(trap, uintptr(fd), uintptr(unsafe.Pointer(&p[0])), uintptr(len(p)))
	if e != 0 {
		return -1, e
	}
	return int(r), nil
}

func readFD(fd int, p []byte) (int, error) {
	for {
		n, err := sockRead(fd, p)
		if err == syscall.EINTR {
			continue
		}
		return n, err
	}
}

func (l *loop) readClient(lc *loopConn) {
	c := lc.c
	n, err := readFD(lc.cfd, l.buf)
	if err == syscall.EAGAIN {
		return
	}
	if err != nil {
		l.finish(lc, "client read: "+err.Error())
		return
	}
	if n == 0 {
		l.finish(lc, "client closed")
		return
	}
	c.fromClient.Add(int64(n))
	c.lastActive.Store(l.now)
	if c.srv.shutting.Load() && !c.eng.Busy() {
		l.goodbye(lc, shutdownMessage, "shutdown")
		return
	}
	out, ferr := c.eng.FromClient(l.buf[:n])
	if len(out.ToClient) > 0 && !l.sendClient(lc, out.ToClient) {
		return
	}
	if out.StartTLS || out.Connect != nil {
		l.finish(lc, "engine asked for a startup step after startup")
		return
	}
	l.act(lc, out, ferr, "client")
}

// act carries out what an engine Output asks after its client-bound bytes:
// ToServer, Cancel, Close, and the feed's protocol error (from names the side
// fed). It returns false when the session ended.
func (l *loop) act(lc *loopConn, out engine.Output, ferr error, from string) bool {
	if len(out.ToServer) > 0 && !l.sendUp(lc, out.ToServer) {
		return false
	}
	if out.Cancel != nil {
		go lc.c.forwardCancel(*out.Cancel)
	}
	if out.Close {
		l.finish(lc, "closed by engine")
		return false
	}
	if ferr != nil {
		l.finish(lc, from+" protocol error: "+ferr.Error())
		return false
	}
	return true
}

func (l *loop) readUp(lc *loopConn) {
	c := lc.c
	n, err := readFD(lc.ufd, l.buf)
	if err == syscall.EAGAIN {
		return
	}
	if err != nil || n == 0 {
		c.upstreamGone.Store(true)
		var cause error = errors.New("EOF")
		reason := "upstream closed"
		if err != nil {
			cause, reason = err, "upstream read: "+err.Error()
		}
		out := c.eng.ServerEOF(cause)
		if len(out.ToClient) > 0 {
			l.writeOnce(lc, out.ToClient)
		}
		l.finish(lc, reason)
		return
	}
	c.fromUpstream.Add(int64(n))
	c.lastActive.Store(l.now)
	out, ferr := c.eng.FromServer(l.buf[:n])
	l.fromServer(lc, out, ferr)
}

// fromServer carries out the engine's answer to upstream bytes.
func (l *loop) fromServer(lc *loopConn, out engine.Output, ferr error) {
	c := lc.c
	if out.ToClientVec != nil {
		if !l.sendClientVec(lc, out.ToClientVec) {
			return
		}
	} else if len(out.ToClient) > 0 && !l.sendClient(lc, out.ToClient) {
		return
	}
	if !l.act(lc, out, ferr, "upstream") {
		return
	}
	if out.Wait != nil {
		l.waitFor(lc, out.Wait)
		return
	}
	if c.srv.shutting.Load() && !c.eng.Busy() {
		l.goodbye(lc, shutdownMessage, "shutdown")
	}
}

// waitFor runs a lookup the engine must wait on (a catalog query before a
// result set is planned) on a goroutine of its own, so that the loop goes
// on serving its other sessions. The session's sockets leave the epoll set
// until the lookup is done (a hang-up meanwhile is seen when they are back);
// then the engine goes on with the bytes it kept.
func (l *loop) waitFor(lc *loopConn, wait func()) {
	lc.waiting = true
	syscall.EpollCtl(l.epfd, syscall.EPOLL_CTL_DEL, lc.cfd, nil)
	syscall.EpollCtl(l.epfd, syscall.EPOLL_CTL_DEL, lc.ufd, nil)
	lc.cev, lc.uev = 0, 0
	go func() {
		defer func() {
			if r := recover(); r != nil {
				lc.c.srv.logPanic(lc.c.id, "lookup", r)
				l.post(func() {
					lc.waiting = false
					l.goodbye(lc, internalErrorMessage, "internal error: lookup panicked")
				})
			}
		}()
		wait()
		l.post(func() { l.resume(lc) })
	}()
}

func (l *loop) resume(lc *loopConn) {
	lc.waiting = false
	if lc.dead {
		return
	}
	defer l.contain(lc, "event loop")
	for _, fd := range []int{lc.cfd, lc.ufd} {
		if err := syscall.EpollCtl(l.epfd, syscall.EPOLL_CTL_ADD, fd, &syscall.EpollEvent{Fd: int32(fd)}); err != nil {
			l.finish(lc, "epoll: "+err.Error())
			return
		}
	}
	out, ferr := lc.c.eng.FromServer(nil)
	l.fromServer(lc, out, ferr)
	if !lc.dead {
		l.interest(lc)
	}
}

// sendClient writes p to the client now, keeping what the socket would not
// take. It returns false when the session ended.
func (l *loop) sendClient(lc *loopConn, p []byte) bool {
	return l.send(lc, lc.cfd, &lc.toClient, &lc.c.toClient, "client", p)
}

// sendUp is sendClient towards the upstream.
func (l *loop) sendUp(lc *loopConn, p []byte) bool {
	return l.send(lc, lc.ufd, &lc.toUp, &lc.c.toUpstream, "upstream", p)
}

// send writes p to fd after the bytes already pending for it (then p is
// only queued), and queues what the socket would not take.
func (l *loop) send(lc *loopConn, fd int, pending *[]byte, written *atomic.Int64, side string, p []byte) bool {
	if len(*pending) > 0 {
		*pending = append(*pending, p...)
		return true
	}
	n, err := writeFD(fd, p)
	written.Add(int64(n))
	if err != nil {
		l.finish(lc, side+" write: "+err.Error())
		return false
	}
	if n < len(p) {
		*pending = append(*pending, p[n:]...)
	}
	return true
}

// sendClientVec writes the pieces to the client with writev.
func (l *loop) sendClientVec(lc *loopConn, pieces [][]byte) bool {
	if len(lc.toClient) > 0 {
		for _, p := range pieces {
			lc.toClient = append(lc.toClient, p...)
		}
		return true
	}
	for len(pieces) > 0 {
		batch := pieces[:min(len(pieces), 1024)] // IOV_MAX
		l.iov = l.iov[:0]
		total := 0
		for _, p := range batch {
			if len(p) == 0 {
				continue
			}
			v := syscall.Iovec{Base: &p[0]}
			v.SetLen(len(p))
			l.iov = append(l.iov, v)
			total += len(p)
		}
		n := 0
		if len(l.iov) > 0 {
			var err error
			n, err = writevFD(lc.cfd, l.iov)
			lc.c.toClient.Add(int64(n))
			if err != nil {
				l.finish(lc, "client write: "+err.Error())
				return false
			}
		}
		if n < total { // keep the rest, in order
			for _, p := range batch {
				if n >= len(p) {
					n -= len(p)
					continue
				}
				lc.toClient = append(lc.toClient, p[n:]...)
				n = 0
			}
			for _, p := range pieces[len(batch):] {
				lc.toClient = append(lc.toClient, p...)
			}
			return true
		}
		pieces = pieces[len(batch):]
	}
	return true
}

func (l *loop) flushClient(lc *loopConn) bool {
	return l.flush(lc, lc.cfd, &lc.toClient, &lc.c.toClient, "client")
}

func (l *loop) flushUp(lc *loopConn) bool {
	return l.flush(lc, lc.ufd, &lc.toUp, &lc.c.toUpstream, "upstream")
}

// flush writes what is pending for fd, as much as the socket takes.
func (l *loop) flush(lc *loopConn, fd int, pending *[]byte, written *atomic.Int64, side string) bool {
	if len(*pending) == 0 {
		return true
	}
	n, err := writeFD(fd, *pending)
	written.Add(int64(n))
	if err != nil {
		l.finish(lc, side+" write: "+err.Error())
		return false
	}
	*pending = shift(*pending, n)
	return true
}

// shift drops the first n bytes of b, keeping its storage unless it grew
// past what a session should hold on to while idle.
func shift(b []byte, n int) []byte {
	rest := copy(b, b[n:])
	b = b[:rest]
	if rest == 0 && cap(b) > pendingCap {
		return nil
	}
	return b
}

// writeFD writes as much of p as the socket takes now: a short count with a
// nil error means it is full.
func writeFD(fd int, p []byte) (int, error) {
	done := 0
	for done < len(p) {
		n, err := sockWrite(fd, p[done:])
		if n > 0 {
			done += n
		}
		switch err {
		case nil:
			if n == 0 {
				return done, nil
			}
		case syscall.EINTR:
		case syscall.EAGAIN:
			return done, nil
		default:
			return done, err
		}
	}
	return done, nil
}

func writevFD(fd int, iov []syscall.Iovec) (int, error) {
	for {
		n, err := sockWritev(fd, iov)
		switch err {
		case nil:
			return n, nil
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			return 0, nil
		}
		return 0, err
	}
}

// writeOnce makes one attempt to get msg to the client (a goodbye).
func (l *loop) writeOnce(lc *loopConn, msg []byte) {
	if len(lc.toClient) > 0 {
		n, err := writeFD(lc.cfd, lc.toClient)
		if err != nil || n < len(lc.toClient) {
			return
		}
		lc.toClient = lc.toClient[:0]
	}
	n, _ := writeFD(lc.cfd, msg)
	lc.c.toClient.Add(int64(n))
}

func (l *loop) goodbye(lc *loopConn, msg []byte, reason string) {
	if lc.dead {
		return
	}
	l.writeOnce(lc, msg)
	l.finish(lc, reason)
}

// sweep applies the idle timeout and a pending shutdown to idle sessions.
func (l *loop) sweep(now time.Time) {
	for fd, lc := range l.conns {
		if lc == nil {
			continue
		}
		if fd != lc.cfd || lc.dead {
			continue
		}
		c := lc.c
		if c.closing.Load() {
			l.finish(lc, "")
			continue
		}
		if c.eng.Busy() {
			if idle := c.srv.cfg.IdleTimeout; idle > 0 {
				c.touch() // a request in flight: the client is waiting, not idle
			}
			continue
		}
		if c.srv.shutting.Load() {
			l.goodbye(lc, shutdownMessage, "shutdown")
			continue
		}
		if idle := c.srv.cfg.IdleTimeout; idle > 0 && now.Sub(time.Unix(0, c.lastActive.Load())) >= idle {
			l.goodbye(lc, fatal("57P05", "terminating connection due to idle-session timeout"), "idle timeout")
		}
	}
}

// finish lets go of a session: its descriptors are closed and its client
// goroutine, waiting on done, runs the usual teardown (the upstream cancel
// of a request in flight, the engine's Close, the log line).
func (l *loop) finish(lc *loopConn, reason string) {
	if lc.dead {
		return
	}
	lc.dead = true
	if reason != "" {
		lc.c.setReason(reason)
	}
	registered := false
	for _, fd := range [2]int{lc.cfd, lc.ufd} {
		if l.conn(fd) == lc {
			syscall.EpollCtl(l.epfd, syscall.EPOLL_CTL_DEL, fd, nil)
			l.conns[fd] = nil
			registered = true
		}
	}
	if registered {
		l.nconns--
	}
	syscall.Close(lc.cfd)
	syscall.Close(lc.ufd)
	lc.toClient, lc.toUp = nil, nil
	l.sessions.Add(-1)
	close(lc.done)
}

// handOff moves a ready session to a loop and waits until the loop lets go
// of it. It runs on the client goroutine after the upstream goroutine has
// stopped; it returns false (and changes nothing) when the sockets cannot
// be taken over, and the goroutines go on relaying.
func (c *session) handOff() bool {
	upp := c.upstream.Load()
	cfd, err := dupFD(c.raw)
	if err != nil {
		return false
	}
	ufd, err := dupFD(*upp)
	if err != nil {
		syscall.Close(cfd)
		return false
	}
	l, err := c.srv.loops.pick()
	if err != nil {
		syscall.Close(cfd)
		syscall.Close(ufd)
		c.logger().Warn("event loop unavailable; relaying with goroutines", "err", err)
		return false
	}
	// From here the loop owns the sockets: the net.Conns are closed (Go's
	// netpoller forgets them; the duplicates keep the connections open).
	c.raw.Close()
	(*upp).Close()
	lc := &loopConn{c: c, l: l, cfd: cfd, ufd: ufd, done: make(chan struct{})}
	c.lc.Store(lc)
	c.srv.handoffs.Add(1)
	l.post(func() { l.adopt(lc) })
	c.srv.log.Debug("session relayed by event loop", "session", c.id)
	<-lc.done
	return true
}

// abortInLoop asks the loop to end a session it owns.
func (lc *loopConn) abort(reason string) {
	lc.l.post(func() { lc.l.finish(lc, reason) })
}

// goodbyeInLoop asks the loop to send msg and end the session.
func (lc *loopConn) goodbye(msg []byte, reason string) {
	lc.l.post(func() { lc.l.goodbye(lc, msg, reason) })
}

// closeIfIdleInLoop ends the session now if nothing is in flight.
func (lc *loopConn) closeIfIdle() {
	lc.l.post(func() {
		if !lc.dead && !lc.c.eng.Busy() {
			lc.l.goodbye(lc, shutdownMessage, "shutdown")
		}
	})
}

const haveLoop = true
