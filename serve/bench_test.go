package serve

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chronicle-tools/chronicle/internal/cputime"
)

// BenchmarkEditToServed measures what an author waits for: from saving a
// note (a rename save, as most editors do) to the server answering with the
// new bytes of its page. That is the watcher's report, the debounce's quiet
// time, the rebuild, the swap and rendering the page. It also reports the
// rebuild alone (build-ms), and the processor time of the whole (cpu-ms),
// which depends less than the elapsed time on what else the machine is
// doing. A text edit (the title) is patched in; a move (a place added or
// taken away) rebuilds the site's indexes.
//
//	go test ./serve -run '^$' -bench EditToServed -benchtime 5x
func BenchmarkEditToServed(b *testing.B) {
	for _, bc := range []struct {
		n    int
		move bool
	}{{100, false}, {1000, false}, {10000, false}, {10000, true}} {
		name := fmt.Sprintf("notes=%d/edit=text", bc.n)
		if bc.move {
			name = fmt.Sprintf("notes=%d/edit=move", bc.n)
		}
		n := bc.n
		b.Run(name, func(b *testing.B) {
			dir := b.TempDir()
			writeSite(b, dir, n)
			s := watching(b, Options{Dir: dir})
			ids, unsubscribe := s.hub.subscribe()
			defer unsubscribe()
			k := n / 2
			url := eventURL(k)
			var build time.Duration
			i := 0
			cpu := cputime.Used()
			for b.Loop() {
				i++
				want := fmt.Sprintf("<h1>Edit number %d</h1>", i)
				text := noteText(k, fmt.Sprintf("Edit number %d", i))
				if bc.move && i%2 == 1 {
					text = strings.Replace(text, "places = [", `places = ["Elsewhere", `, 1)
				}
				editText(b, dir, k, text)
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
			cpu = cputime.Used() - cpu
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/edit")
			b.ReportMetric(float64(build.Milliseconds())/float64(b.N), "build-ms")
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms")
		})
	}
}
