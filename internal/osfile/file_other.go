//go:build !unix

package osfile

import "os"

// ReadFile is os.ReadFile.
func ReadFile(path string) ([]byte, error) { return os.ReadFile(path) }

// WriteFile is os.WriteFile with permissions 0644.
func WriteFile(path string, data []byte) error { return os.WriteFile(path, data, 0o644) }
