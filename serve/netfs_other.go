//go:build !linux

package serve

// sharedFS reports no shared file system where it cannot tell: there,
// fsnotify is trusted, and -poll remains for the user.
func sharedFS(dir string) string { return "" }
