//go:build !unix

package output

import "os"

// create makes a new file for writing.
func create(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
}
