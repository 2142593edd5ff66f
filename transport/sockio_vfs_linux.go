//go:build linux && !amd64 && !arm64

package transport

import (
	"syscall"
	"unsafe"
)

// Where the socket calls go through socketcall (386, s390x), the loop keeps
// read, write and writev (see sockio_linux.go).

func sockRead(fd int, p []byte) (int, error) { return rawRead(fd, p) }

func sockWrite(fd int, p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	r, _, e := syscall.RawSyscall(syscall.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(&p[0])), uintptr(len(p)))
	if e != 0 {
		return -1, e
	}
	return int(r), nil
}

func sockWritev(fd int, iov []syscall.Iovec) (int, error) {
	r, _, e := syscall.RawSyscall(syscall.SYS_WRITEV, uintptr(fd), uintptr(unsafe.Pointer(&iov[0])), uintptr(len(iov)))
	if e != 0 {
		return -1, e
	}
	return int(r), nil
}
