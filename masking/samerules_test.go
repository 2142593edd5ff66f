package masking

import (
	"testing"

	"github.com/maskwire/maskwire/classify"
	"github.com/maskwire/maskwire/policy"
)

// funcRules is a Rules whose dynamic type is not comparable.
type funcRules func() policy.Action

func (f funcRules) Decide(string, ColumnRef, classify.Type) (policy.Action, bool) { return f(), false }

type valueRules struct{ n int }

func (valueRules) Decide(string, ColumnRef, classify.Type) (policy.Action, bool) {
	return policy.Action{}, false
}

func TestSameRules(t *testing.T) {
	p1, p2 := new(policy.Plan), new(policy.Plan)
	fr := funcRules(func() policy.Action { return policy.Action{} })
	cases := []struct {
		name string
		a, b Rules
		want bool
	}{
		{"same plan", PolicyRules{Plan: p1}, PolicyRules{Plan: p1}, true},
		{"reloaded plan", PolicyRules{Plan: p1}, PolicyRules{Plan: p2}, false},
		{"plan vs default", PolicyRules{Plan: p1}, defaultRules{}, false},
		{"default vs plan", defaultRules{}, PolicyRules{Plan: p1}, false},
		{"default", defaultRules{}, defaultRules{}, true},
		{"nil", nil, nil, false},
		{"nil vs default", nil, defaultRules{}, false},
		{"comparable other type", valueRules{1}, valueRules{1}, true},
		{"comparable other type, other value", valueRules{1}, valueRules{2}, false},
		{"incomparable never matches", fr, fr, false},
	}
	for _, c := range cases {
		if got := sameRules(c.a, c.b); got != c.want {
			t.Errorf("%s: sameRules = %v, want %v", c.name, got, c.want)
		}
	}
}
