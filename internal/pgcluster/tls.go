package pgcluster

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// HBASSLOnly is a pg_hba.conf (Options.HBA) that accepts TCP connections
// only over TLS: a plaintext one is rejected ("pg_hba.conf rejects
// connection ... no encryption", SQLSTATE 28000). The Unix socket stays
// open (trust).
var HBASSLOnly = []string{
	"local     all all     trust",
	"hostnossl all all all reject",
	"hostssl   all all all trust",
}

// CA is a throwaway certificate authority for tests: an ECDSA P-256 key and
// a self-signed certificate valid for a day, generated with crypto/x509 (no
// openssl needed).
type CA struct {
	Cert *x509.Certificate
	// PEM is Cert, PEM-encoded (what sslrootcert points at).
	PEM []byte
	key *ecdsa.PrivateKey
}

// NewCA generates a CA named commonName.
func NewCA(commonName string) (*CA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: commonName, Organization: []string{"maskwire tests"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		MaxPathLenZero:        true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("create CA certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &CA{Cert: cert, PEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), key: key}, nil
}

// Issue returns a server certificate signed by the CA for hosts (IP
// addresses or DNS names; the first is the common name) and its private
// key, both PEM-encoded.
func (ca *CA) Issue(hosts ...string) (certPEM, keyPEM []byte, err error) {
	if len(hosts) == 0 {
		return nil, nil, fmt.Errorf("issue certificate: no host names")
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: hosts[0], Organization: []string{"maskwire tests"}},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, &key.PublicKey, ca.key)
	if err != nil {
		return nil, nil, fmt.Errorf("issue certificate: %w", err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), nil
}

func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return big.NewInt(time.Now().UnixNano())
	}
	return n
}

// ServerCertHosts are the names the cluster's server certificate is valid
// for (Options.SSL).
var ServerCertHosts = []string{"127.0.0.1", "localhost"}

// setupSSL generates the cluster's CA and server certificate, writes
// server.crt and server.key (0600, owned by the user running the server, as
// PostgreSQL requires) into the data directory and the CA to c.CAFile, and
// returns the settings that turn TLS on.
func (c *Cluster) setupSSL(data string) (map[string]string, error) {
	ca, err := NewCA("maskwire test CA")
	if err != nil {
		return nil, err
	}
	certPEM, keyPEM, err := ca.Issue(ServerCertHosts...)
	if err != nil {
		return nil, err
	}
	c.CA = ca
	c.CAFile = filepath.Join(c.Dir, "ca.crt")
	if err := os.WriteFile(c.CAFile, ca.PEM, 0o644); err != nil {
		return nil, err
	}
	if err := c.writeServerCert(data, certPEM, keyPEM); err != nil {
		return nil, err
	}
	return map[string]string{
		"ssl":           "on",
		"ssl_cert_file": "server.crt",
		"ssl_key_file":  "server.key",
	}, nil
}

// writeServerCert writes server.crt and server.key (0600, owned by the
// user running the server, as PostgreSQL requires) into the data directory.
func (c *Cluster) writeServerCert(data string, certPEM, keyPEM []byte) error {
	for _, f := range []struct {
		name string
		body []byte
		mode os.FileMode
	}{{"server.crt", certPEM, 0o644}, {"server.key", keyPEM, 0o600}} {
		p := filepath.Join(data, f.name)
		if err := os.WriteFile(p, f.body, f.mode); err != nil {
			return err
		}
		if err := os.Chmod(p, f.mode); err != nil { // WriteFile's mode is masked by the umask
			return err
		}
		if c.cred != nil {
			if err := os.Chown(p, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
				return err
			}
		}
	}
	return nil
}

// SetServerCert replaces the running SSL cluster's certificate and key (PEM)
// and reloads the configuration: connections started after the server has
// processed the reload (it is asynchronous) get the new certificate; open
// ones keep theirs. For certificate rotation tests.
func (c *Cluster) SetServerCert(ctx context.Context, certPEM, keyPEM []byte) error {
	if !c.SSL {
		return fmt.Errorf("SetServerCert: the cluster was started without SSL")
	}
	data := filepath.Join(c.Dir, "data")
	if err := c.writeServerCert(data, certPEM, keyPEM); err != nil {
		return err
	}
	if out, err := c.run(ctx, "pg_ctl", "-D", data, "reload"); err != nil {
		return fmt.Errorf("pg_ctl reload: %v\n%s", err, out)
	}
	return nil
}
