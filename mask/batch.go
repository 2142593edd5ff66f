package mask

import (
	"encoding/binary"
	"unsafe"

	"github.com/maskwire/maskwire/classify"
)

// Row batches: the MACs of several values of one row computed together.
//
// A token's MAC is a chain of AES blocks, and AES-NI's throughput is several
// times its latency: one value at a time, every block waits for the one
// before. A row holds several independent values, so their MACs are
// computed in lock step, four blocks per AES call (aesEncrypt4): a row's
// six tokens then wait for two or three AES latencies instead of eleven.
//
//	s.BatchToken(t, v) // for each value the row will tokenize, in any order
//	s.BatchMAC()       // computes their MACs together
//	s.AppendToken(dst, t, v, keepDomain)... // use them (same tokens)
//	s.BatchDone()      // before the values' memory changes
//
// AppendToken finds a batched MAC by the value's address, length and format
// tag: the values must not change between BatchMAC and BatchDone. Tokens
// are the same with or without a batch (TestBatchSameTokens).

// maxBatch is the number of values a batch holds; more are computed alone.
const maxBatch = 8

// batchEntry is one value's MAC message and, after BatchMAC, its MAC.
type batchEntry struct {
	p      *byte // the value (address and length: the identity checked)
	n      int
	tag    byte
	fold   bool   // seedOf's message (tag || v, case folded)
	one    bool   // digits' one-block message m0 || m1 of r bytes
	r      uint   // bytes of the one-block message
	digits int    // the digit count digits returns
	nb     int    // blocks
	m0, m1 uint64 // the one-block message
	x0, x1 uint64 // chaining value; the MAC after BatchMAC
}

type batch struct {
	n    int  // entries
	done bool // BatchMAC has run
	e    [maxBatch]batchEntry
}

// BatchToken adds v, a value of type t that AppendToken will tokenize, to
// the session's batch. It reports whether it did: false when the batch is
// full or the format's MAC is not batched (IP addresses, digit strings of
// more than 30 digits, empty values).
func (s *Session) BatchToken(t classify.Type, v []byte) bool {
	b := &s.batch
	if b.n == maxBatch || b.done || len(v) == 0 {
		return false
	}
	e := &b.e[b.n]
	*e = batchEntry{p: unsafe.SliceData(v), n: len(v)}
	switch t {
	case classify.EmailAddress:
		e.tag, e.fold = tagEmail, true
	case classify.PhoneNumber, classify.CreditCard, classify.USSSN:
		e.tag = tagDigits
		if t == classify.CreditCard {
			e.tag = tagCard
		} else if t == classify.USSSN {
			e.tag = tagSSN
		}
		m0, m1, r, n, ok := packDigits(e.tag, v)
		if !ok {
			return false
		}
		e.one, e.m0, e.m1, e.r, e.digits, e.nb = true, m0, m1, r, n, 1
		b.n++
		return true
	case classify.IBANCode:
		e.tag, e.fold = tagIBAN, true
	case classify.IPAddress:
		return false
	case classify.MACAddress, classify.UKNINO, classify.CASIN, classify.ESNIF, classify.ITFiscalCode,
		classify.INAadhaar, classify.PLPESEL, classify.FIHETU, classify.NLBSN, classify.BRCPF,
		classify.AUTFN, classify.SGNRIC, classify.DateTime:
		e.tag, e.fold = tagShape, true
	default:
		e.tag = tagGeneric
	}
	e.nb = len(v)/16 + 1 // (len(v)+1 message bytes + 15) / 16
	b.n++
	return true
}

// BatchMAC computes the MACs of the batched values together.
func (s *Session) BatchMAC() {
	b := &s.batch
	if b.n == 0 || b.done {
		return
	}
	b.done = true
	k := s.t.cmac
	ni := useAESNI && k.hasRK
	nb := 0
	for i := range b.e[:b.n] {
		nb = max(nb, b.e[i].nb)
	}
	var lanes [4][2]uint64
	var idx [4]*batchEntry
	for j := range nb {
		cnt := 0
		for i := range b.e[:b.n] {
			e := &b.e[i]
			if j >= e.nb {
				continue
			}
			m0, m1 := e.block(j, k)
			lanes[cnt] = [2]uint64{e.x0 ^ m0, e.x1 ^ m1}
			idx[cnt] = e
			if cnt++; cnt == len(lanes) {
				encryptLanes(k, &lanes, cnt, ni, &s.ab)
				for l, e := range idx {
					e.x0, e.x1 = lanes[l][0], lanes[l][1]
				}
				cnt = 0
			}
		}
		if cnt > 0 {
			encryptLanes(k, &lanes, cnt, ni, &s.ab)
			for l, e := range idx[:cnt] {
				e.x0, e.x1 = lanes[l][0], lanes[l][1]
			}
		}
	}
}

// encryptLanes encrypts lanes[:cnt] in place.
func encryptLanes(k *prfKey, lanes *[4][2]uint64, cnt int, ni bool, ab *[16]byte) {
	if ni {
		aesEncrypt4(&k.rk, lanes)
		return
	}
	for l := range lanes[:cnt] {
		lanes[l][0], lanes[l][1] = k.encryptWords(lanes[l][0], lanes[l][1], ab)
	}
}

// BatchDone empties the batch: call it before the batched values' memory
// is reused (at the end of the row).
func (s *Session) BatchDone() {
	s.batch.n = 0
	s.batch.done = false
}

// block is message block j of e, the last one padded and masked with its
// CMAC subkey (exactly seedOf's and seedBlock's blocks).
func (e *batchEntry) block(j int, k *prfKey) (m0, m1 uint64) {
	le := binary.LittleEndian
	var r uint
	if e.one {
		m0, m1, r = e.m0, e.m1, e.r
	} else {
		v := unsafe.Slice(e.p, e.n)
		n := e.n + 1          // message length (tag || v)
		last := (n - 1) &^ 15 // message offset of the last block
		if off := 16 * j; off < last {
			if j == 0 {
				m0, m1 = uint64(e.tag)|le.Uint64(v[0:8])<<8, le.Uint64(v[7:15])
			} else {
				w := v[off-1 : off+15]
				m0, m1 = le.Uint64(w[0:8]), le.Uint64(w[8:16])
			}
			if e.fold {
				m0, m1 = lower8(m0), lower8(m1)
			}
			return m0, m1
		}
		if last == 0 {
			m0, m1 = loadPartial(v)
			m0, m1 = uint64(e.tag)|m0<<8, m1<<8|m0>>56
		} else {
			m0, m1 = loadPartial(v[last-1:])
		}
		r = uint(n - last)
	}
	sub := &k.k1
	if r < 16 {
		if r < 8 {
			m0 |= 0x80 << (8 * r)
		} else {
			m1 |= 0x80 << (8 * (r - 8))
		}
		sub = &k.k2
	}
	if e.fold {
		m0, m1 = lower8(m0), lower8(m1) // tag < 'A', 0x80 and 0 stay
	}
	return m0 ^ le.Uint64(sub[0:8]), m1 ^ le.Uint64(sub[8:16])
}

// batched looks for v's MAC under tag in the batch (one: a digits message)
// and starts the stream with it (fold: seedOf's case folding).
func (s *Session) batched(tag byte, v []byte, fold, one bool) (*batchEntry, bool) {
	b := &s.batch
	if !b.done {
		return nil, false
	}
	p := unsafe.SliceData(v)
	for i := range b.e[:b.n] {
		e := &b.e[i]
		if e.p == p && e.n == len(v) && e.tag == tag && e.fold == fold && e.one == one {
			s.startStream(e.x0, e.x1)
			return e, true
		}
	}
	return nil, false
}
