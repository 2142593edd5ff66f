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

	mu     sync.Mutex
	conns  map[string]*pgx.Conn
	tables map[tableKey]*tableNames
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
}

// Column implements Catalog.
func (c *PGCatalog) Column(database string, tableOID uint32, attnum int16) (ColumnRef, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tables == nil {
		c.tables = make(map[tableKey]*tableNames)
		c.conns = make(map[string]*pgx.Conn)
	}
	k := tableKey{database, tableOID}
	t := c.tables[k]
	if t == nil || time.Now().After(t.expires) {
		t = c.load(database, tableOID)
		if len(c.tables) > 100000 {
			clear(c.tables)
		}
		c.tables[k] = t
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
	conn, err := c.conn(ctx, database)
	if err != nil {
		return failed
	}
	rows, err := conn.Query(ctx, `select n.nspname, c.relname, a.attnum, a.attname
		from pg_catalog.pg_class c
		join pg_catalog.pg_namespace n on n.oid = c.relnamespace
		join pg_catalog.pg_attribute a on a.attrelid = c.oid
		where c.oid = $1 and a.attnum > 0 and not a.attisdropped`, oid)
	if err != nil {
		conn.Close(context.Background())
		delete(c.conns, database)
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
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tables == nil {
		c.tables = make(map[tableKey]*tableNames)
		c.conns = make(map[string]*pgx.Conn)
	}
	timeout := c.Timeout
	if timeout == 0 {
		timeout = 2 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	conn, err := c.conn(ctx, database)
	if err != nil {
		return nil, false
	}
	sd, err := conn.PgConn().Prepare(ctx, "", query, nil)
	if err != nil {
		return nil, false
	}
	cols := make([]engine.Column, len(sd.Fields))
	for i, f := range sd.Fields {
		cols[i] = engine.Column{Name: f.Name, TableOID: f.TableOID, Attnum: int16(f.TableAttributeNumber),
			TypeOID: f.DataTypeOID, TypeSize: f.DataTypeSize, TypeMod: f.TypeModifier}
	}
	return cols, true
}

func (c *PGCatalog) conn(ctx context.Context, database string) (*pgx.Conn, error) {
	conn := c.conns[database]
	if conn != nil && !conn.IsClosed() {
		return conn, nil
	}
	cfg := c.Config.Copy()
	cfg.Database = database
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	c.conns[database] = conn
	return conn, nil
}

// Close closes the side connections.
func (c *PGCatalog) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for db, conn := range c.conns {
		conn.Close(context.Background())
		delete(c.conns, db)
	}
}
