package main

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/maskwire/maskwire/transport"
)

// serverSettings is the `server:` section of the YAML configuration file;
// every serve flag has a field here. Other top-level sections (the masking
// policy) belong to package policy and are ignored here.
//
//	server:
//	  listen: 127.0.0.1:6432
//	  upstream: postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable
//	  tls: {cert: server.crt, key: server.key, require: false}
//	  timeouts: {connect: 10s, startup: 60s, idle: 0s, shutdown: 30s} # connect: default the DSN's connect_timeout, else 10s
//	  buffers: {read: 256KiB, write: 0}
//	  max_message_size: 64MiB
//	  relay: {mode: auto, loops: 0}
//	  log: {level: info, format: text}
type serverSettings struct {
	Listen   string `yaml:"listen"`
	Upstream string `yaml:"upstream"`
	TLS      struct {
		Cert    string `yaml:"cert"`
		Key     string `yaml:"key"`
		Require bool   `yaml:"require"`
	} `yaml:"tls"`
	Timeouts struct {
		Connect  duration `yaml:"connect"`
		Startup  duration `yaml:"startup"`
		Idle     duration `yaml:"idle"`
		Shutdown duration `yaml:"shutdown"`
	} `yaml:"timeouts"`
	Buffers struct {
		Read  byteSize `yaml:"read"`
		Write byteSize `yaml:"write"`
	} `yaml:"buffers"`
	MaxMessageSize byteSize `yaml:"max_message_size"`
	Relay          struct {
		Mode  string `yaml:"mode"`  // auto, goroutines or epoll
		Loops int    `yaml:"loops"` // event loops; 0: one per CPU
	} `yaml:"relay"`
	Log struct {
		Level  string `yaml:"level"`
		Format string `yaml:"format"`
	} `yaml:"log"`
}

func defaultSettings() serverSettings {
	var s serverSettings
	s.Listen = "127.0.0.1:6432"
	// Timeouts.Connect 0: the upstream DSN's connect_timeout, else 10s.
	s.Timeouts.Startup = duration(60 * time.Second)
	s.Timeouts.Shutdown = duration(30 * time.Second)
	s.Buffers.Read = 256 << 10
	s.MaxMessageSize = 64 << 20
	s.Log.Level = "info"
	s.Log.Format = "text"
	s.Relay.Mode = "auto"
	return s
}

// loadConfigFile reads the server section of path into s (fields the file
// does not name keep their values).
func loadConfigFile(path string, s *serverSettings) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var top map[string]yaml.Node
	if err := yaml.Unmarshal(data, &top); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	node, ok := top["server"]
	if !ok {
		return nil
	}
	// Re-encode the section to decode it strictly: a misspelt key is an
	// error, not a silently ignored setting.
	section, err := yaml.Marshal(&node)
	if err != nil {
		return fmt.Errorf("%s: server: %v", path, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(section))
	dec.KnownFields(true)
	if err := dec.Decode(s); err != nil {
		return fmt.Errorf("%s: server section (from line %d): %v", path, node.Line, err)
	}
	return nil
}

func (s *serverSettings) validate() error {
	if s.Upstream == "" {
		return errors.New("no upstream: pass --upstream DSN (e.g. postgres://postgres@127.0.0.1:5432/postgres) or set server.upstream in --config")
	}
	if (s.TLS.Cert == "") != (s.TLS.Key == "") {
		return errors.New("client TLS needs both --tls-cert and --tls-key")
	}
	if s.TLS.Require && s.TLS.Cert == "" {
		return errors.New("--require-client-tls needs --tls-cert and --tls-key")
	}
	if _, err := parseLevel(s.Log.Level); err != nil {
		return err
	}
	if s.Log.Format != "text" && s.Log.Format != "json" {
		return fmt.Errorf("log format %q: use text or json", s.Log.Format)
	}
	if _, err := transport.ParseRelay(s.Relay.Mode); err != nil {
		return fmt.Errorf("relay mode: %v", err)
	}
	if s.Relay.Loops < 0 {
		return fmt.Errorf("relay loops %d is negative", s.Relay.Loops)
	}
	if s.Buffers.Read != 0 && s.Buffers.Read < 4096 {
		return fmt.Errorf("read buffer %d bytes too small (minimum 4KiB)", s.Buffers.Read)
	}
	for name, d := range map[string]duration{"connect": s.Timeouts.Connect, "startup": s.Timeouts.Startup,
		"idle": s.Timeouts.Idle, "shutdown": s.Timeouts.Shutdown} {
		if d < 0 {
			return fmt.Errorf("%s timeout %v is negative", name, time.Duration(d))
		}
	}
	return nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("log level %q: use debug, info, warn or error", s)
	}
	return l, nil
}

// duration is a time.Duration written as "10s", "1m30s" in YAML and flags.
type duration time.Duration

func (d *duration) UnmarshalYAML(n *yaml.Node) error { return d.Set(n.Value) }
func (d duration) String() string                    { return time.Duration(d).String() }
func (d *duration) Set(s string) error {
	v, err := time.ParseDuration(s)
	if err != nil {
		if n, err2 := strconv.Atoi(s); err2 == nil && n == 0 {
			*d = 0
			return nil
		}
		return fmt.Errorf("%q is not a duration (e.g. 30s, 5m)", s)
	}
	*d = duration(v)
	return nil
}

// byteSize is a size written as 262144, 256KiB, 64MiB (K, KB, KiB all mean
// 1024).
type byteSize int

func (b *byteSize) UnmarshalYAML(n *yaml.Node) error { return b.Set(n.Value) }
func (b byteSize) String() string {
	switch {
	case b != 0 && b%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", b>>20)
	case b != 0 && b%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", b>>10)
	}
	return strconv.Itoa(int(b))
}
func (b *byteSize) Set(s string) error {
	t := strings.TrimSpace(s)
	mult := 1
	upper := strings.ToUpper(t)
	for _, suf := range []struct {
		s string
		m int
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(upper, suf.s) {
			mult, t = suf.m, strings.TrimSpace(t[:len(t)-len(suf.s)])
			break
		}
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 0 || n > (1<<31-1)/mult {
		return fmt.Errorf("%q is not a size (e.g. 262144, 256KiB, 64MiB)", s)
	}
	*b = byteSize(n * mult)
	return nil
}
