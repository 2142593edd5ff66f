//go:build linux && (amd64 || arm64)

package transport

import (
	"bytes"
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"
)

// TestSockIO: the loop's socket calls move bytes both ways on a socket pair,
// report EAGAIN when nothing is waiting, 0 at EOF, and EPIPE (never SIGPIPE:
// MSG_NOSIGNAL) when the peer is gone; and recvfrom refuses a descriptor
// that is not a socket, which is why the eventfd stays on read.
func TestSockIO(t *testing.T) {
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_NONBLOCK|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	a, b := fds[0], fds[1]
	defer syscall.Close(a)

	buf := make([]byte, 64)
	if n, err := sockRead(b, buf); err != syscall.EAGAIN {
		t.Fatalf("read with nothing sent: %d, %v; want EAGAIN", n, err)
	}
	if n, err := sockWrite(a, []byte("hello ")); n != 6 || err != nil {
		t.Fatalf("sendto: %d, %v", n, err)
	}
	one, two := []byte("wor"), []byte("ld")
	iov := []syscall.Iovec{{Base: &one[0]}, {Base: &two[0]}}
	iov[0].SetLen(len(one))
	iov[1].SetLen(len(two))
	if n, err := sockWritev(a, iov); n != 5 || err != nil {
		t.Fatalf("sendmsg: %d, %v", n, err)
	}
	n, err := sockRead(b, buf)
	if err != nil || !bytes.Equal(buf[:n], []byte("hello world")) {
		t.Fatalf("recvfrom: %q, %v", buf[:n], err)
	}

	// The reader goes away: the writer gets EPIPE, and no SIGPIPE arrives.
	pipe := make(chan os.Signal, 1)
	signal.Notify(pipe, syscall.SIGPIPE)
	defer signal.Stop(pipe)
	syscall.Close(b)
	if _, err := sockWrite(a, []byte("x")); err != syscall.EPIPE {
		t.Fatalf("sendto to a closed peer: %v, want EPIPE", err)
	}
	if _, err := sockWritev(a, iov); err != syscall.EPIPE {
		t.Fatalf("sendmsg to a closed peer: %v, want EPIPE", err)
	}
	select {
	case <-pipe:
		t.Fatal("a write to a closed peer raised SIGPIPE")
	case <-time.After(100 * time.Millisecond):
	}
	if n, err := sockRead(a, buf); n != 0 || err != nil {
		t.Fatalf("read at EOF: %d, %v; want 0, nil", n, err)
	}

	// Not a socket: recvfrom fails, read works.
	r, _, e := syscall.Syscall(syscall.SYS_EVENTFD2, 0, syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
	if e != 0 {
		t.Fatal(e)
	}
	efd := int(r)
	defer syscall.Close(efd)
	one8 := [8]byte{1}
	if _, err := syscall.Write(efd, one8[:]); err != nil {
		t.Fatal(err)
	}
	if _, err := sockRead(efd, buf[:8]); err != syscall.ENOTSOCK {
		t.Fatalf("recvfrom on an eventfd: %v, want ENOTSOCK", err)
	}
	if n, err := rawRead(efd, buf[:8]); n != 8 || err != nil {
		t.Fatalf("read on an eventfd: %d, %v", n, err)
	}
}
