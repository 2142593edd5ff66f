package policy

import (
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// ServerConfig holds the `server:` section: the settings `maskwire serve`
// needs, so one file can configure the whole proxy. Zero values mean "not set
// in the file": the caller applies its flags and defaults on top (a flag given
// on the command line wins over the file).
//
//	server:
//	  listen: "127.0.0.1:6432"
//	  upstream: "127.0.0.1:5432"     # passed to transport.ParseUpstream as is
//	  tls: {cert: server.crt, key: server.key}
//	  connect_timeout: 10s           # Go durations: 500ms, 10s, 2m
//	  startup_timeout: 60s
//	  idle_timeout: 30m              # 0 disables
//	  shutdown_timeout: 30s
//	  read_buffer_size: 256KiB       # bytes, or with a KiB/MiB/GiB suffix
//	  write_buffer_size: 1MiB
//	  max_message_size: 64MiB
type ServerConfig struct {
	Listen          string
	Upstream        string
	TLSCertFile     string
	TLSKeyFile      string
	ConnectTimeout  time.Duration
	StartupTimeout  time.Duration
	IdleTimeout     time.Duration
	ShutdownTimeout time.Duration
	ReadBufferSize  int
	WriteBufferSize int
	MaxMessageSize  int
}

func (c *compiler) server(n *yaml.Node, path string, s *ServerConfig) error {
	keys := []string{"listen", "upstream", "tls", "connect_timeout", "startup_timeout", "idle_timeout",
		"shutdown_timeout", "read_buffer_size", "write_buffer_size", "max_message_size"}
	return c.mapping(n, path, keys, func(k string, v *yaml.Node, p string) error {
		var err error
		switch k {
		case "listen":
			s.Listen, err = c.str(v, p)
		case "upstream":
			s.Upstream, err = c.str(v, p)
		case "tls":
			err = c.mapping(v, p, []string{"cert", "key"}, func(k string, v *yaml.Node, p string) error {
				var err error
				if k == "cert" {
					s.TLSCertFile, err = c.str(v, p)
				} else {
					s.TLSKeyFile, err = c.str(v, p)
				}
				return err
			})
			if err == nil && (s.TLSCertFile == "") != (s.TLSKeyFile == "") {
				err = c.errAt(v, p, "set both cert and key")
			}
		case "connect_timeout":
			s.ConnectTimeout, err = c.duration(v, p)
		case "startup_timeout":
			s.StartupTimeout, err = c.duration(v, p)
		case "idle_timeout":
			s.IdleTimeout, err = c.duration(v, p)
		case "shutdown_timeout":
			s.ShutdownTimeout, err = c.duration(v, p)
		case "read_buffer_size":
			s.ReadBufferSize, err = c.size(v, p)
		case "write_buffer_size":
			s.WriteBufferSize, err = c.size(v, p)
		case "max_message_size":
			s.MaxMessageSize, err = c.size(v, p)
		}
		return err
	})
}

func (c *compiler) duration(n *yaml.Node, path string) (time.Duration, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!int" && n.Value == "0" {
		return 0, nil
	}
	s, err := c.str(n, path)
	if err != nil {
		return 0, err
	}
	d, perr := time.ParseDuration(s)
	if perr != nil || d < 0 {
		return 0, c.errAt(n, path, "invalid duration "+strconv.Quote(s)+" (want e.g. 500ms, 10s, 2m)")
	}
	return d, nil
}

// size reads a byte count: an integer, or a number with a KiB, MiB or GiB
// suffix (KB, MB, GB are read as the same powers of two).
func (c *compiler) size(n *yaml.Node, path string) (int, error) {
	s, err := c.str(n, path)
	if err != nil {
		return 0, err
	}
	num, mult := s, 1
	for _, u := range []struct {
		suffix string
		mult   int
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"B", 1}} {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			num, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	v, perr := strconv.Atoi(num)
	if perr != nil || v < 0 || v > (1<<31-1)/mult {
		return 0, c.errAt(n, path, "invalid size "+strconv.Quote(s)+" (want bytes, or e.g. 256KiB, 64MiB, at most 2GiB)")
	}
	return v * mult, nil
}
