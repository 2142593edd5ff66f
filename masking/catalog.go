package masking

import (
	"context"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/maskwire/maskwire/engine"
)

// PGCatalog names table columns by asking the upstream's catalog, once per
// table, over one side connection per database, and caches the answers.
// Safe for concurrent use.
//
// Column is called while a result set's plan is made, on the goroutine (or
// event loop) relaying the session, so it blocks only the first time a
// table is seen: a cached answer past its TTL is still served while one
// background lookup refreshes it, and lookups in different databases do not
// wait for each other.
type PGCatalog struct {
	// Config is the upstream connection configuration; Database is replaced
	// per lookup.
	Config *pgx.ConnConfig
	// TTL of a cached table (default 5 minutes): a renamed column is seen
	// again after it.
	TTL time.Duration
	// Timeout of one lookup (default 2 s). A lookup that fails leaves only
	// field-name rules to match; it never holds a value back.
	Timeout time.Duration

	mu     sync.RWMutex // guards tables and conns (the map, not the connections)
	conns  map[string]*catalogConn
	tables map[tableKey]*tableNames
}

// catalogConn is one database's side connection; mu serializes its use.
type catalogConn struct {
	mu   sync.Mutex
	conn *pgx.Conn
}

type tableKey struct {
	db  string
	oid uint32
}

type tableNames struct {
	schema, table string
	cols          map[int16]string
	expires       time.Time
	ok            bool
	refreshing    bool // a background refresh is under way (guarded by PGCatalog.mu)
}

// Column implements Catalog.
func (c *PGCatalog) Column(database string, tableOID uint32, attnum int16) (ColumnRef, bool) {
	k := tableKey{database, tableOID}
	c.mu.RLock()
	t := c.tables[k]
	c.mu.RUnlock()
	switch {
	case t == nil:
		t = c.load(database, tableOID)
		c.store(k, t)
	case time.Now().After(t.expires):
		c.mu.Lock()
		start := !t.refreshing
		t.refreshing = true
		c.mu.Unlock()
		if start {
			go func() { c.store(k, c.load(database, tableOID)) }()
		}
	}
	if !t.ok {
		return ColumnRef{}, false
	}
	name, ok := t.cols[attnum]
	if !ok {
		return ColumnRef{}, false
	}
	return ColumnRef{Database: database, Schema: t.schema, Table: t.table, Column: name}, true
}

// Cached implements CachedCatalog: the table's names are known (possibly
// expired: Column then serves them while it refreshes them in the
// background), so Column will not wait on the network.
func (c *PGCatalog) Cached(database string, tableOID uint32) bool {
	c.mu.RLock()
	_, ok := c.tables[tableKey{database, tableOID}]
	c.mu.RUnlock()
	return ok
}

func (c *PGCatalog) store(k tableKey, t *tableNames) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tables == nil {
		c.tables = make(map[tableKey]*tableNames)
	}
	if len(c.tables) > 100000 {
		clear(c.tables)
	}
	c.tables[k] = t
}

func (c *PGCatalog) load(database string, oid uint32) *tableNames {
	ttl, timeout := c.TTL, c.Timeout
	if ttl == 0 {
		ttl = 5 * time.Minute
	}
	if timeout == 0 {
		timeout = 2 * time.Second
	}
	failed := &tableNames{expires: time.Now().Add(10 * time.Second)}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cc := c.dbConn(database)
	cc.mu.Lock()
	defer cc.mu.Unlock()
	conn, err := cc.get(ctx, c.Config, database)
	if err != nil {
		return failed
	}
	rows, err := conn.Query(ctx, `select n.nspname, c.relname, a.attnum, a.attname
		from pg_catalog.pg_class c
		join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		join pg_catalog.pg_attribute a on a.attrelid = c.oid
		where c.oid = $1 and a.attnum > 0 and not a.attisdropped`, oid)
	if err != nil {
		cc.reset()
		return failed
	}
	t := &tableNames{cols: make(map[int16]string), expires: time.Now().Add(ttl), ok: true}
	for rows.Next() {
		var attnum int16
		var name string
		if err := rows.Scan(&t.schema, &t.table, &attnum, &name); err != nil {
			rows.Close()
			return failed
		}
		t.cols[attnum] = name
	}
	if rows.Err() != nil || len(t.cols) == 0 {
		return failed
	}
	return t
}

// Describe implements Catalog: the result columns of query, from the
// server's own description of it (prepared, never executed).
func (c *PGCatalog) Describe(database, query string) ([]engine.Column, bool) {
	timeout := c.Timeout
	if timeout == 0 {
		timeout = 2 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cc := c.dbConn(database)
	cc.mu.Lock()
	defer cc.mu.Unlock()
	conn, err := cc.get(ctx, c.Config, database)
	if err != nil {
		return nil, false
	}
	sd, err := conn.PgConn().Prepare(ctx, "", query, nil)
	if err != nil {
		if conn.PgConn().IsClosed() {
			cc.reset()
		}
		return nil, false
	}
	cols := make([]engine.Column, len(sd.Fields))
	for i, f := range sd.Fields {
		cols[i] = engine.Column{Name: f.Name, TableOID: f.TableOID, Attnum: int16(f.TableAttributeNumber),
			TypeOID: f.DataTypeOID, TypeSize: f.DataTypeSize, TypeMod: f.TypeModifier}
	}
	return cols, true
}

// dbConn returns database's side connection holder.
func (c *PGCatalog) dbConn(database string) *catalogConn {
	c.mu.RLock()
	cc := c.conns[database]
	c.mu.RUnlock()
	if cc != nil {
		return cc
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conns == nil {
		c.conns = make(map[string]*catalogConn)
	}
	if cc = c.conns[database]; cc == nil {
		cc = &catalogConn{}
		c.conns[database] = cc
	}
	return cc
}

// get returns the open connection, dialing it if needed (cc.mu held).
func (cc *catalogConn) get(ctx context.Context, config *pgx.ConnConfig, database string) (*pgx.Conn, error) {
	if cc.conn != nil && !cc.conn.IsClosed() {
		return cc.conn, nil
	}
	cfg := config.Copy()
	cfg.Database = database
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	cc.conn = conn
	return conn, nil
}

// reset drops a connection that failed (cc.mu held).
func (cc *catalogConn) reset() {
	if cc.conn != nil {
		cc.conn.Close(context.Background())
		cc.conn = nil
	}
}

// Close closes the side connections.
func (c *PGCatalog) Close() {
	c.mu.Lock()
	conns := c.conns
	c.conns = nil
	c.mu.Unlock()
	for _, cc := range conns {
		cc.mu.Lock()
		cc.reset()
		cc.mu.Unlock()
	}
}
