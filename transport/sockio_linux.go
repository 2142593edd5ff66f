//go:build linux && (amd64 || arm64)

package transport

import (
	"syscall"
	"unsafe"
)

// The loop moves bytes with the socket calls, recvfrom, sendto and sendmsg,
// not read, write and writev. The socket calls go straight to the socket.
// read and write first pass through the VFS layer: fdget_pos,
// rw_verify_area, security_file_permission, and sock_read_iter or
// sock_write_iter building an iov_iter. On a pgbench -S profile that layer
// was 2.7% of the loop's CPU per transaction. PgBouncer's calls
// (recv and send) skip it. See BENCHMARKS.md, session 7.
//
// MSG_NOSIGNAL: a peer that has gone away gets EPIPE, never SIGPIPE.
//
// The eventfd and the timerfd stay on rawRead: recvfrom on a descriptor that
// is not a socket fails with ENOTSOCK and would leave it readable for ever.
// Other architectures keep read and write (sockio_vfs_linux.go): 386 and
// s390x reach the socket calls only through socketcall, and the rest were
// not measured.

func sockRead(fd int, p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	r, _, e := syscall.RawSyscall6(syscall.SYS_RECVFROM, uintptr(fd), uintptr(unsafe.Pointer(&p[0])), uintptr(len(p)), 0, 0, 0)
	if e != 0 {
		return -1, e
	}
	return int(r), nil
}

func sockWrite(fd int, p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	r, _, e := syscall.RawSyscall6(syscall.SYS_SENDTO, uintptr(fd), uintptr(unsafe.Pointer(&p[0])), uintptr(len(p)), syscall.MSG_NOSIGNAL, 0, 0)
	if e != 0 {
		return -1, e
	}
	return int(r), nil
}

func sockWritev(fd int, iov []syscall.Iovec) (int, error) {
	msg := syscall.Msghdr{Iov: &iov[0], Iovlen: uint64(len(iov))}
	r, _, e := syscall.RawSyscall(syscall.SYS_SENDMSG, uintptr(fd), uintptr(unsafe.Pointer(&msg)), syscall.MSG_NOSIGNAL)
	if e != 0 {
		return -1, e
	}
	return int(r), nil
}
