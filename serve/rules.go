package serve

import (
	"path"
	"strings"
)

// isTemp reports whether a file's name is one that editors and tools write
// beside the real file while saving: swap files, backups, lock files, the
// files of an atomic save. A change to one of them never needs a rebuild.
// It is meant for files: a folder may well be named "2025".
func isTemp(name string) bool {
	switch {
	case name == "":
		return true
	case strings.HasPrefix(name, "."):
		// Vim's .x.md.swp, Emacs's .#x.md lock, Kate's .x.md.kate-swp,
		// gedit's .goutputstream-*, macOS's .DS_Store: the engine skips
		// hidden files anyway.
		return true
	case strings.HasSuffix(name, "~"):
		// Backups: Vim's x.md~, Emacs's x.md~ and x.md.~1~.
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		// Emacs auto-save.
		return true
	case strings.Trim(name, "0123456789") == "":
		// Vim checks that it may write a folder by creating "4913" (or a
		// larger number when that name is taken).
		return true
	case strings.Contains(name, "___jb_"):
		// JetBrains' safe write: x.md___jb_tmp___, x.md___jb_old___.
		return true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".swp", ".swo", ".swn", ".swx", ".tmp", ".temp", ".bak", ".orig", ".crswap", ".part":
		return true
	}
	return false
}

// relevant reports whether a change to rel, a slash-separated path relative
// to the site folder, can change the built site. isDir says whether rel is
// (or was) a folder. The rules follow what the engine reads: config.toml,
// the .md files of content/ outside hidden and _-prefixed folders, and
// anything under templates/.
func relevant(rel string, isDir bool) bool {
	switch rel {
	case "config.toml", "content", "templates":
		return true
	}
	first, rest, _ := strings.Cut(rel, "/")
	if rest == "" {
		return false // another file of the site folder, such as public/ or README.md
	}
	segs := strings.Split(rest, "/")
	base := segs[len(segs)-1]
	if !isDir && isTemp(base) {
		return false
	}
	switch first {
	case "content":
		for _, s := range segs {
			if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "_") {
				return false // the engine skips these
			}
		}
		return isDir || strings.HasSuffix(base, ".md")
	case "templates":
		for _, s := range segs {
			if strings.HasPrefix(s, ".") {
				return false
			}
		}
		return true
	}
	return false
}
