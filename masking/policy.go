package masking

import (
	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/policy"
)

// PolicyRules adapts a compiled policy.Plan to Rules.
type PolicyRules struct{ Plan *policy.Plan }

// Decide implements Rules.
func (r PolicyRules) Decide(user string, col ColumnRef, typ classify.Type) (policy.Action, bool) {
	detected := ""
	if typ != classify.None {
		detected = typ.String()
	}
	return r.Plan.Match(user, policy.ColumnRef(col), detected)
}

// ModeOf maps the policy file's mode.
func ModeOf(m policy.Mode) Mode {
	switch m {
	case policy.Observe:
		return ModeObserve
	case policy.Off:
		return ModeOff
	}
	return ModeEnforce
}
