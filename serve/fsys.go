package serve

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"sync"

	"github.com/chronicle-tools/chronicle/internal/osfile"
)

// diskFS is the site folder as the engine reads it: folders are listed from
// the disk on every build, but the bytes of a file are read once and kept
// until the watcher says the file changed. So a rebuild re-reads only the
// files that changed; the engine's cache, keyed by content, then re-parses
// only those. That a file does not exist (a template the site does not
// override) is kept the same way.
type diskFS struct {
	dir fs.FS

	mu    sync.RWMutex
	files map[string][]byte // nil: the file does not exist
}

func newDiskFS(root string) *diskFS {
	return &diskFS{dir: osfile.DirFS(root), files: map[string][]byte{}}
}

func (f *diskFS) Open(name string) (fs.File, error) { return f.dir.Open(name) }

func (f *diskFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.dir, name) }

func (f *diskFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.dir, name) }

// ReadFile returns a copy of the file's bytes, as fs.ReadFileFS asks.
func (f *diskFS) ReadFile(name string) ([]byte, error) {
	f.mu.RLock()
	data, ok := f.files[name]
	f.mu.RUnlock()
	if ok {
		if data == nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		return bytes.Clone(data), nil
	}
	data, err := fs.ReadFile(f.dir, name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err == nil && data == nil {
		data = []byte{} // an empty file, not a missing one
	}
	f.mu.Lock()
	f.files[name] = data
	f.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return bytes.Clone(data), nil
}

// cached returns the kept bytes of a file, without reading the disk.
func (f *diskFS) cached(name string) ([]byte, bool) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	data, ok := f.files[name]
	return data, ok && data != nil
}

// forget drops the kept bytes of each path and of everything under it (a
// path may name a folder that was renamed or removed). The path "" forgets
// everything.
func (f *diskFS) forget(paths []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range paths {
		if p == "" {
			clear(f.files)
			return
		}
		delete(f.files, p)
	}
	prefixes := make([]string, len(paths))
	for i, p := range paths {
		prefixes[i] = p + "/"
	}
	for name := range f.files {
		for _, pre := range prefixes {
			if strings.HasPrefix(name, pre) {
				delete(f.files, name)
				break
			}
		}
	}
}
