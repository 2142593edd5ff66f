package engine

// Session is the protocol state of one client connection. (Implementation in progress.)
type Session struct{ cfg *Config }

// NewSession starts a session in the startup phase.
func NewSession(cfg *Config) *Session { return &Session{cfg: cfg} }

// FromClient consumes bytes read from the client.
func (s *Session) FromClient(p []byte) (Output, error) { panic("TODO") }

// FromServer consumes bytes read from the upstream.
func (s *Session) FromServer(p []byte) (Output, error) { panic("TODO") }

// Busy reports whether the client is waiting for responses to requests the
// upstream has received (a query or pipeline in flight, a COPY in progress).
func (s *Session) Busy() bool { panic("TODO") }

// Info is the startup information (valid once Output.Connect was returned).
func (s *Session) Info() SessionInfo { panic("TODO") }

// UpstreamKey is the upstream backend's cancel key, once known.
func (s *Session) UpstreamKey() (Target, bool) { panic("TODO") }

// Close releases the session's cancel key. Call it once when the connection ends.
func (s *Session) Close() {}

// ServerEOF builds what to tell the client when the upstream connection ends
// unexpectedly (an ErrorResponse, SQLSTATE 08006, when a request is in flight).
func (s *Session) ServerEOF(cause error) Output { panic("TODO") }
