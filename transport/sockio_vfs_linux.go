//go:build linux && !amd64 && !arm64

package transport

import (
	"syscall"
	"unsafe"
)

// Elsewhere than amd64 and arm64 the loop keeps read, write and writev (see
// sockio_linux.go): on 386 and s390x the socket calls go through socketcall,
// and the others were not measured.

func sockRead(fd int, p []byte) (int, error) { return rawRead(fd, p) }

func sockWrite(fd int, p []byte) (int, error) { return rawIO(syscall.SYS_WRITE, fd, p) }

func sockWritev(fd int, iov []syscall.Iovec) (int, error) {
	r, _, e := syscall.RawSyscall(syscall.SYS_WRITEV, uintptr(fd), uintptr(unsafe.Pointer(&iov[0])), uintptr(len(iov)))
	if e != 0 {
		return -1, e
	}
	return int(r), nil
}
