package export

import (
	"io"
	"runtime"
	"sync"
	"sync/atomic"
)

// writeInOrder writes to w, in order, what appendChunk appends for each of
// n chunks, made side by side by a worker a core. A file that grows with
// the site (events.json) is then not one worker's work from start to end,
// the last of a build to finish. At most two chunks a worker wait to be
// written, so memory stays bounded; chunks are taken in order, so the one
// the writer waits for is always being made.
func writeInOrder(w io.Writer, n int, appendChunk func(b []byte, chunk int) []byte) error {
	workers := runtime.GOMAXPROCS(0)
	done := make([]chan []byte, n)
	for i := range done {
		done[i] = make(chan []byte, 1)
	}
	room := make(chan []byte, 2*workers) // a buffer for each chunk that may wait
	for range cap(room) {
		room <- nil
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				b := <-room
				i := int(next.Add(1)) - 1
				if i >= n {
					room <- b
					return
				}
				done[i] <- appendChunk(b[:0], i)
			}
		})
	}
	var err error
	for _, c := range done {
		b := <-c
		if err == nil {
			_, err = w.Write(b)
		}
		room <- b
	}
	wg.Wait()
	return err
}
