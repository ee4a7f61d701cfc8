package serve

import (
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chronicle-tools/chronicle/site"
)

// rebuild builds the site again after the given paths changed (nil on the
// first build) and swaps the result in, in one step: a request sees the
// whole of the previous site or the whole of the new one. A failed build
// keeps the last good files and adds its problems to every page.
func (s *Server) rebuild(changed []string) {
	s.fsys.forget(changed)
	start := time.Now()
	s.swap.Lock()
	defer s.swap.Unlock()
	prev := s.current()
	out, err := s.build(prev, changed)
	took := time.Since(start)
	s.builds.Add(1)
	s.lastBuild.Store(int64(took))

	s.gen++
	next := &snapshot{id: fmt.Sprintf("%s-%d", s.instance, s.gen), rendered: &sync.Map{}}
	if prev != nil {
		// A failed build keeps the last good one, and what it rendered.
		next.out, next.base, next.rendered = prev.out, prev.base, prev.rendered
	}
	if err == nil {
		next.out, next.base, next.rendered = out, out.Site.Config.BasePath, &sync.Map{}
		if prev != nil && prev.base != next.base {
			s.logf("the base path is now %s", next.base)
		}
		s.logf("%sbuilt %d events, %d pages in %s%s", describe(changed), len(out.Site.Events), out.Pages(),
			took.Round(time.Millisecond), warnings(len(out.Warnings)))
	} else {
		var diags site.Diagnostics
		if !errors.As(err, &diags) {
			diags = site.Diagnostics{{Path: "chronicle", Msg: err.Error()}}
		}
		if next.base == "" {
			next.base = s.basePathOf()
		}
		next.problems = s.problems(diags)
		s.logf("%sthe site did not build (%s):", describe(changed), count(diags.Errors(), "error"))
		for _, d := range diags {
			if !d.Warning {
				s.logf("  %s", d)
			}
		}
	}
	if next.base == "" {
		next.base = "/"
	}
	next.prepare()
	s.cur.Store(next)
	s.hub.publish(next.id)
}

// build runs the engine: a patch of the last build when the change allows
// one (an edit of what notes show, after a build that succeeded), else a
// full build. Files are rendered as they are asked for. A panic in the
// engine (a bug) becomes a problem on the page rather than the end of the
// server.
func (s *Server) build(prev *snapshot, changed []string) (out *site.Output, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, err = nil, fmt.Errorf("the engine failed: %v\n%s", v, debug.Stack())
		}
	}()
	opts := site.Options{Drafts: s.opts.Drafts, Cache: s.cache}
	if prev != nil && prev.out != nil && prev.problems == nil {
		if out, ok := prev.out.Patch(s.fsys, opts, changed); ok {
			return out, nil
		}
	}
	return site.Prepare(s.fsys, opts)
}

// basePathOf finds the base path when no build has succeeded yet: from the
// config alone, if it reads.
func (s *Server) basePathOf() string {
	if c := site.ReadConfig(s.fsys); c != nil {
		return c.BasePath
	}
	return "/"
}

// describe names what changed, to begin a line of the log.
func describe(changed []string) string {
	switch {
	case changed == nil:
		return ""
	case slices.Contains(changed, ""):
		return "everything may have changed: "
	case len(changed) <= 3:
		return strings.Join(changed, ", ") + " changed: "
	}
	return fmt.Sprintf("%s and %d more changed: ", strings.Join(changed[:2], ", "), len(changed)-2)
}

func warnings(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", %s (run chronicle check to list them)", count(n, "warning"))
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
