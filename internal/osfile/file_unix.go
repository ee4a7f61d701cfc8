//go:build unix

package osfile

import (
	"os"
	"syscall"
)

// open opens path with flags on a blocking descriptor, which os.NewFile
// leaves out of the poller.
func open(path string, flags int, perm uint32) (*os.File, error) {
	fd, err := syscall.Open(path, flags|syscall.O_CLOEXEC, perm)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(fd), path), nil
}

// Open opens a file for reading.
func Open(path string) (*os.File, error) { return open(path, syscall.O_RDONLY, 0) }

// Create creates or truncates a file for writing, with permissions 0644.
func Create(path string) (*os.File, error) {
	return open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC, 0o644)
}
