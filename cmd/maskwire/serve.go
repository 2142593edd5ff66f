package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/maskwire/maskwire/transport"
)

const serveUsage = `usage: maskwire serve --upstream DSN [--listen ADDR] [--config FILE] [flags]

Runs the proxy: clients connect to ADDR as if it were PostgreSQL; every
connection is relayed to the upstream server, rows masked as they stream.

  maskwire serve --listen 127.0.0.1:6432 \
      --upstream 'postgres://127.0.0.1:5432/postgres?sslmode=disable'
  psql 'host=127.0.0.1 port=6432 user=postgres'

The upstream DSN takes host, port, dbname, user, password, sslmode
(disable | prefer | require | verify-ca | verify-full; default prefer, which
falls back to plaintext when TLS fails), sslrootcert (CA file; with require
it verifies the chain as verify-ca does) and sslservername, in URL or
key=value form. Clients
authenticate to the upstream as themselves (their credentials pass through).

The YAML file's server: section sets every flag below (see README.md);
flags given on the command line win over the file.

Signals: SIGTERM/SIGINT shut down gracefully (stop accepting, let running
queries finish up to the shutdown timeout); SIGHUP reloads the config file.

Flags:
`

// serveFlags binds the serve flags to fl; which ones were given is read back
// with Visit.
func serveFlags(fs *flag.FlagSet, fl *serverSettings) (configPath *string, skipCheck *bool) {
	configPath = fs.String("config", "", "YAML configuration `FILE` (server: section and masking policy)")
	fs.StringVar(&fl.Listen, "listen", fl.Listen, "listen on `ADDR` (host:port)")
	fs.StringVar(&fl.Upstream, "upstream", "", "upstream PostgreSQL `DSN`")
	fs.StringVar(&fl.TLS.Cert, "tls-cert", "", "PEM certificate `FILE` for TLS to clients (SSLRequest answered 'S')")
	fs.StringVar(&fl.TLS.Key, "tls-key", "", "PEM private key `FILE` for --tls-cert")
	fs.BoolVar(&fl.TLS.Require, "require-client-tls", false, "refuse clients that do not use TLS")
	fs.Var(&fl.Timeouts.Connect, "connect-timeout", "bound on dialing the upstream, TLS included (default: the DSN's connect_timeout, else 10s)")
	fs.Var(&fl.Timeouts.Startup, "startup-timeout", "a client must finish startup and authentication within this")
	fs.Var(&fl.Timeouts.Idle, "idle-timeout", "close sessions idle this long with nothing in flight (0: never)")
	fs.Var(&fl.Timeouts.Shutdown, "shutdown-timeout", "on SIGTERM, wait this long for running queries")
	fs.Var(&fl.Buffers.Read, "read-buffer", "read buffer `SIZE` per direction per session")
	fs.Var(&fl.Buffers.Write, "write-buffer", "kernel send buffer `SIZE` per socket (0: OS default)")
	fs.Var(&fl.MaxMessageSize, "max-message-size", "largest protocol message `SIZE` accepted")
	fs.StringVar(&fl.Relay.Mode, "relay", fl.Relay.Mode, "how ready sessions are relayed: auto (epoll loops on Linux), goroutines or epoll")
	fs.IntVar(&fl.Relay.Loops, "relay-loops", fl.Relay.Loops, "number of epoll loops (0: one per CPU)")
	fs.StringVar(&fl.Log.Level, "log-level", fl.Log.Level, "debug, info, warn or error")
	fs.StringVar(&fl.Log.Format, "log-format", fl.Log.Format, "text or json (to stderr)")
	skipCheck = fs.Bool("skip-upstream-check", false, "start even if the upstream cannot be reached now")
	return configPath, skipCheck
}

// overlay copies the flags that were given from fl onto s.
func overlay(fs *flag.FlagSet, fl, s *serverSettings) {
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "listen":
			s.Listen = fl.Listen
		case "upstream":
			s.Upstream = fl.Upstream
		case "tls-cert":
			s.TLS.Cert = fl.TLS.Cert
		case "tls-key":
			s.TLS.Key = fl.TLS.Key
		case "require-client-tls":
			s.TLS.Require = fl.TLS.Require
		case "connect-timeout":
			s.Timeouts.Connect = fl.Timeouts.Connect
		case "startup-timeout":
			s.Timeouts.Startup = fl.Timeouts.Startup
		case "idle-timeout":
			s.Timeouts.Idle = fl.Timeouts.Idle
		case "shutdown-timeout":
			s.Timeouts.Shutdown = fl.Timeouts.Shutdown
		case "read-buffer":
			s.Buffers.Read = fl.Buffers.Read
		case "write-buffer":
			s.Buffers.Write = fl.Buffers.Write
		case "max-message-size":
			s.MaxMessageSize = fl.MaxMessageSize
		case "relay":
			s.Relay.Mode = fl.Relay.Mode
		case "relay-loops":
			s.Relay.Loops = fl.Relay.Loops
		case "log-level":
			s.Log.Level = fl.Log.Level
		case "log-format":
			s.Log.Format = fl.Log.Format
		}
	})
}

// loadSettings builds the settings: defaults, then the file, then flags.
func loadSettings(fs *flag.FlagSet, fl *serverSettings, configPath string) (serverSettings, error) {
	s := defaultSettings()
	if configPath != "" {
		if err := loadConfigFile(configPath, &s); err != nil {
			return s, err
		}
	}
	overlay(fs, fl, &s)
	return s, s.validate()
}

func newLogger(w io.Writer, s serverSettings) *slog.Logger {
	level, _ := parseLevel(s.Log.Level)
	opts := &slog.HandlerOptions{Level: level}
	if s.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func transportConfig(s serverSettings, log *slog.Logger) (transport.Config, error) {
	up, err := transport.ParseUpstream(s.Upstream)
	if err != nil {
		return transport.Config{}, err
	}
	relay, err := transport.ParseRelay(s.Relay.Mode)
	if err != nil {
		return transport.Config{}, fmt.Errorf("relay: %w", err)
	}
	cfg := transport.Config{
		Relay:           relay,
		Loops:           s.Relay.Loops,
		Listen:          s.Listen,
		Upstream:        up,
		TLSCertFile:     s.TLS.Cert,
		TLSKeyFile:      s.TLS.Key,
		ConnectTimeout:  time.Duration(s.Timeouts.Connect),
		StartupTimeout:  time.Duration(s.Timeouts.Startup),
		IdleTimeout:     time.Duration(s.Timeouts.Idle),
		ShutdownTimeout: time.Duration(s.Timeouts.Shutdown),
		ReadBufferSize:  int(s.Buffers.Read),
		WriteBufferSize: int(s.Buffers.Write),
		MaxMessageSize:  int(s.MaxMessageSize),
		Logger:          log,
	}
	cfg.Engine.RequireClientTLS = s.TLS.Require
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = up.ConnectTimeout
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = transport.DefaultConnectTimeout
	}
	return cfg, nil
}

func runServe(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("maskwire serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fl := defaultSettings()
	configPath, skipCheck := serveFlags(fs, &fl)
	maskingFlag := fs.String("masking", "", maskingFlagUsage)
	fs.Usage = func() {
		fmt.Fprint(stderr, serveUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "maskwire serve: unexpected argument %q (see maskwire serve --help)\n", fs.Arg(0))
		return 2
	}
	s, err := loadSettings(fs, &fl, *configPath)
	if err != nil {
		fmt.Fprintf(stderr, "maskwire serve: %v\n", err)
		return 2
	}
	log := newLogger(stderr, s)
	cfg, err := transportConfig(s, log)
	if err != nil {
		fmt.Fprintf(stderr, "maskwire serve: %v\n", err)
		return 2
	}
	ms, err := newMaskingSetup(*configPath, *maskingFlag, s.Upstream, log)
	if err != nil {
		fmt.Fprintf(stderr, "maskwire serve: %v\n", err)
		return 2
	}
	defer ms.Close()
	cfg.Engine.NewMasker = ms.NewMasker()
	srv, err := transport.New(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "maskwire serve: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	if !*skipCheck {
		if err := cfg.Upstream.Check(ctx, cfg.ConnectTimeout); err != nil {
			fmt.Fprintf(stderr, "maskwire serve: %v\n(is PostgreSQL running there? start anyway with --skip-upstream-check)\n", err)
			return 1
		}
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for range hup {
			reload(*configPath, fs, &fl, s, log)
			if err := ms.Reload(); err != nil {
				log.Error("masking policy reload failed; the running policy stays", "err", err)
			}
		}
	}()
	err = srv.ListenAndServe(ctx)
	if err != nil && !errors.Is(err, transport.ErrServerClosed) {
		fmt.Fprintf(stderr, "maskwire serve: %v\n", err)
		return 1
	}
	// Serve returns when the listener closes; wait for the sessions too.
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout+time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("shutdown deadline passed; remaining sessions closed", "err", err)
	}
	log.Info("stopped")
	return 0
}

// reload re-reads the configuration file on SIGHUP. Server settings take
// effect at the next start; the masking policy will be swapped in place once
// the policy package provides it.
func reload(configPath string, fs *flag.FlagSet, fl *serverSettings, running serverSettings, log *slog.Logger) {
	if configPath == "" {
		log.Info("reloaded", "config", "none")
		return
	}
	s, err := loadSettings(fs, fl, configPath)
	if err != nil {
		log.Error("reload failed; keeping the running configuration", "err", err)
		return
	}
	if s != running {
		log.Warn("server settings changed; they take effect at the next restart", "config", configPath)
	}
	log.Info("reloaded", "config", configPath)
}
