// Package work runs a build's jobs side by side: one worker a core, each
// with its own buffer, handed the jobs by a counter.
package work

import (
	"bytes"
	"runtime"
	"sync"
	"sync/atomic"
)

// Parallel calls f(buf, i) for i in [0, n) on one worker per CPU, each
// with its own buffer, reset before each call. Jobs are handed out by a
// counter, not a channel: a goroutine feeding a channel needs a core of its
// own for each hand-off.
func Parallel(n int, f func(buf *bytes.Buffer, i int)) {
	ParallelOn(runtime.GOMAXPROCS(0), n, f)
}

// ParallelOn is Parallel on the given number of workers.
func ParallelOn(workers, n int, f func(buf *bytes.Buffer, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, max(n, 1)) {
		wg.Go(func() {
			var buf bytes.Buffer
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				buf.Reset()
				f(&buf, i)
			}
		})
	}
	wg.Wait()
}
