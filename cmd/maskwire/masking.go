package main

import (
	"crypto/subtle"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"

	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/engine"
	"github.com/maskwire/maskwire/masking"
	"github.com/maskwire/maskwire/policy"
)

// maskingFlagUsage documents --masking.
const maskingFlagUsage = "masking `MODE`: enforce (mask), observe (classify and report, forward unchanged) or off (plain proxy); overrides the config file"

// policyOptions: type names in the file are checked against the classifier's.
var policyOptions = policy.Options{CanonicalType: func(s string) (string, bool) {
	t, ok := classify.ParseType(s)
	if !ok {
		return "", false
	}
	return t.String(), true
}}

// maskingSetup is the masking side of maskwire serve: the policy (reloaded
// on SIGHUP), the --masking override, the catalog connection that names
// table columns for column rules, and the per-session reports.
type maskingSetup struct {
	holder   *policy.Holder
	watcher  *policy.Watcher // nil without a config file
	override *masking.Mode   // --masking, when given
	opts     *masking.Options
	catalog  *masking.PGCatalog
	log      *slog.Logger
}

// newMaskingSetup loads the policy from configPath ("" for the default:
// classify every column, tokenize every detected type). modeFlag is the
// --masking value ("" when not given). upstreamDSN is used for catalog
// lookups (its user needs only to read pg_catalog).
func newMaskingSetup(configPath, modeFlag, upstreamDSN string, log *slog.Logger) (*maskingSetup, error) {
	m := &maskingSetup{log: log}
	if configPath != "" {
		w, err := policy.NewWatcher(configPath, policyOptions)
		if err != nil {
			return nil, err
		}
		m.watcher, m.holder = w, &w.Holder
	} else {
		m.holder = policy.NewHolder(nil)
	}
	if modeFlag != "" {
		mode, err := masking.ParseMode(modeFlag)
		if err != nil {
			return nil, fmt.Errorf("--masking: %w", err)
		}
		m.override = &mode
	}
	var catalog masking.Catalog
	if cc, err := pgx.ParseConfig(upstreamDSN); err == nil {
		m.catalog = &masking.PGCatalog{Config: cc}
		catalog = m.catalog
	} else {
		log.Warn("catalog lookups off: the upstream DSN does not parse for them; column rules match field names only", "err", err)
	}
	opts, err := masking.FromPlan(m.holder.Plan, catalog)
	if err != nil {
		return nil, err
	}
	if m.override != nil {
		mode := *m.override
		opts.Mode = func() masking.Mode { return mode }
	}
	opts.OnClose = m.report
	m.opts = opts
	p := m.holder.Plan()
	log.Info("masking", "mode", m.mode(), "rules", p.NumRules(), "key", p.KeySource())
	if opts.EphemeralKey && m.mode() != masking.ModeOff {
		log.Warn("no tokenization key configured (tokenization.key, tokenization.key_env or $" + policy.DefaultKeyEnv + "): " +
			"a random key was generated, so tokens change when maskwire restarts and differ between instances")
	}
	return m, nil
}

func (m *maskingSetup) mode() masking.Mode {
	if m.override != nil {
		return *m.override
	}
	return masking.ModeOf(m.holder.Plan().Mode())
}

// NewMasker is the engine hook.
func (m *maskingSetup) NewMasker() func(engine.SessionInfo) engine.Masker {
	return masking.NewFactory(m.opts)
}

// Reload re-reads the policy file (SIGHUP). An invalid file keeps the
// running policy. A changed key is not applied: tokens must stay stable
// for the life of the process.
func (m *maskingSetup) Reload() error {
	if m.watcher == nil {
		return nil
	}
	old := m.holder.Plan()
	p, err := m.watcher.Reload()
	if err != nil {
		return err
	}
	if len(old.Key()) > 0 && subtle.ConstantTimeCompare(old.Key(), p.Key()) != 1 {
		m.log.Warn("the tokenization key changed in the config file; the running key stays until restart")
	}
	m.log.Info("masking policy reloaded", "mode", m.mode(), "rules", p.NumRules())
	return nil
}

// report logs what a session's masker saw (types and counts, never values).
func (m *maskingSetup) report(r masking.Report) {
	var attrs []any
	for t := classify.Type(1); t < classify.NumTypes; t++ {
		if r.Found[t] > 0 {
			attrs = append(attrs, slog.Group(t.String(), "found", r.Found[t], "masked", r.Masked[t]))
		}
	}
	if len(attrs) == 0 && r.ResultSets == 0 {
		return
	}
	attrs = append([]any{"user", r.User, "database", r.Database, "result_sets", r.ResultSets, "rows", r.Rows}, attrs...)
	m.log.Info("masking report", attrs...)
}

// Close closes the catalog connections.
func (m *maskingSetup) Close() {
	if m.catalog != nil {
		m.catalog.Close()
	}
}
