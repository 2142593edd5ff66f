// Package engine is maskwire's sans-I/O PostgreSQL protocol engine: bytes in,
// bytes out, callbacks for decisions. It never touches a socket, a clock or a
// log, so every transport (goroutines over net.Conn, an event loop) drives the
// same engine and the protocol tests drive it with no socket at all.
//
// A Session is one client connection. The transport feeds it what it reads
// from the client (FromClient) and from the upstream server (FromServer) and
// writes out what the returned Output says. The two directions may be driven
// from two goroutines at once; shared state is guarded inside.
//
// The engine knows, for every DataRow it relays, the column descriptions of
// its result set (from the RowDescription, or from the prepared statement and
// portal it belongs to), and hands each result set to a Masker once.
package engine

import "github.com/maskwire/maskwire/codec"

// Config is shared by every session of a listener. It must not change after
// the first session is created.
type Config struct {
	// MaxMessageSize bounds one message in either direction (header included).
	// 0 selects codec.DefaultMaxMessageSize.
	MaxMessageSize int
	// ClientTLS: the transport can upgrade client connections; SSLRequest is
	// answered 'S' (else 'N').
	ClientTLS bool
	// RequireClientTLS: a client that does not ask for TLS is refused (28000).
	RequireClientTLS bool
	// Cancels maps the BackendKeyData maskwire gives each client to the
	// upstream's. Required.
	Cancels *CancelRegistry
	// NewMasker builds the per-session masker once the session's user and
	// database are known; nil (or a nil result) relays rows unchanged.
	NewMasker func(SessionInfo) Masker
}

// SessionInfo is what the startup message said about the client.
type SessionInfo struct {
	User            string
	Database        string
	ApplicationName string
	// ProtocolVersion the client asked for (codec.ProtocolVersion30 or 32).
	ProtocolVersion uint32
	// Params are all startup parameters, user and database included.
	Params map[string]string
}

// Output is what the transport must do after a Feed call, in this order:
// write ToClient to the client; if StartTLS, upgrade the client connection;
// if Connect, dial the upstream (and negotiate upstream TLS) and start
// relaying its bytes to FromServer; write ToServer to the upstream; if
// Cancel, forward a CancelRequest for that key and close; if Close, close
// both connections.
//
// ToClient and ToServer are valid until the next call in the same direction.
// When ToClientVec is not nil it replaces ToClient: the pieces to write in
// order (writev), some of them views into the bytes just fed, which must
// therefore stay unchanged until they are written (rows relayed untouched
// are never copied).
type Output struct {
	ToClient    []byte
	ToClientVec [][]byte
	ToServer    []byte
	StartTLS    bool
	Connect     *SessionInfo
	Cancel      *Target
	Close       bool
	// Wait, when not nil, is work the engine needs done before it can go
	// on with the server's messages (a masker's catalog lookup); it may
	// block. The engine keeps every server byte not yet handled, in its own
	// buffer (the bytes fed may be reused). Run Wait away from any loop
	// that serves other sessions, then call FromServer(nil) to go on.
	Wait func()
}

// ClientBytes returns what the client is to receive, joined (for tests and
// logs; the transport writes ToClientVec as it is).
func (o *Output) ClientBytes() []byte {
	if o.ToClientVec == nil {
		return o.ToClient
	}
	var b []byte
	for _, p := range o.ToClientVec {
		b = append(b, p...)
	}
	return b
}

// Column describes one column of a result set, as RowDescription does, with
// the format code the rows will actually use.
type Column struct {
	Name     string
	TableOID uint32
	Attnum   int16
	TypeOID  uint32
	TypeSize int16
	TypeMod  int32
	Format   int16 // 0 text, 1 binary
}

// Result is one result set about to stream. It and its Columns are valid
// only during the PlanResult call: a masker that keeps them must copy.
type Result struct {
	// SQL is the statement text the result belongs to (the Query string, or the
	// Parse text of the prepared statement); it fingerprints computed columns.
	// Its bytes are the engine's and are reused after the call: copy it
	// (strings.Clone) to keep it.
	SQL     string
	Columns []Column
}

// Masker decides, once per result set, what happens to its rows. It is
// created per session and only ever called from the server direction. A
// Masker with a Close() method is told when the session ends.
type Masker interface {
	// PlanResult is called when a result set's columns are known, before its
	// first row. A nil RowFilter relays its rows byte for byte.
	PlanResult(r *Result) RowFilter
}

// Fetcher is implemented by a Masker whose planning may first need to look
// something up (the catalog names of a table's columns). The engine asks
// before PlanResult and before MessageFilter.BeginCopy; a non-nil func is
// that lookup, which may block: the engine stops before the message and
// returns it as Output.Wait, and asks again once resumed (the lookup done,
// the answer is then nil). The Result is valid only during the call; the
// func runs on another goroutine, so it must not touch the session's state
// (shared, concurrency-safe caches only).
type Fetcher interface {
	FetchResult(r *Result) func()
	FetchCopy(sql string) func()
}

// RowFilter re-encodes the rows of one result set.
type RowFilter interface {
	// AppendRow appends to dst the whole DataRow message (type and length
	// included) to send in place of raw, whose body is body; raw and body are
	// valid only during the call. An error makes the engine fail closed: the
	// row is not sent and the client gets an error.
	AppendRow(dst, raw, body []byte) ([]byte, error)
}

// RowPasser is implemented by a RowFilter that lets some rows through
// untouched (a result set of clean columns between two spot checks). The
// engine asks PassRows before a row; it forwards up to that many rows as
// they are, in one copy, reports how many with Passed, and calls AppendRow
// for a row only when PassRows is 0.
type RowPasser interface {
	PassRows() int
	Passed(n int)
}

// MessageFilter is implemented by a Masker that also inspects server messages
// other than DataRow: CopyData (COPY TO STDOUT), ErrorResponse and
// NoticeResponse fields, NotificationResponse payloads and
// FunctionCallResponse results. It appends the message to send (raw, or a
// rewritten copy) to dst.
type MessageFilter interface {
	AppendMessage(dst []byte, f codec.Frame, copyFormat *CopyFormat) ([]byte, error)
	// BeginCopy is called when a COPY OUT starts, with the statement's text
	// (the Query string or the prepared statement's), before its CopyData;
	// sql is valid only during the call (as Result.SQL).
	BeginCopy(sql string, copyFormat *CopyFormat)
}

// CopyFormat describes the COPY OUT stream in progress (from CopyOutResponse).
type CopyFormat struct {
	Binary        bool
	ColumnFormats []int16
}
