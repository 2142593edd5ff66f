package engine

import (
	"context"
	"errors"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/maskwire/maskwire/codec"
	"github.com/maskwire/maskwire/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// testUpstream is the real PostgreSQL these engine tests relay to.
func testUpstream(t *testing.T) string { return pgtest.Addr(t) }

// viaRelay returns the test server's DSN pointed at the relay instead.
func viaRelay(t *testing.T, relayAddr string) *pgx.ConnConfig {
	t.Helper()
	cc, err := pgx.ParseConfig(pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	host, port, _ := net.SplitHostPort(relayAddr)
	p, _ := strconv.Atoi(port)
	cc.Host, cc.Port, cc.TLSConfig, cc.Fallbacks = host, uint16(p), nil, nil
	return cc
}

// relay is the smallest transport: enough to drive a Session with real
// sockets in tests.
func relay(t *testing.T, cfg *Config) string {
	t.Helper()
	up := testUpstream(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go relaySession(cfg, c, up)
		}
	}()
	return ln.Addr().String()
}

func relaySession(cfg *Config, client net.Conn, upAddr string) {
	s := NewSession(cfg)
	defer s.Close()
	defer client.Close()
	var server net.Conn
	var wg sync.WaitGroup
	defer wg.Wait()
	buf := make([]byte, 64<<10)
	for {
		n, err := client.Read(buf)
		if n > 0 {
			out, _ := s.FromClient(buf[:n])
			if len(out.ToClient) > 0 {
				client.Write(out.ToClient)
			}
			if out.Connect != nil {
				server, err = net.Dial("tcp", upAddr)
				if err != nil {
					return
				}
				defer server.Close()
				wg.Add(1)
				go func() {
					defer wg.Done()
					defer client.Close()
					sb := make([]byte, 64<<10)
					for {
						n, err := server.Read(sb)
						if n > 0 {
							out, _ := s.FromServer(sb[:n])
							if out.ToClientVec != nil {
								bufs := net.Buffers(out.ToClientVec)
								bufs.WriteTo(client)
							} else {
								client.Write(out.ToClient)
							}
							if len(out.ToServer) > 0 {
								server.Write(out.ToServer)
							}
							if out.Close {
								return
							}
						}
						if err != nil {
							return
						}
					}
				}()
			}
			if len(out.ToServer) > 0 && server != nil {
				server.Write(out.ToServer)
			}
			if out.Close {
				if server != nil {
					server.Close()
				}
				return
			}
		}
		if err != nil {
			if server != nil {
				server.Close()
			}
			return
		}
	}
}

// recorder is a Masker that checks every row arrives with known columns.
type recorder struct {
	mu      sync.Mutex
	results [][]Column
	sqls    []string
}

type recFilter struct {
	r    *recorder
	cols int
}

func (r *recorder) PlanResult(res *Result) RowFilter {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.results = append(r.results, append([]Column(nil), res.Columns...))
	r.sqls = append(r.sqls, strings.Clone(res.SQL)) // the engine reuses its bytes
	return &recFilter{r: r, cols: len(res.Columns)}
}

var errCols = errors.New("row has a different column count than its result set")

func (f *recFilter) AppendRow(dst, raw, body []byte) ([]byte, error) {
	var r codec.DataRowReader
	r.Reset(body)
	if r.NumFields() != f.cols {
		return dst, errCols
	}
	for r.Next() {
	}
	if r.Err() != nil {
		return dst, r.Err()
	}
	return append(dst, raw...), nil
}

func TestRelayPgxModes(t *testing.T) {
	rec := &recorder{}
	cfg := &Config{Cancels: NewCancelRegistry(), NewMasker: func(SessionInfo) Masker { return rec }}
	addr := relay(t, cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeCacheDescribe,
		pgx.QueryExecModeDescribeExec, pgx.QueryExecModeExec, pgx.QueryExecModeSimpleProtocol} {
		cc := viaRelay(t, addr)
		cc.DefaultQueryExecMode = mode
		conn, err := pgx.ConnectConfig(ctx, cc)
		if err != nil {
			t.Fatalf("%v: connect through engine: %v", mode, err)
		}
		for i := range 5 {
			var a int64
			var b string
			if err := conn.QueryRow(ctx, "select $1::int8 + 1, 'x' || $1::text", int64(i)).Scan(&a, &b); err != nil {
				t.Fatalf("%v: query %d: %v", mode, i, err)
			}
			if a != int64(i)+1 || b != "x"+string(rune('0'+i)) {
				t.Fatalf("%v: got %d %q", mode, a, b)
			}
		}
		if _, err := conn.Exec(ctx, "select 1/0"); err == nil {
			t.Fatalf("%v: division by zero did not fail", mode)
		}
		var one int
		if err := conn.QueryRow(ctx, "select 1").Scan(&one); err != nil || one != 1 {
			t.Fatalf("%v: after error: %v", mode, err)
		}
		conn.Close(ctx)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.results) < 25 {
		t.Fatalf("masker planned %d result sets, want at least 25", len(rec.results))
	}
}

// TestPipelineRebindsUnnamedPortal: a pgx batch binds the unnamed portal
// again before the previous result arrives; each result must be planned with
// its own columns.
func TestPipelineRebindsUnnamedPortal(t *testing.T) {
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeCacheDescribe, pgx.QueryExecModeDescribeExec, pgx.QueryExecModeExec} {
		rec := &recorder{}
		cfg := &Config{Cancels: NewCancelRegistry(), NewMasker: func(SessionInfo) Masker { return rec }}
		addr := relay(t, cfg)
		ctx := context.Background()
		cc := viaRelay(t, addr)
		cc.DefaultQueryExecMode = mode
		conn, err := pgx.ConnectConfig(ctx, cc)
		if err != nil {
			t.Fatal(err)
		}
		b := &pgx.Batch{}
		for i := range 20 {
			switch i % 3 {
			case 0:
				b.Queue("select $1::int4 as a", i)
			case 1:
				b.Queue("select $1::int4 as a, 'b' as b, now() as c", i)
			case 2:
				b.Queue("select g, g*2, g*3, g*4 from generate_series(1, $1::int4) g", i)
			}
		}
		if err := conn.SendBatch(ctx, b).Close(); err != nil {
			t.Fatalf("%v: batch through engine: %v", mode, err)
		}
		conn.Close(ctx)
	}
}

// TestSQLCursorPortal: Execute of a portal the engine never saw bound (a
// cursor declared in SQL) is described by the engine itself.
func TestSQLCursorPortal(t *testing.T) {
	rec := &recorder{}
	cfg := &Config{Cancels: NewCancelRegistry(), NewMasker: func(SessionInfo) Masker { return rec }}
	fe, _ := rawFrontend(t, relay(t, cfg))
	fe.Send(&pgproto3.Query{String: "begin; declare c cursor for select g, 'x'||g from generate_series(1,4) g"})
	fe.Flush()
	receiveUntilReady(t, fe)
	fe.Send(&pgproto3.Execute{Portal: "c", MaxRows: 3})
	fe.Send(&pgproto3.Sync{})
	fe.Flush()
	var rows int
	for _, m := range receiveUntilReady(t, fe) {
		switch m := m.(type) {
		case *pgproto3.DataRow:
			rows++
		case *pgproto3.ErrorResponse:
			t.Fatal(m.Message)
		case *pgproto3.RowDescription:
			t.Fatal("client saw the injected RowDescription")
		}
	}
	if rows != 3 {
		t.Fatalf("%d rows, want 3", rows)
	}
}
