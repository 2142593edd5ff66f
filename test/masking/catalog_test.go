package masking_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/maskwire/maskwire/internal/pgtest"
	"github.com/maskwire/maskwire/masking"
)

// TestCatalogNamesColumns: PGCatalog names a table's columns from the
// upstream catalog; concurrent lookups agree; after the TTL a renamed column
// is served stale once while a background lookup refreshes it, then with its
// new name; an unknown table is no answer, not an error.
func TestCatalogNamesColumns(t *testing.T) {
	table := fmt.Sprintf("catalog_probe_%d", time.Now().UnixNano())
	pgtest.Exec(t, fmt.Sprintf("create table %s (id int, email text)", table))
	t.Cleanup(func() { pgtest.Exec(t, "drop table if exists "+table) })
	conn := pgtest.Connect(t)
	defer conn.Close(context.Background())
	res, err := conn.Exec(context.Background(), fmt.Sprintf("select '%s'::regclass::oid, current_database()", table)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var oid uint32
	fmt.Sscan(string(res[0].Rows[0][0]), &oid)
	db := string(res[0].Rows[0][1])

	cfg, err := pgx.ParseConfig(pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	cat := &masking.PGCatalog{Config: cfg, TTL: 300 * time.Millisecond}
	defer cat.Close()

	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for range 16 {
		wg.Go(func() {
			ref, ok := cat.Column(db, oid, 2)
			if !ok || ref.Column != "email" || ref.Table != table || ref.Schema != "public" {
				errs <- fmt.Sprintf("%+v %v", ref, ok)
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatalf("concurrent lookup of attnum 2: %s, want public.%s.email", e, table)
	}

	pgtest.Exec(t, fmt.Sprintf("alter table %s rename column email to contact_email", table))
	time.Sleep(400 * time.Millisecond) // past the TTL
	if ref, ok := cat.Column(db, oid, 2); !ok || ref.Column != "email" {
		t.Fatalf("expired entry: %+v %v, want the stale name served while refreshing", ref, ok)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		ref, ok := cat.Column(db, oid, 2)
		if ok && ref.Column == "contact_email" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("renamed column still %+v %v after the refresh", ref, ok)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if ref, ok := cat.Column(db, 4294967000, 1); ok {
		t.Fatalf("unknown table: %+v", ref)
	}
}
