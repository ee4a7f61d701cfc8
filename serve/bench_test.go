package serve

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// BenchmarkEditToServed measures what an author waits for: from saving a
// note (a rename save, as most editors do) to the server answering with the
// new bytes. That is the watcher's report, the debounce's quiet time, the
// rebuild, and the swap. It also reports the rebuild alone (build-ms), and
// the processor time of the whole (cpu-ms), which depends less than the
// elapsed time on what else the machine is doing.
//
//	go test ./serve -run '^$' -bench EditToServed -benchtime 5x
func BenchmarkEditToServed(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			writeSite(b, dir, n)
			s := watching(b, Options{Dir: dir})
			ids, unsubscribe := s.hub.subscribe()
			defer unsubscribe()
			k := n / 2
			url := eventURL(k)
			var build time.Duration
			i := 0
			cpu := cpuTime()
			for b.Loop() {
				i++
				want := fmt.Sprintf("<h1>Edit number %d</h1>", i)
				edit(b, dir, k, fmt.Sprintf("Edit number %d", i))
				for {
					select {
					case <-ids:
					case <-time.After(5 * time.Minute):
						b.Fatal("no rebuild within five minutes")
					}
					if strings.Contains(get(s, "GET", url).Body.String(), want) {
						break
					}
				}
				build += time.Duration(s.lastBuild.Load())
			}
			cpu = cpuTime() - cpu
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/edit")
			b.ReportMetric(float64(build.Milliseconds())/float64(b.N), "build-ms")
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms")
		})
	}
}
