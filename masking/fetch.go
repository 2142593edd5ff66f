package masking

import (
	"strings"

	"github.com/maskwire/maskwire/engine"
)

// CachedCatalog is implemented by a Catalog that can tell, without waiting,
// whether it already knows a table's column names (PGCatalog). The masker
// then asks the engine to look the rest up off the I/O path first
// (engine.Fetcher), so that an event loop serving many sessions never
// blocks on a catalog query.
type CachedCatalog interface {
	Catalog
	Cached(database string, tableOID uint32) bool
}

// FetchResult implements engine.Fetcher: the lookups a result set's plan
// would block on (tables the catalog has not seen yet), as one func that
// fills the catalog's cache; nil when there are none.
func (m *sessionMasker) FetchResult(r *engine.Result) func() {
	cat, ok := m.o.Catalog.(CachedCatalog)
	if !ok || m.filter.sameColumns(r) {
		// The columns the session described last: their tables were looked
		// up then (and the catalog only forgets tables past 100,000).
		return nil
	}
	var missing []engine.Column
	for _, col := range r.Columns {
		if col.TableOID != 0 && !cat.Cached(m.db, col.TableOID) {
			missing = append(missing, col)
		}
	}
	if missing == nil || m.currentMode() == ModeOff {
		return nil
	}
	db := m.db
	return func() {
		for _, col := range missing {
			cat.Column(db, col.TableOID, col.Attnum)
		}
	}
}

// copyFetch is a COPY's column description looked up ahead (FetchCopy) for
// BeginCopy.
type copyFetch struct {
	sql  string
	cols []engine.Column
	ok   bool
}

// FetchCopy implements engine.Fetcher: a COPY's columns are described on the
// catalog connection (and their tables' names looked up) before BeginCopy.
func (m *sessionMasker) FetchCopy(sql string) func() {
	if _, ok := m.o.Catalog.(CachedCatalog); !ok {
		return nil
	}
	if m.currentMode() == ModeOff || (m.fetched != nil && m.fetched.sql == sql) {
		return nil
	}
	sql = strings.Clone(sql) // kept past the call (engine.MessageFilter.BeginCopy)
	spec, ok := parseCopy(sql)
	if !ok {
		return nil
	}
	cat, db := m.o.Catalog, m.db
	return func() {
		cols, ok := cat.Describe(db, spec.query)
		for _, col := range cols {
			if col.TableOID != 0 {
				cat.Column(db, col.TableOID, col.Attnum)
			}
		}
		// The session is paused until this returns (engine.Output.Wait).
		m.fetched = &copyFetch{sql: sql, cols: cols, ok: ok}
	}
}
