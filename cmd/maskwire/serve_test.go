package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maskwire/maskwire/transport"
)

func settingsFrom(t *testing.T, yaml string, args ...string) (serverSettings, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "maskwire.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fl := defaultSettings()
	serveFlags(fs, &fl)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return loadSettings(fs, &fl, path)
}

// TestRelaySettings: the relay is set from the file, a flag overrides it,
// and a wrong value is refused with a message naming it.
func TestRelaySettings(t *testing.T) {
	const file = "server:\n  upstream: postgres://u@127.0.0.1:5432/db\n  relay: {mode: goroutines, loops: 3}\n"
	s, err := settingsFrom(t, file)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := transportConfig(s, nil)
	if err != nil || cfg.Relay != transport.RelayGoroutines || cfg.Loops != 3 {
		t.Fatalf("from the file: relay %v loops %d err %v", cfg.Relay, cfg.Loops, err)
	}
	s, err = settingsFrom(t, file, "--relay", "epoll", "--relay-loops", "1")
	if err != nil {
		t.Fatal(err)
	}
	if cfg, _ := transportConfig(s, nil); cfg.Relay != transport.RelayEventLoop || cfg.Loops != 1 {
		t.Fatalf("flags over the file: relay %v loops %d", cfg.Relay, cfg.Loops)
	}
	s, err = settingsFrom(t, "server:\n  upstream: postgres://u@h/db\n")
	if err != nil {
		t.Fatal(err)
	}
	if cfg, _ := transportConfig(s, nil); cfg.Relay != transport.RelayAuto || cfg.Loops != 0 {
		t.Fatalf("default: relay %v loops %d", cfg.Relay, cfg.Loops)
	}
	for _, bad := range []string{"--relay=threads", "--relay-loops=-1"} {
		if _, err := settingsFrom(t, file, bad); err == nil || !strings.Contains(err.Error(), "relay") {
			t.Errorf("%s: %v, want an error about the relay", bad, err)
		}
	}
}
