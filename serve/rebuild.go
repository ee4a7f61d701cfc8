package serve

import (
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chronicle-tools/chronicle/build"
	"github.com/chronicle-tools/chronicle/site"
)

// rebuild builds the site again after the given paths changed (nil on the
// first build) and swaps the result in, in one step: a request sees the
// whole of the previous site or the whole of the new one. A failed build
// keeps the last good files and adds its problems to every page.
func (s *Server) rebuild(changed []string) {
	s.fsys.forget(changed)
	s.cache.Forget(changed)
	start := time.Now()
	prev := s.current()
	// A patch changes the site that requests render from, so it holds the
	// swap lock throughout; a full build makes a new site, and requests go
	// on being answered from the old one until the swap.
	s.swap.Lock()
	out, patched := s.patch(prev, changed)
	var err error
	if !patched {
		s.swap.Unlock()
		out, err = s.build()
		s.swap.Lock()
	}
	defer s.swap.Unlock()
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

// patch applies an edit of what notes show to the last build, if it
// succeeded; ok is false when the edit needs a full build.
func (s *Server) patch(prev *snapshot, changed []string) (out *build.Output, ok bool) {
	if prev == nil || prev.out == nil || prev.problems != nil {
		return nil, false
	}
	defer func() {
		if v := recover(); v != nil {
			// A bug: the full build that follows says what it is, or
			// builds afresh.
			out, ok = nil, false
		}
	}()
	return prev.out.Patch(s.fsys, s.options(), changed)
}

// build checks the whole site; files are rendered as they are asked for. A
// panic in the engine (a bug) becomes a problem on the page rather than the
// end of the server.
func (s *Server) build() (out *build.Output, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, err = nil, fmt.Errorf("the engine failed: %v\n%s", v, debug.Stack())
		}
	}()
	return build.Prepare(s.fsys, s.options())
}

func (s *Server) options() site.Options {
	return site.Options{Drafts: s.opts.Drafts, Cache: s.cache}
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
