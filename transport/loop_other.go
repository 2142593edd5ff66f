//go:build !linux

package transport

// Without epoll every session stays on its goroutines.

const haveLoop = false

type loopConn struct{}

func (*loopConn) abort(string)           {}
func (*loopConn) goodbye([]byte, string) {}
func (*loopConn) closeIfIdle()           {}
func (*session) handOff() bool           { return false }
func loopReadable(*session) bool         { return false }

type loopPool struct{ n int }

func (*loopPool) stop() {}
func defaultLoops() int { return 1 }
