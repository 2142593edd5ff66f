package engine

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/binary"
	"sync"
)

// Target is an upstream backend's cancel key (its BackendKeyData).
type Target struct {
	ProcessID uint32
	Secret    []byte
}

// CancelRegistry maps the cancel keys maskwire gives its clients to the
// upstream backends' keys. Clients never see an upstream key, so a client can
// cancel only its own session's queries. Safe for concurrent use.
type CancelRegistry struct {
	mu sync.Mutex
	m  map[uint32]cancelEntry
}

type cancelEntry struct {
	secret   []byte
	upstream Target
}

// NewCancelRegistry returns an empty registry.
func NewCancelRegistry() *CancelRegistry {
	return &CancelRegistry{m: make(map[uint32]cancelEntry)}
}

// issue registers upstream and returns the process ID and secret the client
// is given; secretLen is 4 for protocol 3.0 and up to 256 for 3.2.
func (r *CancelRegistry) issue(upstream Target, secretLen int) (uint32, []byte) {
	secret := make([]byte, secretLen)
	var pidb [4]byte
	up := Target{ProcessID: upstream.ProcessID, Secret: append([]byte(nil), upstream.Secret...)}
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		mustRand(pidb[:])
		mustRand(secret)
		// Keep the process ID positive: some clients store it in a signed int.
		pid := binary.BigEndian.Uint32(pidb[:]) & 0x7fffffff
		if _, taken := r.m[pid]; pid == 0 || taken {
			continue
		}
		r.m[pid] = cancelEntry{secret: secret, upstream: up}
		return pid, secret
	}
}

// Lookup resolves a client's CancelRequest key; the secret is compared in
// constant time.
func (r *CancelRegistry) Lookup(pid uint32, secret []byte) (Target, bool) {
	r.mu.Lock()
	e, ok := r.m[pid]
	r.mu.Unlock()
	if !ok || subtle.ConstantTimeCompare(e.secret, secret) != 1 {
		return Target{}, false
	}
	return e.upstream, true
}

// Len reports how many sessions hold a key (for tests and metrics).
func (r *CancelRegistry) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.m)
}

func (r *CancelRegistry) release(pid uint32) {
	r.mu.Lock()
	delete(r.m, pid)
	r.mu.Unlock()
}

func mustRand(b []byte) {
	if _, err := rand.Read(b); err != nil {
		panic("engine: crypto/rand failed: " + err.Error())
	}
}
