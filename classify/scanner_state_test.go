package classify

import (
	"fmt"
	"slices"
	"sync"
	"testing"
)

// TestScanStateSlots: scans running at once, each on buffers of its own and some on one
// shared buffer (so that they take states from the same slots), report what one scan alone
// reports; a state a long value grew is not kept in a slot.
func TestScanStateSlots(t *testing.T) {
	s := Default()
	var values [][]byte
	for r := range 64 {
		values = append(values,
			fmt.Appendf(nil, "Callback requested on +44 20 7946 %04d; mail jane.doe%d@example.org, IP 10.0.%d.7", r, r, r),
			fmt.Appendf(nil, "Refund of %d.%02d EUR approved by John Smith, 12 Baker Street, SSN 078-05-%04d", r, r%100, 1120+r))
	}
	want := make([][]Span, len(values))
	for k, v := range values {
		var b SpanBuffer
		s.Scan(v, Context{Column: ColumnFreeText}, &b)
		want[k] = b.Spans
	}
	shared := slices.Concat(values...)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Go(func() {
			for range 20 {
				off := 0
				for k, v := range values {
					text := v
					if g%2 == 0 { // a copy of its own
						text = slices.Clone(v)
					} else { // the shared buffer
						text = shared[off : off+len(v)]
					}
					off += len(v)
					var b SpanBuffer
					s.Scan(text, Context{Column: ColumnFreeText}, &b)
					if !slices.Equal(b.Spans, want[k]) {
						select {
						case errs <- fmt.Sprintf("goroutine %d, value %q: %v, want %v", g, v, b.Spans, want[k]):
						default:
						}
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}

	st := &scanState{spans: make([]Span, 0, 16), bits: make([]uint64, 0, 1<<12)}
	sl := &s.slots[0]
	old := sl.st.Swap(nil)
	s.putState(st, sl)
	if sl.st.Load() != nil {
		t.Error("a state with grown bitmaps went to a slot")
	}
	small := &scanState{spans: make([]Span, 0, 16), bits: make([]uint64, 0, 64*nCls)}
	s.putState(small, sl)
	if sl.st.Load() != small {
		t.Error("a small state did not go to the empty slot")
	}
	if got, gotSl := s.getState(shared[:0:0]); gotSl == sl && got != small {
		t.Error("getState did not take the slot's state")
	}
	sl.st.Store(old)
}
