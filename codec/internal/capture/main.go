// Command capture records one real PostgreSQL session, both directions, as
// raw wire bytes for the codec tests (codec/testdata/*.bin).
//
// It starts a TCP relay on a loopback port, connects to it with pgconn (so
// the upstream is a real server), runs a script that makes the server send
// every message shape the decoder tests care about, and writes what crossed
// the relay:
//
//	go run ./codec/internal/capture -upstream 127.0.0.1:5432 -out codec/testdata
//
// The script: startup and authentication, simple queries (several statements
// in one), RowDescription and DataRows with NULLs, rows larger than 64 KiB,
// an ErrorResponse, an EmptyQueryResponse, a NoticeResponse, COPY TO STDOUT
// and COPY FROM STDIN (CopyData both ways), LISTEN/NOTIFY
// (NotificationResponse), and the extended protocol (Parse/Bind/Describe/
// Execute/Sync), then Terminate.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

func main() {
	upstream := flag.String("upstream", "127.0.0.1:5432", "PostgreSQL host:port")
	user := flag.String("user", "postgres", "user (trust authentication)")
	db := flag.String("db", "test", "database")
	out := flag.String("out", "codec/testdata", "output directory")
	name := flag.String("name", "session", "file name prefix")
	flag.Parse()
	if err := run(*upstream, *user, *db, *out, *name); err != nil {
		log.Fatal(err)
	}
}

// relay accepts one connection and copies both ways, recording each direction.
type relay struct {
	ln                net.Listener
	frontend, backend bytes.Buffer // client->server, server->client
	wg                sync.WaitGroup
	errMu             sync.Mutex
	err               error
}

func (r *relay) serve(upstream string) {
	defer r.wg.Done()
	c, err := r.ln.Accept()
	if err != nil {
		r.fail(err)
		return
	}
	u, err := net.Dial("tcp", upstream)
	if err != nil {
		c.Close()
		r.fail(err)
		return
	}
	var both sync.WaitGroup
	both.Add(2)
	go func() { // client -> server
		defer both.Done()
		io.Copy(io.MultiWriter(u, &r.frontend), c)
		u.(*net.TCPConn).CloseWrite()
	}()
	go func() { // server -> client
		defer both.Done()
		io.Copy(io.MultiWriter(c, &r.backend), u)
		c.(*net.TCPConn).CloseWrite()
	}()
	both.Wait()
	c.Close()
	u.Close()
}

func (r *relay) fail(err error) {
	r.errMu.Lock()
	defer r.errMu.Unlock()
	if r.err == nil {
		r.err = err
	}
}

func run(upstream, user, db, out, name string) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	r := &relay{ln: ln}
	r.wg.Add(1)
	go r.serve(upstream)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dsn := fmt.Sprintf("postgres://%s@%s/%s?sslmode=disable&application_name=codec-capture", user, ln.Addr(), db)
	conn, err := pgconn.Connect(ctx, dsn)
	if err != nil {
		return fmt.Errorf("connect through relay: %w", err)
	}
	if err := script(ctx, conn); err != nil {
		conn.Close(ctx)
		return err
	}
	if err := conn.Close(ctx); err != nil { // sends Terminate
		return err
	}
	r.wg.Wait()
	if r.err != nil {
		return r.err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, f := range []struct {
		dir string
		b   []byte
	}{{"frontend", r.frontend.Bytes()}, {"backend", r.backend.Bytes()}} {
		p := filepath.Join(out, name+"."+f.dir+".bin")
		if err := os.WriteFile(p, f.b, 0o644); err != nil {
			return err
		}
		fmt.Printf("%s: %d bytes\n", p, len(f.b))
	}
	return nil
}

func script(ctx context.Context, conn *pgconn.PgConn) error {
	simple := func(sql string, wantErr bool) error {
		_, err := conn.Exec(ctx, sql).ReadAll()
		if (err != nil) != wantErr {
			return fmt.Errorf("%q: err = %v, want error: %v", sql, err, wantErr)
		}
		return nil
	}
	steps := []struct {
		sql     string
		wantErr bool
	}{
		// Several statements in one Query; NULLs, empty strings, a zero-column row.
		{`select 1 as a, null::text as b, '' as c, 'héllo'::text as d;
		  select i, case when i % 3 = 0 then null else md5(i::text) end as h,
		         case when i % 5 = 0 then null else i * 1.5 end as f
		    from generate_series(1, 40) i;
		  select;`, false},
		// Rows larger than 64 KiB: one big field, and a row of several.
		{`select repeat('x', 70000) as big, null::text as n, 42 as small`, false},
		{`select repeat('a', 30000) as p1, repeat('b', 30000) as p2, repeat('c', 10000) as p3`, false},
		{`select 1/0`, true}, // ErrorResponse
		{``, false},          // EmptyQueryResponse
		{`do $$ begin raise notice 'codec capture notice'; end $$`, false},            // NoticeResponse
		{`listen codec_capture; notify codec_capture, 'payload from capture'`, false}, // NotificationResponse
		{`create temp table capture_t(id int, note text)`, false},
	}
	for _, s := range steps {
		if err := simple(s.sql, s.wantErr); err != nil {
			return err
		}
	}
	// COPY FROM STDIN: CopyData client -> server.
	in := strings.NewReader("1\tone\n2\t\\N\n3\tthree\n")
	if _, err := conn.CopyFrom(ctx, in, "copy capture_t from stdin"); err != nil {
		return fmt.Errorf("copy from: %w", err)
	}
	// COPY TO STDOUT: CopyOutResponse, CopyData, CopyDone server -> client.
	var sink bytes.Buffer
	if _, err := conn.CopyTo(ctx, &sink, "copy (select i, md5(i::text) from generate_series(1, 20) i) to stdout"); err != nil {
		return fmt.Errorf("copy to: %w", err)
	}
	// Extended protocol: Parse/Bind/Describe/Execute/Sync, binary and text results.
	rr := conn.ExecParams(ctx, "select $1::int as n, null::text as t, $2::text as s",
		[][]byte{[]byte("7"), []byte("bound")}, nil, nil, []int16{1, 0, 0}).Read()
	if rr.Err != nil {
		return fmt.Errorf("extended: %w", rr.Err)
	}
	return nil
}
