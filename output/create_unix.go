//go:build unix

package output

import (
	"os"
	"syscall"
)

// create makes a new file for writing. os.OpenFile would register the file
// with the runtime's poller, which a regular file refuses: four failing
// system calls for each of the tens of thousands of files a build writes.
// A file from os.NewFile on a blocking descriptor is not registered.
func create(p string) (*os.File, error) {
	fd, err := syscall.Open(p, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: p, Err: err}
	}
	return os.NewFile(uintptr(fd), p), nil
}
