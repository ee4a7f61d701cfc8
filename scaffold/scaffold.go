// Package scaffold holds the files of a new chronology, the folder that
// "chronicle init" writes: a config.toml with its settings explained, one
// example note (a draft), an about page, and the GitHub workflows that
// check pull requests, publish on Pages and check links every week. The
// new chronology builds at once.
//
// The workflows are the repository's own, with the changes a site without
// Chronicle's source needs: Chronicle is run by its module path instead of
// ./cmd/chronicle, Go is the stable release instead of go.mod's, and the
// docs they mention are linked. TestWorkflowsMatchRepository keeps them in
// step with .github/workflows.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

//go:embed all:files
var files embed.FS

//go:embed note.md
var noteTemplate string

// Module is the path that the new site's workflows run Chronicle by.
const Module = "github.com/chronicle-tools/chronicle/cmd/chronicle"

// Options describe the chronology to write.
type Options struct {
	// Now dates the example note; zero for time.Now(), in UTC, the time
	// zone of the new config.toml.
	Now time.Time
	// Version is the Chronicle version the workflows run, such as
	// "v0.4.0"; "" or a development build's "(devel)" runs @latest.
	Version string
}

// File is one file of a new chronology.
type File struct {
	Path    string // slash-separated, relative to the site: "content/pages/about.md"
	Content []byte
}

// Files returns the files of a new chronology, in the order they are
// written: config.toml first, the workflows last.
func Files(opts Options) []File {
	var out []File
	err := fs.WalkDir(files, "files", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, "files/")
		if strings.HasPrefix(rel, ".github/") && opts.Version != "" && opts.Version != "(devel)" {
			data = []byte(strings.ReplaceAll(string(data), Module+"@latest", Module+"@"+opts.Version))
		}
		out = append(out, File{Path: rel, Content: data})
		return nil
	})
	if err != nil {
		panic(err) // the embedded files are read at build time: this cannot fail
	}
	out = append(out, exampleNote(opts.Now))
	rank := func(p string) int {
		switch {
		case p == "config.toml":
			return 0
		case strings.HasPrefix(p, "content/"):
			return 1
		case strings.HasPrefix(p, ".github/"):
			return 3
		}
		return 2
	}
	slices.SortStableFunc(out, func(a, b File) int {
		if r := rank(a.Path) - rank(b.Path); r != 0 {
			return r
		}
		return strings.Compare(a.Path, b.Path)
	})
	return out
}

// exampleNote is the example draft, dated the day the chronology starts.
func exampleNote(now time.Time) File {
	if now.IsZero() {
		now = time.Now()
	}
	day := now.UTC().Format("2006-01-02")
	p := fmt.Sprintf("content/%s/%s/%s-this-chronology-begins.md", day[:4], day[5:7], day)
	return File{Path: p, Content: []byte(strings.ReplaceAll(noteTemplate, "DATE", day))}
}

// ErrNotEmpty is the error of Write on a folder that already holds files.
var ErrNotEmpty = errors.New("not empty")

// testHookBeforeCreate, when set, runs before each file is created: the
// tests put a file in the way, or fail as a full disk would.
var testHookBeforeCreate func(path string) error

// Write writes the files of a new chronology into dir and returns their
// paths, slash-separated and relative to dir. dir must be missing (it is
// created) or an empty folder. Write never overwrites a file: each is
// created only if nothing is at its path. On an error it removes what it
// created, and only that.
func Write(dir string, opts Options) (written []string, err error) {
	var madeDirs, madeFiles []string
	defer func() {
		if err == nil {
			return
		}
		for _, f := range slices.Backward(madeFiles) {
			os.Remove(f)
		}
		for _, d := range slices.Backward(madeDirs) {
			os.Remove(d) // removes a folder only while it is empty
		}
		written = nil
	}()

	switch entries, err := os.ReadDir(dir); {
	case errors.Is(err, fs.ErrNotExist):
		if madeDirs, err = mkdirAll(dir, madeDirs); err != nil {
			return nil, err
		}
	case err != nil:
		if fi, serr := os.Stat(dir); serr == nil && !fi.IsDir() {
			return nil, fmt.Errorf("%s is a file, not a folder: choose an empty folder, or a new one", dir)
		}
		return nil, err
	case len(entries) > 0:
		return nil, fmt.Errorf("%s is %w: it holds %s; choose an empty folder, or a new one (chronicle init never overwrites)",
			dir, ErrNotEmpty, holds(entries))
	}

	for _, f := range Files(opts) {
		full := filepath.Join(dir, filepath.FromSlash(f.Path))
		if madeDirs, err = mkdirAll(filepath.Dir(full), madeDirs); err != nil {
			return nil, err
		}
		if testHookBeforeCreate != nil {
			if err := testHookBeforeCreate(full); err != nil {
				return nil, err
			}
		}
		out, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("%s appeared while the chronology was being written: chronicle init never overwrites; choose an empty folder", full)
		}
		if err != nil {
			return nil, err
		}
		madeFiles = append(madeFiles, full)
		_, err = out.Write(f.Content)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		written = append(written, f.Path)
	}
	return written, nil
}

// mkdirAll makes dir and its missing parents, and adds those it made to
// made, parents first.
func mkdirAll(dir string, made []string) ([]string, error) {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err == nil {
			if !fi.IsDir() {
				return made, fmt.Errorf("%s is a file, not a folder: choose an empty folder, or a new one", d)
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return made, err
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	for _, d := range slices.Backward(missing) {
		if err := os.Mkdir(d, 0o777); err != nil {
			return made, err
		}
		made = append(made, d)
	}
	return made, nil
}

// holds names up to three of a folder's entries: "config.toml, notes/ and 2 more".
func holds(entries []fs.DirEntry) string {
	var names []string
	for _, e := range entries[:min(3, len(entries))] {
		n := e.Name()
		if e.IsDir() {
			n += "/"
		}
		names = append(names, n)
	}
	s := strings.Join(names, ", ")
	if more := len(entries) - len(names); more > 0 {
		s += fmt.Sprintf(" and %d more", more)
	}
	return s
}
