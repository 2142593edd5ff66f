package classify

import (
	"encoding/binary"
	"errors"
	"sync/atomic"
	"time"

	"github.com/coocood/freecache"
)

// ColumnKey names a result column across statements and sessions, for the
// verdict cache.
//
// A table column (TableOID != 0) is keyed by (Database, TableOID, Attnum,
// TypeOID): every statement that reads it shares one verdict. A computed
// column (TableOID == 0: an expression, a function result, a literal) is keyed
// by (Database, Statement, Position, TypeOID): the statement's fingerprint and
// the column's position in its result.
type ColumnKey struct {
	Database  uint64 // DatabaseID of the database name
	TableOID  uint32 // RowDescription table OID; 0 for a computed column
	Attnum    int16  // RowDescription column attribute number (table columns)
	TypeOID   uint32 // RowDescription data type OID
	Statement uint64 // statement fingerprint (computed columns only)
	Position  uint16 // column position in the result (computed columns only)
}

// TableColumnKey returns the key of a table column.
func TableColumnKey(db uint64, tableOID uint32, attnum int16, typeOID uint32) ColumnKey {
	return ColumnKey{Database: db, TableOID: tableOID, Attnum: attnum, TypeOID: typeOID}
}

// ComputedColumnKey returns the key of a computed column: position pos in the
// result of the statement with the given fingerprint.
func ComputedColumnKey(db uint64, fingerprint uint64, pos uint16, typeOID uint32) ColumnKey {
	return ColumnKey{Database: db, TypeOID: typeOID, Statement: fingerprint, Position: pos}
}

// DatabaseID hashes a database name (FNV-1a, 64 bits) for ColumnKey.Database.
// Compute it once per session, not per column.
func DatabaseID(name string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return h
}

// columnKeyLen is the encoded size of a ColumnKey: kind(1) db(8) then either
// table(4) attnum(2) type(4) or stmt(8) pos(2) type(4).
const columnKeyLen = 1 + 8 + 8 + 2 + 4

// encode writes the key into dst, which the caller owns (a stack array), and
// returns the used prefix. Fields that do not belong to the key's kind are
// left out, so a table column's verdict is shared across statements.
func (k *ColumnKey) encode(dst *[columnKeyLen]byte) []byte {
	binary.LittleEndian.PutUint64(dst[1:9], k.Database)
	if k.TableOID != 0 {
		dst[0] = 't'
		binary.LittleEndian.PutUint32(dst[9:13], k.TableOID)
		binary.LittleEndian.PutUint16(dst[13:15], uint16(k.Attnum))
		binary.LittleEndian.PutUint32(dst[15:19], k.TypeOID)
		return dst[:19]
	}
	dst[0] = 'c'
	binary.LittleEndian.PutUint64(dst[9:17], k.Statement)
	binary.LittleEndian.PutUint16(dst[17:19], k.Position)
	binary.LittleEndian.PutUint32(dst[19:23], k.TypeOID)
	return dst[:23]
}

// verdictLen is the encoded size of a Verdict.
const verdictLen = 11

func (v *Verdict) encode(dst *[verdictLen]byte) []byte {
	dst[0] = byte(v.Kind)
	dst[1] = byte(v.Type)
	dst[2] = byte(v.Source)
	dst[3] = byte(v.Hint.Type)
	dst[4] = byte(v.Hint.Strength)
	binary.LittleEndian.PutUint32(dst[5:9], uint32(v.Hints))
	binary.LittleEndian.PutUint16(dst[9:11], v.Sampled)
	return dst[:]
}

func (v *Verdict) decode(b []byte) bool {
	if len(b) != verdictLen || VerdictKind(b[0]) > VerdictFreeText || Type(b[1]) >= NumTypes ||
		Type(b[3]) >= NumTypes || HintStrength(b[4]) > HintStrong {
		return false
	}
	*v = Verdict{
		Kind:    VerdictKind(b[0]),
		Type:    Type(b[1]),
		Source:  VerdictSource(b[2]),
		Hint:    NameHint{Type: Type(b[3]), Strength: HintStrength(b[4])},
		Hints:   ColumnHints(binary.LittleEndian.Uint32(b[5:9])),
		Sampled: binary.LittleEndian.Uint16(b[9:11]),
	}
	return true
}

// VerdictCache holds column verdicts for a TTL, shared by every session of a
// process. It is safe for concurrent use; Get and Put do not allocate.
//
// freecache asks its timer for the time on every lookup, and reading the
// clock costs more than the lookup on some virtual machines; so the cache's
// clock is a stored second, advanced by Get and Put, and once per result set
// by Resolver.Resolve, whose lookups then read no clock.
type VerdictCache struct {
	c     *freecache.Cache
	ttl   int // seconds
	clock verdictClock
	// gen counts the changes made through Put and Delete (Resolver.Gen).
	gen atomic.Uint64
}

// verdictClock is freecache's Timer: a stored Unix second.
type verdictClock struct{ now atomic.Uint32 }

func (c *verdictClock) Now() uint32 { return c.now.Load() }

// tick advances the cache's clock.
func (vc *VerdictCache) tick() { vc.clock.now.Store(uint32(time.Now().Unix())) }

// MinVerdictCacheSize is the smallest cache freecache accepts (512 KiB).
const MinVerdictCacheSize = 512 * 1024

// NewVerdictCache returns a cache of about sizeBytes (at least
// MinVerdictCacheSize; some 20,000 verdicts per MiB) whose entries expire
// after ttl (at least one second).
func NewVerdictCache(sizeBytes int, ttl time.Duration) (*VerdictCache, error) {
	if sizeBytes < MinVerdictCacheSize {
		return nil, errors.New("classify: verdict cache size below 512 KiB")
	}
	if ttl < time.Second {
		return nil, errors.New("classify: verdict cache TTL below 1s")
	}
	vc := &VerdictCache{ttl: int(ttl / time.Second)}
	vc.tick()
	vc.c = freecache.NewCacheCustomTimer(sizeBytes, &vc.clock)
	return vc, nil
}

// Get returns the cached verdict of k.
func (vc *VerdictCache) Get(k ColumnKey) (Verdict, bool) {
	vc.tick()
	return vc.get(k)
}

// get is Get without advancing the clock (Resolve ticks once per result set).
func (vc *VerdictCache) get(k ColumnKey) (Verdict, bool) {
	var kb [columnKeyLen]byte
	var vb [verdictLen]byte
	b, err := vc.c.GetWithBuf(k.encode(&kb), vb[:])
	var v Verdict
	if err != nil || !v.decode(b) {
		return Verdict{}, false
	}
	return v, true
}

// Put stores v as k's verdict, replacing any, for the cache's TTL.
func (vc *VerdictCache) Put(k ColumnKey, v Verdict) {
	vc.tick()
	var kb [columnKeyLen]byte
	var vb [verdictLen]byte
	_ = vc.c.Set(k.encode(&kb), v.encode(&vb), vc.ttl) // fails only for oversized entries
	vc.gen.Add(1)
}

// Delete drops k's verdict (after a schema change, or to force a new sample).
func (vc *VerdictCache) Delete(k ColumnKey) {
	var kb [columnKeyLen]byte
	vc.c.Del(k.encode(&kb))
	vc.gen.Add(1)
}

// Len returns the number of cached verdicts.
func (vc *VerdictCache) Len() int64 { return vc.c.EntryCount() }
