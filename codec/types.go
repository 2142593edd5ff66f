package codec

// Backend (server to client) message types.
const (
	AuthenticationMsg        = 'R'
	BackendKeyDataMsg        = 'K'
	BindComplete             = '2'
	CloseComplete            = '3'
	CommandComplete          = 'C'
	CopyBothResponse         = 'W'
	CopyData                 = 'd'
	CopyDone                 = 'c'
	CopyInResponse           = 'G'
	CopyOutResponse          = 'H'
	DataRow                  = 'D'
	EmptyQueryResponse       = 'I'
	ErrorResponse            = 'E'
	FunctionCallResponse     = 'V'
	NegotiateProtocolVersion = 'v'
	NoData                   = 'n'
	NoticeResponse           = 'N'
	NotificationResponse     = 'A'
	ParameterDescription     = 't'
	ParameterStatus          = 'S'
	ParseComplete            = '1'
	PortalSuspended          = 's'
	ReadyForQuery            = 'Z'
	RowDescription           = 'T'
)

// Frontend (client to server) message types. Some bytes are shared with the
// backend set ('d', 'c'); direction disambiguates.
const (
	Bind         = 'B'
	Close        = 'C'
	CopyFail     = 'f'
	Describe     = 'D'
	Execute      = 'E'
	Flush        = 'H'
	FunctionCall = 'F'
	Parse        = 'P'
	PasswordMsg  = 'p' // PasswordMessage, SASLInitialResponse, SASLResponse, GSSResponse
	Query        = 'Q'
	Sync         = 'S'
	Terminate    = 'X'
)

// Startup-phase request codes (the int32 after the length of an untyped message).
const (
	ProtocolVersion30 = 3<<16 | 0
	ProtocolVersion32 = 3<<16 | 2
	CancelRequestCode = 80877102
	SSLRequestCode    = 80877103
	GSSENCRequestCode = 80877104
)
