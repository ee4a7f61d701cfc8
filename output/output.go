// Package output writes a built site to disk in one step: the files go to a
// temporary folder beside the target, which is then swapped in by rename, so
// a failed or interrupted write leaves the previous site whole. It replaces
// only a folder that is missing, empty, or marked as Chronicle's own output.
package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/chronicle-tools/chronicle/internal/osfile"
)

// Marker is the file that marks a folder as Chronicle's output, which a
// later build may replace.
const Marker = ".chronicle-output"

const markerText = "This folder is written by chronicle build and replaced whole on every build.\nDo not keep your own files here.\n"

// RefusedError explains why a folder may not be replaced.
type RefusedError struct {
	Dir    string
	Reason string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refusing to write the site to %s: %s", e.Dir, e.Reason)
}

// Check says whether dir may be replaced by the output of the site in
// siteDir. force allows replacing a folder that holds other files, but never
// the site itself, a folder that holds a site, or a folder inside content/
// or templates/.
func Check(dir, siteDir string, force bool) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	site, err := filepath.Abs(siteDir)
	if err != nil {
		return err
	}
	if real, err := filepath.EvalSymlinks(site); err == nil {
		site = real
	}
	refuse := func(reason string) error { return &RefusedError{Dir: dir, Reason: reason} }
	fi, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Still check where it would go: resolve the nearest existing parent.
	case err != nil:
		return err
	case fi.Mode()&fs.ModeSymlink != 0:
		return refuse("it is a symbolic link; give the folder it points to, or another path, with -o")
	case !fi.IsDir():
		return refuse("it is a file, not a folder; give another path with -o")
	}
	real := resolve(abs)
	if real == site || within(real, site) {
		return refuse("it is the site's own folder or holds it; give an output folder inside it, such as -o public")
	}
	for _, keep := range []string{"content", "templates"} {
		// content/ may be a link to the notes elsewhere: judge its target.
		kept := resolve(filepath.Join(site, keep))
		if within(kept, real) || real == kept {
			return refuse(fmt.Sprintf("it is inside the site's %s/ folder, which chronicle never writes; use -o public", keep))
		}
	}
	if err != nil { // missing: nothing to replace
		return nil
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	for _, name := range []string{"content", "config.toml"} {
		if _, err := os.Lstat(filepath.Join(abs, name)); err == nil {
			return refuse(fmt.Sprintf("it holds %s, so it looks like a site, not its output; use another folder with -o", name))
		}
	}
	if _, err := os.Lstat(filepath.Join(abs, Marker)); err == nil {
		return nil
	}
	if force {
		return nil
	}
	return refuse(fmt.Sprintf("it holds files that chronicle did not write (no %s marker); empty it, choose another folder with -o, or replace it anyway with -force", Marker))
}

// resolve follows symlinks of the longest existing prefix of p.
func resolve(p string) string {
	rest := ""
	for {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest)
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// within reports whether p is strictly inside dir.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel)
}

// Write replaces dir with files (slash-separated paths to contents). The
// caller checks dir with Check first.
func Write(dir string, files map[string][]byte) error {
	w, err := NewWriter(dir)
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := w.Put(name, data); err != nil {
			w.Abort()
			return err
		}
	}
	return w.Commit()
}

// Writer writes a site into a temporary folder beside dir, then swaps it in
// with Commit. Put and Create may be called from many goroutines at once:
// the caller's own workers are the writers, so that a page goes to disk from
// the buffer it was rendered in, never copied to a queue. Files whose bytes
// are the same as in the previous output keep their modification time, so
// rsync and deploys see only real changes.
type Writer struct {
	dir, abs, tmp string
	fresh         bool // no previous output: no file to compare with
	mu            sync.Mutex
	err           error
	dirs          sync.Map // folders made so far
}

// NewWriter prepares to replace dir; the caller checks dir with Check first.
func NewWriter(dir string) (*Writer, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", parent, err)
	}
	removeStale(parent, base)
	// The folder's name carries the build's process id, so that a later
	// build can tell a folder left by a killed build from one in use.
	tmp, err := os.MkdirTemp(parent, "."+base+".new-"+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, fmt.Errorf("cannot create a temporary folder beside %s: %w", dir, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	_, err = os.Lstat(abs)
	return &Writer{dir: dir, abs: abs, tmp: tmp, fresh: errors.Is(err, fs.ErrNotExist)}, nil
}

// removeStale removes what builds into parent/base that were killed left
// beside it (an interrupted build cleans up after itself; a killed one
// cannot): temporary folders .base.new-PID-*, and previous outputs moved
// aside as .base.old-PID-* once the new output is in place, where process
// PID is gone. A folder is the size of the site, gigabytes for a large one.
// What cannot be read or removed is left: it is in no one's way.
func removeStale(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	_, err = os.Lstat(filepath.Join(parent, base))
	outputThere := err == nil
	for _, e := range entries {
		rest, isNew := strings.CutPrefix(e.Name(), "."+base+".new-")
		if !isNew {
			var isOld bool
			if rest, isOld = strings.CutPrefix(e.Name(), "."+base+".old-"); !isOld || !outputThere {
				continue
			}
		}
		pid, _, ok := strings.Cut(rest, "-")
		n, err := strconv.Atoi(pid)
		if !ok || err != nil || n <= 0 || !e.IsDir() || alive(n) {
			continue
		}
		os.RemoveAll(filepath.Join(parent, e.Name()))
	}
}

func (w *Writer) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

func (w *Writer) fail(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
}

// Put writes a file; it may be called from several goroutines. It returns
// the first error of any write so far, which says that the previous output
// is untouched: the caller then calls Abort.
func (w *Writer) Put(name string, data []byte) error {
	p, err := w.start(name)
	if err == nil {
		err = writeFile(p, w.previous(name), data)
	}
	return w.check(err)
}

// Create opens a file to be written as it is made, for a file too large to
// hold in memory whole; it may be called from several goroutines. Close
// reports the first error, which fails the whole output as Put's do. As
// with Put, a file that comes out the same as in the previous output is
// that file, hard-linked.
func (w *Writer) Create(name string) (io.WriteCloser, error) {
	p, err := w.start(name)
	var f *os.File
	if err == nil {
		f, err = os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	}
	if err := w.check(err); err != nil {
		return nil, err
	}
	return &streamed{w: w, f: f, buf: bufio.NewWriterSize(f, 256<<10), prev: w.previous(name)}, nil
}

// Cancel fails the output, say when the user interrupts the build: writes
// that have not begun return err, and Commit refuses. The caller then calls
// Abort once its writes have returned.
func (w *Writer) Cancel(err error) { w.fail(err) }

// start checks name, makes its folder in the new output, and returns its
// path there. After a failure or Cancel it makes nothing.
func (w *Writer) start(name string) (string, error) {
	if err := w.failed(); err != nil {
		return "", err
	}
	if !fs.ValidPath(name) || strings.Contains(name, `\`) || name == Marker {
		return "", fmt.Errorf("invalid output path %q", name)
	}
	p := filepath.Join(w.tmp, filepath.FromSlash(name))
	d := filepath.Dir(p)
	if _, done := w.dirs.Load(d); !done {
		if err := mkdir(d); err != nil {
			return "", err
		}
		w.dirs.Store(d, true)
	}
	return p, nil
}

// mkdir makes folder d in the new output, with its parents. Most folders
// are one page's, whose parent is there already: one mkdir call, where
// os.MkdirAll would first stat the folder and then its parent.
func mkdir(d string) error {
	switch err := os.Mkdir(d, 0o755); {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrExist):
		// A parent is missing; or another worker made it, or a file is in
		// the way, which MkdirAll tells apart.
		return os.MkdirAll(d, 0o755)
	default:
		return err
	}
}

// previous is the path of name in the output being replaced, or "" when
// there is none, which spares a failing stat for every file of a first build.
func (w *Writer) previous(name string) string {
	if w.fresh {
		return ""
	}
	return filepath.Join(w.abs, filepath.FromSlash(name))
}

// check fails the output when err is not nil, and returns the first error
// of the output, saying that the previous output is untouched.
func (w *Writer) check(err error) error {
	if err == nil {
		return nil
	}
	w.fail(err)
	return w.failure(w.failed())
}

type streamed struct {
	w    *Writer
	f    *os.File
	buf  *bufio.Writer
	prev string
}

func (s *streamed) Write(b []byte) (int, error) { return s.buf.Write(b) }

func (s *streamed) Close() error {
	err := s.buf.Flush()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err == nil && s.prev != "" {
		err = linkIfSame(s.f.Name(), s.prev)
	}
	return s.w.check(err)
}

// linkIfSame replaces the file at p with a hard link to prev when their
// bytes are the same, which keeps prev's modification time.
func linkIfSame(p, prev string) error {
	a, err := os.Stat(p)
	if err != nil {
		return err
	}
	b, err := os.Stat(prev)
	if err != nil || !b.Mode().IsRegular() || a.Size() != b.Size() || !sameBytes(p, prev) {
		return nil
	}
	tmp := filepath.Join(filepath.Dir(p), ".chronicle-link-"+filepath.Base(p))
	if os.Link(prev, tmp) != nil {
		return nil // another file system, say: the new copy stays
	}
	return os.Rename(tmp, p)
}

// sameBytes compares two files of the same size, a block at a time.
func sameBytes(p, q string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	g, err := os.Open(q)
	if err != nil {
		return false
	}
	defer g.Close()
	x, y := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		n, err := io.ReadFull(f, x)
		m, _ := io.ReadFull(g, y[:n])
		if m != n || !bytes.Equal(x[:n], y[:n]) {
			return false
		}
		if err != nil {
			return err == io.EOF || err == io.ErrUnexpectedEOF
		}
	}
}

// failure says what failed, and that the previous output is untouched.
func (w *Writer) failure(err error) error {
	return fmt.Errorf("writing the site failed, the previous output in %s is untouched: %w", w.dir, err)
}

// Abort discards what was written; the previous output stays as it was.
// The caller's writes must have returned.
func (w *Writer) Abort() {
	os.RemoveAll(w.tmp)
}

// Commit swaps the new site in by rename. The caller's writes must have
// returned.
func (w *Writer) Commit() error {
	fail := func(err error) error {
		os.RemoveAll(w.tmp)
		return w.failure(err)
	}
	if err := w.failed(); err != nil {
		return fail(err)
	}
	if err := os.WriteFile(filepath.Join(w.tmp, Marker), []byte(markerText), 0o644); err != nil {
		return fail(err)
	}
	parent, base := filepath.Dir(w.abs), filepath.Base(w.abs)
	old := ""
	if _, err := os.Lstat(w.abs); err == nil {
		old = filepath.Join(parent, "."+base+".old-"+strings.TrimPrefix(filepath.Base(w.tmp), "."+base+".new-"))
		if err := os.Rename(w.abs, old); err != nil {
			return fail(fmt.Errorf("cannot move the previous output aside: %w", err))
		}
	}
	if err := os.Rename(w.tmp, w.abs); err != nil {
		if old != "" {
			os.Rename(old, w.abs)
		}
		return fail(err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("the site is written, but the previous output could not be removed from %s: %w", old, err)
		}
	}
	return nil
}

// writeFile writes data to p, hard-linking the previous file instead when its
// bytes are the same, which keeps its modification time.
func writeFile(p, prev string, data []byte) error {
	if prev == "" {
		return osfile.WriteFile(p, data)
	}
	if fi, err := os.Stat(prev); err == nil && fi.Mode().IsRegular() && fi.Size() == int64(len(data)) {
		if old, err := osfile.ReadFile(prev); err == nil && string(old) == string(data) {
			if os.Link(prev, p) == nil {
				return nil
			}
		}
	}
	return osfile.WriteFile(p, data)
}
