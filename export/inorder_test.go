package export

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestWriteInOrder: chunks made side by side are written in order, all of
// them, whatever their sizes; a write error is returned.
func TestWriteInOrder(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 7, 100} {
		var got strings.Builder
		err := writeInOrder(&got, n, func(b []byte, i int) []byte {
			return append(b, strings.Repeat(fmt.Sprint(i%10), i%5+1)+"|"...)
		})
		var want strings.Builder
		for i := range n {
			want.WriteString(strings.Repeat(fmt.Sprint(i%10), i%5+1) + "|")
		}
		if err != nil || got.String() != want.String() {
			t.Errorf("%d chunks: %q, %v; want %q", n, got.String(), err, want.String())
		}
	}
	boom := errors.New("disk full")
	if err := writeInOrder(failWriter{boom}, 50, func(b []byte, i int) []byte { return append(b, 'x') }); err != boom {
		t.Errorf("a failing writer: %v, want %v", err, boom)
	}
}

type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }
