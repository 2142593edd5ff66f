package classify

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// benchColumns is a 20-column result set in the mix real schemas have: ids,
// timestamps, hinted PII columns and free text.
func benchColumns() []ColumnDesc {
	names := []struct {
		n   string
		oid uint32
	}{
		{"id", oidInt8}, {"customer_id", oidInt4}, {"first_name", oidVarchar}, {"lastName", oidVarchar},
		{"EmailAddress", oidText}, {"phone_no", oidText}, {"date_of_birth", oidDate}, {"address_line1", oidText},
		{"zip", oidVarchar}, {"created_at", 1184}, {"updated_at", 1184}, {"is_active", oidBool},
		{"notes", oidText}, {"status", oidText}, {"amount", 1700}, {"ip_addr", oidInet},
		{"api_key", oidText}, {"payload", oidJSONB}, {"country", oidVarchar}, {"ssn", oidText},
	}
	cols := make([]ColumnDesc, len(names))
	db := DatabaseID("shop")
	for i, c := range names {
		cols[i] = ColumnDesc{Name: []byte(c.n), Key: TableColumnKey(db, 16384, int16(i+1), c.oid)}
	}
	return cols
}

// BenchmarkResolveColumns: resolving a result set's column plan.
//   - cached: every verdict in the freecache (the steady state);
//   - uncached: no cache, verdicts from name and type every time;
//   - naive: the obvious baseline, a mutex-guarded map keyed by the struct
//     and strings.ToLower on the name.
func BenchmarkResolveColumns(b *testing.B) {
	cols := benchColumns()
	states := make([]ColumnState, len(cols))
	report := func(b *testing.B) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(cols)), "ns/column")
	}
	b.Run("cached", func(b *testing.B) {
		c, _ := NewVerdictCache(4<<20, time.Hour)
		r, _ := NewResolver(c, Options{})
		st := r.Resolve(cols, states)
		for i := range st { // finish sampling so every column has a cached verdict
			if st[i].Verdict.Kind == VerdictUnknown {
				st[i].sampled = 32
				r.decide(&st[i])
			}
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			r.Resolve(cols, states)
		}
		report(b)
		for i := range states {
			if states[i].Verdict.Kind == VerdictUnknown {
				b.Fatalf("column %s: no cached verdict", cols[i].Name)
			}
		}
	})
	b.Run("uncached", func(b *testing.B) {
		r, _ := NewResolver(nil, Options{})
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			r.Resolve(cols, states)
		}
		report(b)
	})
	b.Run("naive", func(b *testing.B) {
		var mu sync.RWMutex
		m := map[ColumnKey]Verdict{}
		for _, c := range cols {
			m[c.Key] = Verdict{Kind: VerdictClean}
		}
		out := make([]Verdict, len(cols))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			for j, c := range cols {
				name := strings.ToLower(string(c.Name))
				mu.RLock()
				v := m[c.Key]
				mu.RUnlock()
				if strings.Contains(name, "mail") {
					v.Hints = ColumnEmail
				}
				out[j] = v
			}
		}
		report(b)
	})
}

// BenchmarkColumnNameHint: the name tokenizer and table lookups alone.
func BenchmarkColumnNameHint(b *testing.B) {
	cols := benchColumns()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, c := range cols {
			ColumnNameHintBytes(c.Name)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(cols)), "ns/column")
}

// BenchmarkVerdictCacheGet: one freecache lookup, the cost Resolve pays per
// column whose verdict may have been sampled or flipped.
func BenchmarkVerdictCacheGet(b *testing.B) {
	c, _ := NewVerdictCache(4<<20, time.Hour)
	k := TableColumnKey(DatabaseID("shop"), 16384, 3, oidText)
	c.Put(k, Verdict{Kind: VerdictFreeText})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ok := c.Get(k); !ok {
			b.Fatal("miss")
		}
	}
}
