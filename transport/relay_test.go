package transport_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/maskwire/maskwire/internal/proxytest"
)

func ctxT(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// query runs sql over conn (simple protocol) and returns the first result's rows as strings.
func query(t *testing.T, conn *pgconn.PgConn, sql string) [][]string {
	t.Helper()
	res, err := conn.Exec(ctxT(t, 30*time.Second), sql).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	var rows [][]string
	for _, r := range res[0].Rows {
		var row []string
		for _, v := range r {
			row = append(row, string(v))
		}
		rows = append(rows, row)
	}
	return rows
}

func TestRelaySimpleQuery(t *testing.T) {
	p := proxytest.Start(t)
	conn, err := pgconn.Connect(ctxT(t, 10*time.Second), p.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	rows := query(t, conn, "select g, md5(g::text) from generate_series(1,1000) g")
	if len(rows) != 1000 || rows[999][0] != "1000" {
		t.Fatalf("got %d rows, last %v", len(rows), rows[len(rows)-1])
	}
}
