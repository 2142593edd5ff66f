package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/maskwire/maskwire/codec"
	"github.com/maskwire/maskwire/engine"
)

// SSLMode is how maskwire secures its connection to the upstream, with
// libpq's meaning.
type SSLMode string

const (
	SSLDisable    SSLMode = "disable"     // plain TCP
	SSLPrefer     SSLMode = "prefer"      // TLS if the server offers it, unverified
	SSLRequire    SSLMode = "require"     // TLS or fail; unverified, unless sslrootcert is given (then as verify-ca)
	SSLVerifyCA   SSLMode = "verify-ca"   // TLS, certificate chain verified (not the host name)
	SSLVerifyFull SSLMode = "verify-full" // TLS, certificate chain and host name verified
)

// Upstream is the PostgreSQL server maskwire relays to.
type Upstream struct {
	// Network is "tcp" or "unix"; Addr is host:port or a socket path.
	Network, Addr string
	// Host is the host name (the default TLS server name).
	Host string
	// User, Password and Database come from the DSN. The authentication
	// relay passes the client's own credentials through; these are kept for
	// the layers that log in on maskwire's own behalf.
	User, Password, Database string
	SSLMode                  SSLMode
	// CAFile (sslrootcert) holds PEM roots for verify-ca and verify-full;
	// empty uses the system pool. Given with sslmode=require, it makes
	// require verify the chain as verify-ca does (libpq's rule: a user who
	// names a root certificate expects it to be checked).
	CAFile string
	// ServerName overrides Host for verify-full (sslservername).
	ServerName string
	// ConnectTimeout is the DSN's connect_timeout (whole seconds, libpq's
	// minimum of 2 applied; 0 when absent or 0). It is used when
	// Config.ConnectTimeout is not set.
	ConnectTimeout time.Duration
}

// ParseUpstream reads a libpq-style DSN, URL form
// (postgres://user:password@host:port/db?sslmode=require&sslrootcert=ca.pem)
// or key=value form (host=h port=5432 sslmode=verify-full ...). sslmode
// defaults to prefer, as in libpq; environment variables are not read.
func ParseUpstream(dsn string) (Upstream, error) {
	kv := map[string]string{}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return Upstream{}, fmt.Errorf("upstream DSN: %v", redactURLError(err))
		}
		if u.User != nil {
			kv["user"] = u.User.Username()
			if p, ok := u.User.Password(); ok {
				kv["password"] = p
			}
		}
		if h := u.Hostname(); h != "" {
			kv["host"] = h
		}
		if p := u.Port(); p != "" {
			kv["port"] = p
		}
		if db := strings.TrimPrefix(u.Path, "/"); db != "" {
			kv["dbname"] = db
		}
		for k, v := range u.Query() {
			kv[k] = v[len(v)-1]
		}
	} else {
		var err error
		if kv, err = parseKeyValues(dsn); err != nil {
			return Upstream{}, err
		}
	}
	up := Upstream{
		Host: kv["host"], User: kv["user"], Password: kv["password"], Database: kv["dbname"],
		SSLMode: SSLMode(kv["sslmode"]), CAFile: kv["sslrootcert"], ServerName: kv["sslservername"],
	}
	for k := range kv {
		switch k {
		case "host", "port", "user", "password", "dbname", "sslmode", "sslrootcert", "sslservername", "connect_timeout":
		default:
			return Upstream{}, fmt.Errorf("upstream DSN: unknown parameter %q (known: host port user password dbname sslmode sslrootcert sslservername connect_timeout)", k)
		}
	}
	if v, ok := kv["connect_timeout"]; ok {
		secs, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return Upstream{}, fmt.Errorf("upstream DSN: connect_timeout %q is not a whole number of seconds", v)
		}
		if secs > 0 {
			up.ConnectTimeout = time.Duration(max(secs, 2)) * time.Second
		}
	}
	if up.Host == "" {
		up.Host = "127.0.0.1"
	}
	port := kv["port"]
	if port == "" {
		port = "5432"
	}
	if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 {
		return Upstream{}, fmt.Errorf("upstream DSN: bad port %q", port)
	}
	if strings.HasPrefix(up.Host, "/") {
		up.Network, up.Addr = "unix", filepath.Join(up.Host, ".s.PGSQL."+port)
	} else {
		up.Network, up.Addr = "tcp", net.JoinHostPort(up.Host, port)
	}
	switch up.SSLMode {
	case "":
		up.SSLMode = SSLPrefer
	case SSLDisable, SSLPrefer, SSLRequire, SSLVerifyCA, SSLVerifyFull:
	default:
		return Upstream{}, fmt.Errorf("upstream DSN: sslmode %q not supported (use disable, prefer, require, verify-ca or verify-full)", up.SSLMode)
	}
	if up.Network == "unix" && up.SSLMode != SSLDisable && up.SSLMode != SSLPrefer {
		return Upstream{}, fmt.Errorf("upstream DSN: sslmode=%s over a Unix socket", up.SSLMode)
	}
	return up, nil
}

func parseKeyValues(s string) (map[string]string, error) {
	kv := map[string]string{}
	s = strings.TrimSpace(s)
	for s != "" {
		eq := strings.IndexByte(s, '=')
		if eq <= 0 {
			return nil, fmt.Errorf("upstream DSN: expected key=value or postgres://..., got %q", s)
		}
		key := strings.TrimSpace(s[:eq])
		s = strings.TrimLeft(s[eq+1:], " \t")
		var val strings.Builder
		if strings.HasPrefix(s, "'") {
			s = s[1:]
			closed := false
			for i := 0; i < len(s); i++ {
				switch {
				case s[i] == '\\' && i+1 < len(s):
					i++
					val.WriteByte(s[i])
				case s[i] == '\'':
					s, closed = s[i+1:], true
				default:
					val.WriteByte(s[i])
					continue
				}
				if closed {
					break
				}
			}
			if !closed {
				return nil, fmt.Errorf("upstream DSN: unterminated quote in value of %s", key)
			}
		} else {
			end := strings.IndexAny(s, " \t")
			if end < 0 {
				end = len(s)
			}
			val.WriteString(s[:end])
			s = s[end:]
		}
		kv[key] = val.String()
		s = strings.TrimLeft(s, " \t")
	}
	return kv, nil
}

// redactURLError drops the URL (and so any password) from url.Parse errors.
func redactURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// tlsConfig builds the client-side TLS configuration for the mode.
func (u Upstream) tlsConfig() (*tls.Config, error) {
	switch u.SSLMode {
	case SSLDisable:
		return nil, nil
	case SSLPrefer:
		// libpq's prefer does not verify the certificate either.
		return &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS12}, nil
	case SSLRequire:
		if u.CAFile == "" {
			return &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS12}, nil
		}
	}
	cfg := &tls.Config{ServerName: u.Host, MinVersion: tls.VersionTLS12}
	if u.ServerName != "" {
		cfg.ServerName = u.ServerName
	}
	if u.CAFile != "" {
		pem, err := os.ReadFile(u.CAFile)
		if err != nil {
			return nil, fmt.Errorf("upstream sslrootcert: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("upstream sslrootcert %s: no PEM certificates in it", u.CAFile)
		}
		cfg.RootCAs = pool
	}
	if u.SSLMode == SSLVerifyFull {
		return cfg, nil
	}
	// verify-ca (and require with a root certificate): the chain is
	// verified against the roots, the host name is not. crypto/tls verifies
	// both or neither, so its check is off and this one runs instead.
	roots := cfg.RootCAs
	cfg.InsecureSkipVerify = true
	cfg.VerifyConnection = func(cs tls.ConnectionState) error {
		if len(cs.PeerCertificates) == 0 {
			return errors.New("the server sent no certificate")
		}
		opts := x509.VerifyOptions{Roots: roots, Intermediates: x509.NewCertPool()}
		for _, c := range cs.PeerCertificates[1:] {
			opts.Intermediates.AddCert(c)
		}
		if _, err := cs.PeerCertificates[0].Verify(opts); err != nil {
			return &tls.CertificateVerificationError{UnverifiedCertificates: cs.PeerCertificates, Err: err}
		}
		return nil
	}
	return cfg, nil
}

// UpstreamError is a failure to reach or secure the upstream; its message
// names the address and says what to do.
type UpstreamError struct {
	Addr string
	Op   string // "connect", "tls"
	Err  error
}

func (e *UpstreamError) Error() string {
	switch e.Op {
	case "tls":
		return fmt.Sprintf("cannot secure upstream %s: %v", e.Addr, e.Err)
	default:
		return fmt.Sprintf("cannot reach upstream %s: %v", e.Addr, stripOpError(e.Err))
	}
}

func (e *UpstreamError) Unwrap() error { return e.Err }

// stripOpError shortens "dial tcp 127.0.0.1:5433: connect: connection
// refused" to "connection refused" (the address is already in the message).
func stripOpError(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		var sys *os.SyscallError
		if errors.As(op.Err, &sys) {
			return sys.Err
		}
		return op.Err
	}
	return err
}

// errNoTLS is the upstream's 'N' answer under sslmode require/verify-full.
var errNoTLS = errors.New("server does not support TLS (it answered 'N' to SSLRequest); enable ssl on the server or use sslmode=disable")

// dialUpstream connects and negotiates TLS per the mode, all within timeout.
// Under sslmode=prefer a TLS attempt that fails (the server said 'S' but the
// handshake did not complete) is followed by a plaintext connection, as
// libpq does: prefer asks for encryption where it works, never for failure.
func dialUpstream(ctx context.Context, u Upstream, tlsCfg *tls.Config, timeout time.Duration, writeBuf int) (net.Conn, error) {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	nc, err := dialOnce(ctx, u, tlsCfg, timeout, writeBuf)
	var ue *UpstreamError
	if err != nil && u.SSLMode == SSLPrefer && tlsCfg != nil && errors.As(err, &ue) && ue.Op == "tls" && ctx.Err() == nil {
		return dialOnce(ctx, u, nil, timeout, writeBuf)
	}
	return nc, err
}

func dialOnce(ctx context.Context, u Upstream, tlsCfg *tls.Config, timeout time.Duration, writeBuf int) (net.Conn, error) {
	var d net.Dialer
	nc, err := d.DialContext(ctx, u.Network, u.Addr)
	if err != nil {
		// The socket's deadline (from ctx) can fire before ctx reports it.
		var ne net.Error
		if ctx.Err() == context.DeadlineExceeded || (errors.As(err, &ne) && ne.Timeout()) {
			err = fmt.Errorf("timed out after %v", timeout)
		}
		return nil, &UpstreamError{Addr: u.Addr, Op: "connect", Err: err}
	}
	if tc, ok := nc.(*net.TCPConn); ok {
		tc.SetNoDelay(true)
		if writeBuf > 0 {
			tc.SetWriteBuffer(writeBuf)
		}
	}
	if tlsCfg == nil {
		return nc, nil
	}
	if dl, ok := ctx.Deadline(); ok {
		nc.SetDeadline(dl)
	}
	var req [8]byte
	binary.BigEndian.PutUint32(req[0:], 8)
	binary.BigEndian.PutUint32(req[4:], codec.SSLRequestCode)
	var answer [1]byte
	if _, err = nc.Write(req[:]); err == nil {
		_, err = io.ReadFull(nc, answer[:])
	}
	if err != nil {
		nc.Close()
		if errors.Is(err, os.ErrDeadlineExceeded) {
			err = fmt.Errorf("no answer to SSLRequest within %v (is it PostgreSQL?)", timeout)
		} else {
			err = fmt.Errorf("SSLRequest: %w", err)
		}
		return nil, &UpstreamError{Addr: u.Addr, Op: "tls", Err: err}
	}
	switch answer[0] {
	case 'S':
	case 'N':
		if u.SSLMode == SSLPrefer {
			nc.SetDeadline(time.Time{})
			return nc, nil
		}
		nc.Close()
		return nil, &UpstreamError{Addr: u.Addr, Op: "tls", Err: fmt.Errorf("sslmode=%s: %w", u.SSLMode, errNoTLS)}
	default:
		nc.Close()
		return nil, &UpstreamError{Addr: u.Addr, Op: "tls", Err: fmt.Errorf("unexpected answer %q to SSLRequest (is it PostgreSQL?)", answer[0])}
	}
	tc := tls.Client(nc, tlsCfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		nc.Close()
		return nil, &UpstreamError{Addr: u.Addr, Op: "tls", Err: handshakeError(u, tlsCfg, timeout, err)}
	}
	nc.SetDeadline(time.Time{})
	return tc, nil
}

// handshakeError says what a failed TLS handshake with the upstream means.
// A certificate that does not verify is named as such, with what it was
// checked against (the CA file's path stays out: clients see this message).
func handshakeError(u Upstream, cfg *tls.Config, timeout time.Duration, err error) error {
	var cv *tls.CertificateVerificationError
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("sslmode=%s: TLS handshake not done within %v", u.SSLMode, timeout)
	case !errors.As(err, &cv):
		return fmt.Errorf("sslmode=%s: TLS handshake: %w", u.SSLMode, err)
	}
	roots := "the system's CA certificates (set sslrootcert)"
	if u.CAFile != "" {
		roots = "sslrootcert"
	}
	if u.SSLMode != SSLVerifyFull {
		return fmt.Errorf("sslmode=%s: upstream certificate could not be verified against %s: %w", u.SSLMode, roots, cv.Err)
	}
	return fmt.Errorf("sslmode=%s: upstream certificate could not be verified against %s for server name %q: %w",
		u.SSLMode, roots, cfg.ServerName, cv.Err)
}

// sendCancel forwards a CancelRequest for target to the upstream: a new
// connection (TLS per the mode), the request, close. PostgreSQL answers
// nothing.
func sendCancel(ctx context.Context, u Upstream, tlsCfg *tls.Config, timeout time.Duration, target engine.Target) error {
	nc, err := dialUpstream(ctx, u, tlsCfg, timeout, 0)
	if err != nil {
		return err
	}
	defer nc.Close()
	msg := make([]byte, 0, 12+len(target.Secret))
	msg = binary.BigEndian.AppendUint32(msg, uint32(12+len(target.Secret)))
	msg = binary.BigEndian.AppendUint32(msg, codec.CancelRequestCode)
	msg = binary.BigEndian.AppendUint32(msg, target.ProcessID)
	msg = append(msg, target.Secret...)
	if timeout > 0 {
		nc.SetDeadline(time.Now().Add(timeout))
	}
	if _, err := nc.Write(msg); err != nil {
		return &UpstreamError{Addr: u.Addr, Op: "connect", Err: fmt.Errorf("send CancelRequest: %w", err)}
	}
	// Wait for the server to close its end, so the cancel has been read
	// before we return (the server sends nothing back).
	var b [1]byte
	nc.Read(b[:])
	return nil
}

// Check connects to the upstream (TLS per the mode, within timeout) and
// hangs up: a start-up probe whose error names the address.
func (u Upstream) Check(ctx context.Context, timeout time.Duration) error {
	cfg, err := u.tlsConfig()
	if err != nil {
		return err
	}
	nc, err := dialUpstream(ctx, u, cfg, timeout, 0)
	if err != nil {
		return err
	}
	return nc.Close()
}
