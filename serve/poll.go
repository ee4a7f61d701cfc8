package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// A poller finds changes by looking at every file's size and time now and
// then, for file systems that do not report changes (network file systems,
// some containers and virtual machines).
type poller struct {
	root     string
	interval time.Duration
	out      chan<- string
	last     map[string]stamp
}

type stamp struct {
	size int64
	mod  time.Time
}

func (s stamp) same(t stamp) bool { return s.size == t.size && s.mod.Equal(t.mod) }

// newPoller takes the first look at once, so that what changes after it is
// seen even before run begins.
func newPoller(root string, interval time.Duration, out chan<- string) *poller {
	p := &poller{root: root, interval: interval, out: out}
	p.last = p.scan()
	return p
}

// scan returns the stamps of config.toml and of the relevant files of
// content/ and templates/. Folders need none: a new or removed file shows
// by itself.
func (p *poller) scan() map[string]stamp {
	m := map[string]stamp{}
	if fi, err := os.Stat(filepath.Join(p.root, "config.toml")); err == nil {
		m["config.toml"] = stamp{fi.Size(), fi.ModTime()}
	}
	for _, dir := range []string{"content", "templates"} {
		_ = filepath.WalkDir(walkRoot(filepath.Join(p.root, dir)), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // gone, or unreadable: it shows as a change
			}
			r, err := filepath.Rel(p.root, path)
			if err != nil {
				return nil
			}
			r = filepath.ToSlash(r)
			if d.IsDir() && !watchable(r) {
				return filepath.SkipDir
			}
			if d.IsDir() || !relevant(r, false) {
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				return nil
			}
			m[r] = stamp{fi.Size(), fi.ModTime()}
			return nil
		})
	}
	return m
}

// run sends the changed, new and removed paths on p.out until ctx is done.
func (p *poller) run(ctx context.Context) {
	wait := p.interval
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		start := time.Now()
		cur := p.scan()
		// Scanning a large site costs time: keep it to a small share.
		wait = max(p.interval, 4*time.Since(start))
		for path, st := range cur {
			if old, ok := p.last[path]; !ok || !old.same(st) {
				if !p.send(ctx, path) {
					return
				}
			}
		}
		for path := range p.last {
			if _, ok := cur[path]; !ok {
				if !p.send(ctx, path) {
					return
				}
			}
		}
		p.last = cur
	}
}

func (p *poller) send(ctx context.Context, path string) bool {
	select {
	case p.out <- path:
		return true
	case <-ctx.Done():
		return false
	}
}
