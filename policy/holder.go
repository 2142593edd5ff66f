package policy

import (
	"sync"
	"sync/atomic"
)

// Holder holds the current Plan for readers that must see a reload without
// locking: sessions call Plan once per result set.
type Holder struct {
	p atomic.Pointer[Plan]
}

// NewHolder returns a Holder holding p (Default() when p is nil).
func NewHolder(p *Plan) *Holder {
	if p == nil {
		p = Default()
	}
	h := &Holder{}
	h.p.Store(p)
	return h
}

// Plan returns the current plan. It never returns nil.
func (h *Holder) Plan() *Plan { return h.p.Load() }

// Swap installs p and returns the previous plan. p must not be nil.
func (h *Holder) Swap(p *Plan) *Plan {
	if p == nil {
		panic("policy: Swap(nil)")
	}
	return h.p.Swap(p)
}

// Watcher is a Holder bound to a file. Reload (which cmd calls on SIGHUP)
// parses the file again and swaps the plan in only when it is valid: an
// invalid file leaves the running plan in place and returns the error, so a
// typo never drops sessions or unmasks anything.
type Watcher struct {
	Holder
	path string
	o    Options
	mu   sync.Mutex // serializes Reload
}

// NewWatcher loads path and returns a Watcher holding its plan.
func NewWatcher(path string, o Options) (*Watcher, error) {
	p, err := LoadWith(path, o)
	if err != nil {
		return nil, err
	}
	w := &Watcher{path: path, o: o}
	w.p.Store(p)
	return w, nil
}

// Path is the watched file.
func (w *Watcher) Path() string { return w.path }

// Reload re-reads the file. On success it swaps the new plan in and returns
// it; on error the current plan stays.
func (w *Watcher) Reload() (*Plan, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	p, err := LoadWith(w.path, w.o)
	if err != nil {
		return nil, err
	}
	w.p.Store(p)
	return p, nil
}
