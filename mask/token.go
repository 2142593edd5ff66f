// Package mask produces what stands in for a PII value: deterministic keyed
// tokens that keep the value's format (an email token is an email, a card
// token passes Luhn) and its column type (a binary int8 stays 8 bytes),
// partial masks, type-valid placeholders and keyed hashes.
//
// Every transform appends to a caller buffer and allocates nothing per value;
// scratch lives in a Session, one per proxy session (not safe for concurrent
// use). A Tokenizer holds the key and is shared by all sessions.
//
// mask never logs and never keeps plaintext: the optional cache is keyed by a
// keyed hash of the input. A transform that cannot read its input (malformed
// for the type) returns ErrMalformed and writes nothing: the caller redacts.
package mask

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"hash"
	"slices"
	"strconv"
)

// MinKeyLen is the shortest key NewTokenizer accepts, in bytes.
const MinKeyLen = 16

// ErrMalformed reports a value a transform cannot read as its type; the
// caller redacts it (AppendRedacted, AppendRedactTyped).
var ErrMalformed = errors.New("mask: malformed value")

// Tokenizer holds the tokenization key. Tokens are AES-128-CMAC(k, tag ||
// value) (k derived from the key with HMAC-SHA256; see prf.go) rendered in
// the value's format: the same input gives the same token
// in every session, query and maskwire instance that has the same key, so
// joins and group-bys on tokenized columns still work.
type Tokenizer struct {
	key   []byte
	cmac  *prfKey // token PRF
	exp   *prfKey // stream expansion
	cache *Cache
	fp    [8]byte // key fingerprint (a PRF output), part of cache keys
}

// NewTokenizer copies key (at least MinKeyLen bytes). The error never
// contains key material.
func NewTokenizer(key []byte) (*Tokenizer, error) {
	if len(key) < MinKeyLen {
		return nil, errors.New("mask: tokenization key is " + strconv.Itoa(len(key)) + " bytes, want at least " + strconv.Itoa(MinKeyLen))
	}
	k := append([]byte(nil), key...)
	t := &Tokenizer{key: k, cmac: newPRFKey(k, "maskwire token prf v1"), exp: newPRFKey(k, "maskwire token expansion v1")}
	var in, out [16]byte
	copy(in[:], "key fingerprint")
	t.exp.block(&out, &in)
	copy(t.fp[:], out[:8])
	return t, nil
}

// SameKey reports, in constant time, whether k is the tokenizer's key.
func (t *Tokenizer) SameKey(k []byte) bool { return subtle.ConstantTimeCompare(t.key, k) == 1 }

// String never prints the key.
func (t *Tokenizer) String() string { return "mask.Tokenizer{key:[redacted]}" }

// GoString never prints the key.
func (t *Tokenizer) GoString() string { return t.String() }

// WithCache returns a Tokenizer with the same key whose sessions look up
// format-preserving tokens in c before computing them (see Cache).
func (t *Tokenizer) WithCache(c *Cache) *Tokenizer {
	return &Tokenizer{key: t.key, cmac: t.cmac, exp: t.exp, cache: c, fp: t.fp}
}

// Session is the per-session scratch of the transforms. It is not safe for
// concurrent use; create one per proxy session with NewSession.
type Session struct {
	t      *Tokenizer
	p      prf       // the token PRF's state
	mac    hash.Hash // HMAC-SHA256 for AppendHash
	hsum   [sha256.Size]byte
	seed   [16]byte          // PRF of the current value
	block  [16]byte          // current output block
	pos    uint              // next unread byte of block (16: none left)
	acc    uint32            // unread stream bits for b32
	nb     uint              // bits in acc
	ctr    uint64            // blocks drawn after seed
	ab     [16]byte          // AES scratch without AES-NI
	one    [1]byte           // tag byte written to mac
	low    [64]byte          // ASCII-folded chunk of an input
	ck     [cacheKeyLen]byte // cache key scratch
	hit    []byte            // cache hit scratch
	getFn  func([]byte) error
	jdec   []byte         // a JSON string's decoded value
	jrepl  []byte         // a JSON string's replacement
	tokAll tokenReplacer  // AppendTyped's json replacer
	actAll actionReplacer // Apply's json replacer
}

// NewSession returns a Session of t.
func (t *Tokenizer) NewSession() *Session {
	s := &Session{t: t, mac: hmac.New(sha256.New, t.key), p: prf{prfKey: t.cmac}}
	s.getFn = s.cacheHit
	return s
}

// Domain-separation tags: the same bytes tokenized as two different formats
// give unrelated tokens, and the same value of the same format gives the same
// token whatever the column.
const (
	tagGeneric byte = iota + 1
	tagEmail
	tagDigits // phone and other digit strings
	tagCard
	tagSSN
	tagIBAN
	tagIP
	tagShape
	tagHash
	tagInt
	tagNumeric
	tagUUID
	tagDate
	tagBytes
)

// begin starts the PRF of a value under tag (the streaming form, for values
// that are not one contiguous slice; seedOf is the one-shot form).
func (s *Session) begin(tag byte) {
	s.p.reset()
	s.p.writeByte(tag)
}

func (s *Session) write(p []byte) { s.p.write(p) }

// finish ends the streaming PRF; the output stream starts with the PRF
// value itself.
func (s *Session) finish() {
	s.p.sum(&s.seed)
	s.start()
}

// start resets the output stream to the current seed.
func (s *Session) start() {
	s.block = s.seed
	s.pos, s.ctr = 0, 0
	s.acc, s.nb = 0, 0
}

// lastBlock is CMAC's last block of tag || v (n bytes, the last block at
// offset last): padded when short, folded when fold, and XORed with the
// subkey it takes (K1 whole, K2 padded), before the chaining value.
func (k *prfKey) lastBlock(tag byte, v []byte, n, last int, fold bool) (m0, m1 uint64) {
	le := binary.LittleEndian
	if last == 0 {
		m0, m1 = loadPartial(v)
		m0, m1 = uint64(tag)|m0<<8, m1<<8|m0>>56
	} else {
		m0, m1 = loadPartial(v[last-1:])
	}
	sub := &k.k1
	if r := uint(n - last); r < 16 {
		if r < 8 {
			m0 |= 0x80 << (8 * r)
		} else {
			m1 |= 0x80 << (8 * (r - 8))
		}
		sub = &k.k2
	}
	if fold {
		m0, m1 = lower8(m0), lower8(m1) // tag < 'A', 0x80 and 0 stay
	}
	return m0 ^ le.Uint64(sub[0:8]), m1 ^ le.Uint64(sub[8:16])
}

// seedOf is begin(tag), write(v), finish() in one pass: AES-128-CMAC of
// tag || v, read from v eight bytes at a time (fold: ASCII upper case
// lowered first: emails, IBANs and shapes fold case), with the chaining
// value in registers.
func (s *Session) seedOf(tag byte, v []byte, fold bool) {
	k := s.t.cmac
	ni := useAESNI && k.hasRK // AES-NI: the assembly block, called directly
	le := binary.LittleEndian
	n := len(v) + 1       // message length (tag || v)
	last := (n - 1) &^ 15 // message offset of the last block
	if ni && last < 64 {
		// Up to four blocks: laid out first, then chained in one
		// assembly call (aesChain) that keeps the chaining value and the
		// round keys in vector registers.
		var b [4][2]uint64
		nb := 0
		if last > 0 {
			m0, m1 := uint64(tag)|le.Uint64(v[0:8])<<8, le.Uint64(v[7:15])
			if fold {
				m0, m1 = lower8(m0), lower8(m1)
			}
			b[0] = [2]uint64{m0, m1}
			nb = 1
			for off := 16; off < last; off += 16 {
				w := v[off-1 : off+15]
				m0, m1 = le.Uint64(w[0:8]), le.Uint64(w[8:16])
				if fold {
					m0, m1 = lower8(m0), lower8(m1)
				}
				b[nb&3] = [2]uint64{m0, m1}
				nb++
			}
		}
		m0, m1 := k.lastBlock(tag, v, n, last, fold)
		b[nb&3] = [2]uint64{m0, m1}
		s.startStream(aesChain(&k.rk, &b, nb+1))
		return
	}
	var x0, x1 uint64
	if last > 0 {
		// Message byte i is v[i-1]: the first block is tag || v[:15], block
		// at offset off is v[off-1 : off+15].
		m0, m1 := uint64(tag)|le.Uint64(v[0:8])<<8, le.Uint64(v[7:15])
		if fold {
			m0, m1 = lower8(m0), lower8(m1)
		}
		if ni {
			x0, x1 = aesEncrypt(&k.rk, m0, m1)
		} else {
			x0, x1 = k.encryptWords(m0, m1, &s.ab)
		}
		for off := 16; off < last; off += 16 {
			w := v[off-1 : off+15]
			m0, m1 = le.Uint64(w[0:8]), le.Uint64(w[8:16])
			if fold {
				m0, m1 = lower8(m0), lower8(m1)
			}
			if ni {
				x0, x1 = aesEncrypt(&k.rk, x0^m0, x1^m1)
			} else {
				x0, x1 = k.encryptWords(x0^m0, x1^m1, &s.ab)
			}
		}
	}
	m0, m1 := k.lastBlock(tag, v, n, last, fold)
	m0, m1 = m0^x0, m1^x1
	if ni {
		x0, x1 = aesEncrypt(&k.rk, m0, m1)
	} else {
		x0, x1 = k.encryptWords(m0, m1, &s.ab)
	}
	s.startStream(x0, x1)
}

// startStream makes the MAC x0 || x1 the seed and the first stream block.
// Both are written from registers: copying seed to block right after these
// stores would stall on store-to-load forwarding.
func (s *Session) startStream(x0, x1 uint64) {
	le := binary.LittleEndian
	le.PutUint64(s.seed[0:8], x0)
	le.PutUint64(s.seed[8:16], x1)
	le.PutUint64(s.block[0:8], x0)
	le.PutUint64(s.block[8:16], x1)
	s.pos, s.ctr = 0, 0
	s.acc, s.nb = 0, 0
}

// seedBlock is seedOf for a message of one block: m0 || m1 holds its r
// bytes (1..16, tag included), zero-padded.
func (s *Session) seedBlock(m0, m1 uint64, r uint) {
	k := s.t.cmac
	le := binary.LittleEndian
	sub := &k.k1
	if r < 16 {
		if r < 8 {
			m0 |= 0x80 << (8 * r)
		} else {
			m1 |= 0x80 << (8 * (r - 8))
		}
		sub = &k.k2
	}
	m0 ^= le.Uint64(sub[0:8])
	m1 ^= le.Uint64(sub[8:16])
	var x0, x1 uint64
	if useAESNI && k.hasRK {
		x0, x1 = aesEncrypt(&k.rk, m0, m1)
	} else {
		x0, x1 = k.encryptWords(m0, m1, &s.ab)
	}
	s.startStream(x0, x1)
}

// loadPartial returns the bytes of p (at most 16) as two little-endian
// words, zero-padded, without a copy through memory.
func loadPartial(p []byte) (m0, m1 uint64) {
	le := binary.LittleEndian
	switch n := uint(len(p)); {
	case n > 8:
		return le.Uint64(p), le.Uint64(p[n-8:]) >> (8 * (16 - n))
	case n >= 4:
		return uint64(le.Uint32(p)) | uint64(le.Uint32(p[n-4:]))>>(8*(8-n))<<32, 0
	default:
		for i := range p {
			m0 |= uint64(p[i]) << (8 * i)
		}
		return m0, 0
	}
}

// lower8 lowers the ASCII upper-case letters among the 8 bytes of w (SWAR:
// a byte is lowered iff it is 'A'..'Z'; bytes >= 0x80 stay).
func lower8(w uint64) uint64 {
	const ones = 0x0101010101010101
	h := w & (0x7f * ones)
	ge := h + (0x80-'A')*ones   // high bit: h >= 'A'
	gt := h + (0x80-'Z'-1)*ones // high bit: h > 'Z'
	return w | (ge&^gt&^w)&(0x80*ones)>>2
}

// refill moves the stream to its next block: the CMAC T is block 0, then
// AES-128_k2(T xor counter) blocks under the expansion key.
func (s *Session) refill() {
	s.ctr++
	le := binary.LittleEndian
	k := s.t.exp
	var y0, y1 uint64
	if useAESNI && k.hasRK {
		y0, y1 = aesEncrypt(&k.rk, le.Uint64(s.seed[0:8]), le.Uint64(s.seed[8:16])^s.ctr)
	} else {
		y0, y1 = k.encryptWords(le.Uint64(s.seed[0:8]), le.Uint64(s.seed[8:16])^s.ctr, &s.ab)
	}
	le.PutUint64(s.block[0:8], y0)
	le.PutUint64(s.block[8:16], y1)
	s.pos = 0
}

// next returns the next pseudo-random byte of the current value's stream.
func (s *Session) next() byte {
	pos := s.pos
	if pos >= 16 {
		s.refill()
		pos = 0
	}
	s.pos = pos + 1
	return s.block[pos&15]
}

// drawDigits fills out with ASCII digits drawn from the stream: the digits
// len(out) digit calls would draw, and the same stream position after.
// The current block is consumed in a tight loop (a rejected byte is just
// skipped); a block is refilled only when a digit is still wanted.
func (s *Session) drawDigits(out []byte) {
	pos, i := s.pos, 0
	for i < len(out) {
		if pos >= 16 {
			s.refill()
			pos = 0
		}
		blk := &s.block
		for ; pos < 16 && i < len(out); pos++ {
			// A rejected byte writes 0 at out[i] and does not advance:
			// the next digit overwrites it (no branch per byte).
			c := asciiDigit[blk[pos]]
			out[i] = c
			i += int(b2u(c != 0))
		}
	}
	s.pos = pos
}

// b2u is 1 for true, 0 for false (compiled to a SETcc, not a branch).
func b2u(b bool) uint {
	var u uint
	if b {
		u = 1
	}
	return u
}

// asciiDigit[b] is '0' + b%10 for a stream byte b < 250, 0 for the bytes
// rejection sampling skips.
var asciiDigit = func() (t [256]byte) {
	for b := range 250 {
		t[b] = '0' + byte(b%10)
	}
	return t
}()

// digit returns a uniform decimal digit value (rejection sampling).
func (s *Session) digit() byte {
	for {
		if b := s.next(); b < 250 {
			return b % 10
		}
	}
}

func (s *Session) digitSlow(pos uint) (byte, uint) { return s.drawSlow(pos, 250, 10) }

// letterSlow draws a letter value at pos (refilling the block as needed)
// and returns the next position: letter() with the position in a register.
func (s *Session) letterSlow(pos uint) (byte, uint) { return s.drawSlow(pos, 234, 26) }

// drawSlow draws a uniform value 0..mod-1 at pos by rejection (stream bytes
// at or above below, a multiple of mod, are skipped), refilling the block as
// needed, and returns the next position.
func (s *Session) drawSlow(pos uint, below, mod byte) (byte, uint) {
	for {
		if pos >= 16 {
			s.refill()
			pos = 0
		}
		b := s.block[pos&15]
		pos++
		if b < below {
			return b % mod, pos
		}
	}
}

// letter returns a uniform value 0..25.
func (s *Session) letter() byte {
	for {
		if b := s.next(); b < 234 {
			return b % 26
		}
	}
}

const base32 = "abcdefghijklmnopqrstuvwxyz234567"

// b32pairs[x] is the two base32 characters of the 10 bits x (low 5 bits
// first), little-endian.
var b32pairs = func() (t [1024]uint16) {
	for x := range t {
		t[x] = uint16(base32[x&31]) | uint16(base32[x>>5])<<8
	}
	return t
}()

// b32x8 is the eight base32 characters of the low 40 bits of acc (5 bits
// each, low bits first), as a little-endian word: four table loads.
func b32x8(acc uint64) uint64 {
	return uint64(b32pairs[acc&1023]) | uint64(b32pairs[acc>>10&1023])<<16 |
		uint64(b32pairs[acc>>20&1023])<<32 | uint64(b32pairs[acc>>30&1023])<<48
}

// b32 returns a base32 character, drawing 5 bits of the stream per
// character (a 21-character email token fits the first 16-byte block).
func (s *Session) b32() byte {
	if s.nb < 5 {
		s.acc |= uint32(s.next()) << s.nb
		s.nb += 8
	}
	c := base32[s.acc&31]
	s.acc >>= 5
	s.nb -= 5
	return c
}

// appendB32 appends n b32 characters: the same characters and the same
// stream position afterwards as n calls of b32, but the stream is read
// several bytes at a time into a 64-bit bit buffer and characters are
// written eight at a time. Bytes are read ahead only from the current block
// (a new one is started, as b32 does, only when fewer than 5 bits are
// left), so the bytes read ahead can be given back at the end.
func (s *Session) appendB32(dst []byte, n int) []byte {
	if pos := s.pos; pos < 16 && 5*uint(n) <= s.nb+8*(16-pos) {
		return s.appendB32Block(dst, n)
	}
	return s.appendB32Slow(dst, n)
}

// appendB32Slow is appendB32 across blocks.
func (s *Session) appendB32Slow(dst []byte, n int) []byte {
	dst = slices.Grow(dst, n)
	out := dst[len(dst) : len(dst)+n]
	le := binary.LittleEndian
	acc, nb, pos := uint64(s.acc), s.nb, s.pos
	for len(out) > 0 {
		if nb < 40 {
			if pos >= 16 && nb < 5 {
				s.refill()
				pos = 0
			}
			if pos < 16 {
				// The block's bytes from pos on, from two aligned words
				// (the block was just written as two words: an unaligned
				// load would wait for both stores).
				lo, hi := le.Uint64(s.block[0:8]), le.Uint64(s.block[8:16])
				w := lo>>(8*pos) | hi<<(64-8*pos) | hi>>(8*pos-64)
				k := min((64-nb)/8, 16-pos)
				acc |= (w & (1<<(8*k) - 1)) << nb
				pos += k
				nb += 8 * k
			}
		}
		if len(out) >= 8 && nb >= 40 {
			le.PutUint64(out[:8], b32x8(acc))
			acc >>= 40
			nb -= 40
			out = out[8:]
			continue
		}
		m := min(int(nb/5), len(out))
		for i := range out[:m] {
			out[i] = base32[acc&31]
			acc >>= 5
		}
		nb -= 5 * uint(m)
		out = out[m:]
	}
	// b32 reads a byte only when fewer than 5 bits are left, so it holds
	// fewer than 8: give back the whole bytes read ahead.
	back := nb / 8
	pos -= back
	nb -= 8 * back
	s.acc, s.nb, s.pos = uint32(acc&(1<<nb-1)), nb, pos
	return dst[:len(dst)+n]
}

// appendB32Block is appendB32 when the current block holds all the bits
// (the same characters and stream state). The held bits and the block's
// bytes from pos form one little-endian bit string: laid out in b as the
// block at b[1:17] with the held bits in the top of the byte before pos
// (a byte already consumed), it starts at bit base and every 40-bit group
// (8 characters) is one unaligned load. The new position and held bits
// follow from where the string is cut (5n bits on).
func (s *Session) appendB32Block(dst []byte, n int) []byte {
	le := binary.LittleEndian
	pos, nb := s.pos, s.nb
	var b [40]byte // room for the loads past the block (zeros)
	le.PutUint64(b[1:], le.Uint64(s.block[0:8]))
	le.PutUint64(b[9:], le.Uint64(s.block[8:16]))
	b[pos&15] = byte(s.acc << (8 - nb)) // the top nb bits of b[pos], right before block[pos] at b[pos+1]
	base := 8*pos + 8 - nb
	dst = slices.Grow(dst, n)
	out := dst[len(dst) : len(dst)+n]
	bit := base
	for len(out) >= 8 {
		le.PutUint64(out, b32x8(le.Uint64(b[(bit>>3)&31:])>>(bit&7)))
		out = out[8:]
		bit += 40
	}
	if len(out) > 0 { // the last characters: nothing is written past them
		x := b32x8(le.Uint64(b[(bit>>3)&31:]) >> (bit & 7))
		if len(out) >= 4 {
			le.PutUint32(out, uint32(x))
			out, x = out[4:], x>>32
		}
		if len(out) >= 2 {
			le.PutUint16(out, uint16(x))
			out, x = out[2:], x>>16
		}
		if len(out) > 0 {
			out[0] = byte(x)
		}
	}
	// b32 reads a byte only when fewer than 5 bits are left: the string is
	// read up to the byte holding its bit e, and what is left of that byte
	// is held.
	e := base + 5*uint(n)
	left := -e & 7
	s.acc, s.nb, s.pos = uint32(b[(e>>3)&31]>>(e&7))&(1<<left-1), left, (e+7)/8-1
	return dst[:len(dst)+n]
}

// appendDigitsOver appends v with every ASCII digit replaced by a stream
// digit (as digit() would draw them), every other byte kept. n is the
// number of digits in v: up to 64 are drawn in one drawDigits call and
// then put in place.
func (s *Session) appendDigitsOver(dst, v []byte, n int) []byte {
	dst = slices.Grow(dst, len(v))
	out := dst[len(dst) : len(dst)+len(v)]
	if n <= 64 {
		var drawn [64]byte
		s.drawDigits(drawn[:n])
		k := 0
		for i, c := range v {
			if c-'0' < 10 {
				c = drawn[k&63]
				k++
			}
			out[i] = c
		}
		return dst[:len(dst)+len(v)]
	}
	pos := s.pos
	for i, c := range v {
		if c-'0' < 10 {
			if b := s.block[pos&15]; pos < 16 && b < 250 {
				c = '0' + b%10
				pos++
			} else {
				c, pos = s.digitSlow(pos)
				c += '0'
			}
		}
		out[i] = c
	}
	s.pos = pos
	return dst[:len(dst)+len(v)]
}

func isDigit(c byte) bool { return c-'0' < 10 }
func isUpper(c byte) bool { return c-'A' < 26 }
func isLower(c byte) bool { return c-'a' < 26 }
