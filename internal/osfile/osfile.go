// Package osfile reads and writes whole files the way a build needs, many
// and regular. On Unix, os.ReadFile and os.WriteFile register every file
// with the runtime's network poller, which regular files refuse: four
// failing system calls (fcntl to set non-blocking, epoll_ctl, fcntl twice
// to undo) for each of the tens of thousands of files a build reads and
// writes, where a call costs microseconds. Here, on Unix, a file is opened
// blocking and read or written through its descriptor.
package osfile

import (
	"io/fs"
	"os"
	"path/filepath"
)

// DirFS is os.DirFS(dir) whose ReadFile opens files as above. The engine
// reads every note with ReadFile.
type DirFS string

func (d DirFS) fs() fs.FS { return os.DirFS(string(d)) }

func (d DirFS) Open(name string) (fs.File, error) { return d.fs().Open(name) }

func (d DirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.fs(), name) }

func (d DirFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(d.fs(), name) }

// ReadFile reads the named file, with os.DirFS's checks of the name and its
// errors, which name the file as given.
func (d DirFS) ReadFile(name string) ([]byte, error) {
	local, err := filepath.Localize(name)
	if err != nil || !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	data, err := ReadFile(filepath.Join(string(d), local))
	if pe, ok := err.(*fs.PathError); ok {
		pe.Path = name
	}
	return data, err
}
