package build

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/chronicle-tools/chronicle/corpus"
	"github.com/chronicle-tools/chronicle/internal/cputime"
	"github.com/chronicle-tools/chronicle/output"
	"github.com/chronicle-tools/chronicle/site"
)

// TestCorpusIsValid keeps the benchmarks honest: the generated notes must be
// notes the engine accepts, with no warnings.
func TestCorpusIsValid(t *testing.T) {
	diags := Check(corpus.FS(300, 1), site.Options{})
	if len(diags) > 0 {
		t.Fatalf("generated corpus has problems:\n%v", diags)
	}
}

var sizes = []int{1000, 10000, 100000}

// BenchmarkBuild is a full in-memory build: read, parse, check and render.
// It reports the processor time too (cpu-ms), which compares better than
// the elapsed time on a machine other work crowds.
// The 100,000-note case takes a minute an iteration; pick sizes with
// -bench 'Build$/notes=1000$' (Build alone would match BuildLongTail too).
func BenchmarkBuild(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			fsys := corpus.FS(n, 1)
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cputime.Used()
			for b.Loop() {
				res, err := BuildTo(fsys, site.Options{}, discard{})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Count), "files")
			}
			b.ReportMetric(float64((cputime.Used()-cpu).Milliseconds())/float64(b.N), "cpu-ms")
		})
	}
}

// BenchmarkBuildLongTail builds corpus.LongTailFS, shaped like the
// timeline of issue #18 (thousands of actors and tags used once or twice,
// n/4 storylines, nine centuries of dates), to a sink that counts what it
// drops. Beside the time it reports the figures #18 must bring down: the
// bytes of the whole site, and the size of its largest HTML page and of
// its front page.
func BenchmarkBuildLongTail(b *testing.B) {
	for _, n := range []int{2000, 10000} {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			fsys := corpus.LongTailFS(n, 1)
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cputime.Used()
			var sink *counter
			for b.Loop() {
				sink = &counter{}
				res, err := BuildTo(fsys, site.Options{}, sink)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Count), "files")
			}
			b.ReportMetric(float64((cputime.Used()-cpu).Milliseconds())/float64(b.N), "cpu-ms")
			b.ReportMetric(float64(sink.bytes.Load()), "site-bytes")
			b.ReportMetric(float64(sink.largest), "largest-html-bytes")
			b.ReportMetric(float64(sink.front), "front-bytes")
			b.Logf("largest HTML page: %s, %d bytes; front page %d bytes; %d bytes in all", sink.largestPath, sink.largest, sink.front, sink.bytes.Load())
		})
	}
}

// counter drops what a build writes, as discard does, counting the bytes
// of every file and keeping the largest HTML page's size and the front
// page's. Put and Create are called from several goroutines at once.
type counter struct {
	bytes       atomic.Int64
	mu          sync.Mutex
	largest     int64
	largestPath string
	front       int64
}

func (c *counter) done(path string, n int64) {
	c.bytes.Add(n)
	if !strings.HasSuffix(path, ".html") {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if n > c.largest || (n == c.largest && path < c.largestPath) {
		c.largest, c.largestPath = n, path
	}
	if path == "index.html" {
		c.front = n
	}
}

func (c *counter) Put(path string, data []byte) error {
	c.done(path, int64(len(data)))
	return nil
}

func (c *counter) Create(path string) (io.WriteCloser, error) {
	return &counting{c: c, path: path}, nil
}

type counting struct {
	c    *counter
	path string
	n    int64
}

func (w *counting) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

func (w *counting) Close() error {
	w.c.done(w.path, w.n)
	return nil
}

// discard drops what a build writes. It streams, as output.Writer does:
// otherwise the files that grow with the site would be gathered in memory,
// which the command never does.
type discard struct{}

func (discard) Put(string, []byte) error { return nil }

func (discard) Create(string) (io.WriteCloser, error) { return nopCloser{io.Discard}, nil }

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// BenchmarkStageRender renders every page and data file of a checked site.
func BenchmarkStageRender(b *testing.B) {
	fsys := corpus.FS(10000, 1)
	s, diags := site.Load(fsys, site.Options{})
	if diags.Errors() > 0 {
		b.Fatal(diags)
	}
	b.ReportAllocs()
	for b.Loop() {
		var d site.Diagnostics
		if _, err := plan(fsys, s, &d).RenderAll(discard{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStageWrite writes a built site to disk and swaps it in.
func BenchmarkStageWrite(b *testing.B) {
	res, err := Build(corpus.FS(10000, 1), site.Options{})
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, data := range res.Files {
		n += len(data)
	}
	root := b.TempDir()
	b.SetBytes(int64(n))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		// A new folder each time, so that unchanged-file links do not
		// hide the cost of writing; none deleted while timing, since on
		// ext4 creating files soon after deleting many is several times
		// slower (b.TempDir's cleanup deletes them after).
		i++
		if err := output.Write(fmt.Sprintf("%s/public-%d", root, i), res.Files); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrepareWarm is what chronicle serve does for an edit that moves
// a note: read, check and index the whole site again and plan its files,
// with every note but one parsed before and known not to have changed (a
// watched cache, warm). It reports the processor time too (cpu-ms).
func BenchmarkPrepareWarm(b *testing.B) {
	fsys := corpus.FS(10000, 1)
	opts := site.Options{Cache: site.NewWatchedCache()}
	if _, err := Prepare(fsys, opts); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Used()
	for b.Loop() {
		opts.Cache.Forget([]string{"content/2023/09/2023-09-24-event-005000.md"})
		if _, err := Prepare(fsys, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cputime.Used()-cpu).Milliseconds())/float64(b.N), "cpu-ms")
}
