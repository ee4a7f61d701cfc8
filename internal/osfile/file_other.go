//go:build !unix

package osfile

import "os"

// Open opens a file for reading.
func Open(path string) (*os.File, error) { return os.Open(path) }

// Create creates or truncates a file for writing, with permissions 0644.
func Create(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
}
