package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// A notifier reports changes under the site folder with fsnotify. It
// watches folders, not files, so that it sees the new file of an editor
// that saves by writing another file and renaming it over the old one; and
// it watches each new folder of content/ as it appears.
type notifier struct {
	root    string // absolute
	w       *fsnotify.Watcher
	watched map[string]bool // slash-separated folders, relative to root; "." is root
	out     chan<- string
	logf    func(format string, args ...any)
}

// startNotifier watches root, content/ and templates/. It fails when the
// system cannot watch them (no inotify, too many watches), and the caller
// then polls.
func startNotifier(root string, out chan<- string, logf func(string, ...any)) (*notifier, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	n := &notifier{root: root, w: w, watched: map[string]bool{}, out: out, logf: logf}
	if err := n.watch("."); err != nil {
		w.Close()
		return nil, err
	}
	for _, dir := range []string{"content", "templates"} {
		if err := n.addTree(dir, nil); err != nil {
			w.Close()
			return nil, err
		}
	}
	return n, nil
}

// watchable reports whether rel is a folder whose files the engine may read.
func watchable(rel string) bool {
	first, rest, _ := strings.Cut(rel, "/")
	if first != "content" && first != "templates" {
		return false
	}
	for _, s := range strings.Split(rest, "/") {
		if strings.HasPrefix(s, ".") || (first == "content" && strings.HasPrefix(s, "_")) {
			return false
		}
	}
	return true
}

func (n *notifier) watch(rel string) error {
	if err := n.w.Add(filepath.Join(n.root, filepath.FromSlash(rel))); err != nil {
		return fmt.Errorf("cannot watch %s: %w", rel, err)
	}
	n.watched[rel] = true
	return nil
}

// addTree watches rel and every folder under it. When found is not nil, it
// is called with each relevant file, so that files written into a new
// folder before its watch began are not missed. A missing rel is no error.
func (n *notifier) addTree(rel string, found func(string)) error {
	return filepath.WalkDir(walkRoot(filepath.Join(n.root, filepath.FromSlash(rel))), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		r, ok := n.rel(p)
		if !ok {
			return nil
		}
		if d.IsDir() {
			if !watchable(r) {
				return filepath.SkipDir
			}
			if !n.watched[r] {
				return n.watch(r)
			}
			return nil
		}
		if found != nil && relevant(r, false) {
			found(r)
		}
		return nil
	})
}

// walkRoot returns the path to give filepath.WalkDir for the folder at
// path. WalkDir does not follow a symbolic link at its root, but the engine
// reads through one (a content/ kept elsewhere), so a link is given with a
// final separator, which makes the system resolve it.
func walkRoot(path string) string {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return path + string(filepath.Separator)
	}
	return path
}

// unwatchTree forgets rel and the folders under it, once rel is gone or
// renamed: their watches would report events under the old names.
func (n *notifier) unwatchTree(rel string) {
	for r := range n.watched {
		if r == rel || strings.HasPrefix(r, rel+"/") {
			_ = n.w.Remove(filepath.Join(n.root, filepath.FromSlash(r))) // often gone already
			delete(n.watched, r)
		}
	}
}

// rel returns p relative to root, slash-separated.
func (n *notifier) rel(p string) (string, bool) {
	r, err := filepath.Rel(n.root, p)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// run sends the changed paths on n.out until ctx is done. The path ""
// means "anything may have changed": the kernel dropped events.
func (n *notifier) run(ctx context.Context) {
	defer n.w.Close()
	send := func(p string) {
		select {
		case n.out <- p:
		case <-ctx.Done():
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-n.w.Events:
			if !ok {
				return
			}
			n.handle(ev, send)
		case err, ok := <-n.w.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				n.logf("too many changes at once; reading every file again")
				send("")
				continue
			}
			n.logf("watching: %v", err)
		}
	}
}

func (n *notifier) handle(ev fsnotify.Event, send func(string)) {
	if ev.Op == fsnotify.Chmod {
		return // attributes only; on Linux also the first sign of a removal, whose Remove follows
	}
	rel, ok := n.rel(ev.Name)
	if !ok || rel == "." {
		return
	}
	isDir := false
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		if n.watched[rel] {
			isDir = true
			n.unwatchTree(rel)
		}
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			isDir = true
			if watchable(rel) {
				if err := n.addTree(rel, send); err != nil {
					n.logf("%v; its changes will not show until a restart (with -poll if the system is out of watches)", err)
				}
			}
		}
	}
	if relevant(rel, isDir) {
		send(rel)
	}
}
