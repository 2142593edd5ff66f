package mask

import (
	"encoding/binary"
	"hash/maphash"

	"github.com/coocood/freecache"
	"github.com/maskwire/maskwire/classify"
)

// Cache memoizes format-preserving tokens (one Cache may serve several
// Tokenizers: a key fingerprint is part of every cache key, so a reload
// with a new key never returns the old key's tokens) in a freecache (a fixed-size,
// GC-free ring). Its keys are a 128-bit keyed hash of (type, options, value)
// under two random per-process maphash seeds: the plaintext is never stored,
// and a cache dump reveals neither values nor the tokenization key. Values
// are the tokens (which leave the proxy anyway).
//
// Measured (docs/arch/mask.md, BENCHMARKS.md): HMAC-SHA256 of a short value
// costs a few hundred ns and a hit costs about as much as a miss saves only
// for the long formats, so the cache is off by default.
type Cache struct {
	fc     *freecache.Cache
	s1, s2 maphash.Seed
}

// NewCache returns a cache of about size bytes (freecache's minimum is
// 512 KiB).
func NewCache(size int) *Cache {
	return &Cache{fc: freecache.NewCache(size), s1: maphash.MakeSeed(), s2: maphash.MakeSeed()}
}

const cacheKeyLen = 16

func (s *Session) cacheKey(t classify.Type, keepDomain bool, v []byte) []byte {
	c := s.t.cache
	var opt byte
	if keepDomain {
		opt = 1
	}
	var h1, h2 maphash.Hash
	h1.SetSeed(c.s1)
	h2.SetSeed(c.s2)
	h1.Write(s.t.fp[:]) // one cache may outlive a key change (reload)
	h1.WriteByte(byte(t))
	h1.WriteByte(opt)
	h1.Write(v)
	h2.Write(s.t.fp[:])
	h2.WriteByte(byte(t))
	h2.WriteByte(opt)
	h2.Write(v)
	binary.LittleEndian.PutUint64(s.ck[:8], h1.Sum64())
	binary.LittleEndian.PutUint64(s.ck[8:], h2.Sum64())
	return s.ck[:]
}

func (s *Session) cacheHit(v []byte) error {
	s.hit = append(s.hit, v...)
	return nil
}

func (s *Session) cacheGet(dst []byte, t classify.Type, keepDomain bool, v []byte) ([]byte, bool) {
	s.hit = dst
	if err := s.t.cache.fc.GetFn(s.cacheKey(t, keepDomain, v), s.getFn); err != nil {
		s.hit = nil
		return dst, false
	}
	out := s.hit
	s.hit = nil
	return out, true
}

func (s *Session) cachePut(t classify.Type, keepDomain bool, v, tok []byte) {
	_ = s.t.cache.fc.Set(s.cacheKey(t, keepDomain, v), tok, 0)
}
