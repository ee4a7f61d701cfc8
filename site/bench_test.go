package site

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chronicle-tools/chronicle/corpus"
	"github.com/chronicle-tools/chronicle/frontmatter"
	"github.com/chronicle-tools/chronicle/markdown"
)

// The stages, one benchmark each, on 10,000 notes.

func stageFS(b *testing.B) fstest.MapFS {
	b.Helper()
	return corpus.FS(10000, 1)
}

func notePaths(fsys fstest.MapFS) []string {
	var paths []string
	for p := range fsys {
		if strings.HasPrefix(p, "content/") {
			paths = append(paths, p)
		}
	}
	return paths
}

// BenchmarkStageRead reads every note from a real folder on disk.
func BenchmarkStageRead(b *testing.B) {
	dir := b.TempDir()
	for p, f := range stageFS(b) {
		path := dir + "/" + p
		os.MkdirAll(path[:strings.LastIndexByte(path, '/')], 0o755)
		os.WriteFile(path, f.Data, 0o644)
	}
	fsys := os.DirFS(dir)
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				data, _ := fs.ReadFile(fsys, p)
				n += len(data)
			}
			return nil
		})
		b.SetBytes(int64(n))
	}
}

// BenchmarkStageFrontMatter splits and decodes the TOML of every note.
func BenchmarkStageFrontMatter(b *testing.B) {
	fsys := stageFS(b)
	paths := notePaths(fsys)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paths {
			fm, _, _, problem := frontmatter.Split(fsys[p].Data)
			if problem != nil {
				b.Fatal(problem.Msg)
			}
			var diags Diagnostics
			frontmatter.Decode(string(fm), 1, reporter(p, &diags))
		}
	}
}

// BenchmarkStageMarkdown renders every body with its citations.
func BenchmarkStageMarkdown(b *testing.B) {
	fsys := stageFS(b)
	paths := notePaths(fsys)
	bodies := make([][]byte, len(paths))
	for i, p := range paths {
		_, bodies[i], _, _ = frontmatter.Split(fsys[p].Data)
	}
	ids := []string{"s1", "s2", "s3", "s4"}
	b.ReportAllocs()
	for b.Loop() {
		for _, body := range bodies {
			markdown.Render(body, ids)
		}
	}
}

// BenchmarkStageValidate checks and links notes already parsed.
func BenchmarkStageValidate(b *testing.B) {
	fsys := stageFS(b)
	s, diags := Load(fsys, Options{})
	if diags.Errors() > 0 {
		b.Fatal(diags)
	}
	cfg := s.Config
	events := s.Events
	b.ReportAllocs()
	for b.Loop() {
		// newSite links the events it is given: give it fresh ones, as a
		// build does (the copies are part of the figure).
		fresh := make([]*Event, len(events))
		for i, e := range events {
			fresh[i] = e.copy()
		}
		var d Diagnostics
		newSite(cfg, fresh, nil, nil, Options{}, &d)
	}
}
