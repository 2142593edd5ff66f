package masking

import (
	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/policy"
)

// PolicyRules adapts a compiled policy.Plan to Rules.
type PolicyRules struct{ Plan *policy.Plan }

// Decide implements Rules.
func (r PolicyRules) Decide(user string, col ColumnRef, typ classify.Type) (Action, bool) {
	detected := ""
	if typ != classify.None {
		detected = typ.String()
	}
	a, explicit := r.Plan.Match(user, policy.ColumnRef(col), detected)
	return Action{Kind: kindOf(a.Kind), KeepLast: a.KeepLast, KeepDomain: a.KeepDomain}, explicit
}

func kindOf(k policy.Kind) Kind {
	switch k {
	case policy.Allow:
		return Allow
	case policy.Mask:
		return Mask
	case policy.Redact:
		return Redact
	case policy.Null:
		return Null
	case policy.Hash:
		return Hash
	}
	return Tokenize
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
