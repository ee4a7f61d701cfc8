package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// changesUntil reads changed paths from ch until one equals marker, and
// returns those before it. Events come in order, so what an editor did
// before the marker has been reported by then.
func changesUntil(t *testing.T, ch <-chan string, marker string) []string {
	t.Helper()
	var got []string
	timeout := time.After(time.Minute)
	for {
		select {
		case p := <-ch:
			if p == marker {
				return got
			}
			got = append(got, p)
		case <-timeout:
			t.Fatalf("no change to %s within a minute; got %q", marker, got)
		}
	}
}

func startTestNotifier(t *testing.T, dir string) <-chan string {
	t.Helper()
	ch := make(chan string, 1000)
	n, err := startNotifier(dir, ch, t.Logf)
	if err != nil {
		t.Skipf("fsnotify cannot watch here: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { n.run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return ch
}

// TestNotifierEditorSaves plays the saves of several editors and checks
// that the note is reported and their temporary files are not.
func TestNotifierEditorSaves(t *testing.T) {
	dir := smallSite(t)
	ch := startTestNotifier(t, dir)
	note := filepath.Join(dir, notePath(1))
	rel := filepath.ToSlash(notePath(1))
	text := noteText(1, "Edited")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	marker := 0
	mark := func() string {
		// Each marker has its own name: writing a file is two events
		// (Create, Write), and the second must not end the next check.
		marker++
		name := fmt.Sprintf("marker-%d.md", marker)
		must(os.WriteFile(filepath.Join(dir, "content", name), []byte("x"), 0o644))
		return "content/" + name
	}
	check := func(editor string, got []string) {
		t.Helper()
		sawNote := false
		for _, p := range got {
			switch {
			case p == rel:
				sawNote = true
			case strings.HasPrefix(p, "content/marker-"):
			default:
				t.Errorf("%s: reported %q, a temporary file", editor, p)
			}
		}
		if !sawNote {
			t.Errorf("%s: the note's change was not reported; got %q", editor, got)
		}
	}

	// Vim (backupcopy=no): write-test file, backup by rename, new file, swap file.
	must(os.WriteFile(filepath.Join(filepath.Dir(note), "4913"), nil, 0o644))
	must(os.Remove(filepath.Join(filepath.Dir(note), "4913")))
	must(os.WriteFile(filepath.Join(filepath.Dir(note), "."+filepath.Base(note)+".swp"), []byte("swap"), 0o644))
	must(os.Rename(note, note+"~"))
	must(os.WriteFile(note, []byte(text), 0o644))
	must(os.Remove(note + "~"))
	check("vim", changesUntil(t, ch, mark()))

	// JetBrains safe write.
	must(os.WriteFile(note+"___jb_tmp___", []byte(text+"\n"), 0o644))
	must(os.Rename(note, note+"___jb_old___"))
	must(os.Rename(note+"___jb_tmp___", note))
	must(os.Remove(note + "___jb_old___"))
	check("jetbrains", changesUntil(t, ch, mark()))

	// Emacs: lock file, backup, write in place.
	must(os.Symlink("user@host.1234", filepath.Join(filepath.Dir(note), ".#"+filepath.Base(note))))
	must(os.WriteFile(filepath.Join(filepath.Dir(note), "#"+filepath.Base(note)+"#"), []byte(text), 0o644))
	must(os.WriteFile(note, []byte(text+"\n\n"), 0o644))
	must(os.Remove(filepath.Join(filepath.Dir(note), ".#"+filepath.Base(note))))
	check("emacs", changesUntil(t, ch, mark()))

	// A plain write, and a save that replaces through a temporary file of
	// another folder (Sublime-like atomic save).
	other := t.TempDir()
	must(os.WriteFile(filepath.Join(other, "x.md"), []byte(text+"\n\n\n"), 0o644))
	must(os.Rename(filepath.Join(other, "x.md"), note))
	check("replace from elsewhere", changesUntil(t, ch, mark()))
}

// TestNotifierNewFolders watches folders that appear after the start,
// including notes written into them at once, before their watch begins.
func TestNotifierNewFolders(t *testing.T) {
	dir := smallSite(t)
	ch := startTestNotifier(t, dir)
	deep := filepath.Join(dir, "content", "2031", "05")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(deep, "a.md"), "first")
	changesUntil(t, ch, "content/2031/05/a.md")
	// The folder is watched now: a later note in it is seen.
	write(t, filepath.Join(deep, "b.md"), "second")
	changesUntil(t, ch, "content/2031/05/b.md")

	// A renamed folder is watched under its new name only.
	if err := os.Rename(filepath.Join(dir, "content", "2031"), filepath.Join(dir, "content", "2032")); err != nil {
		t.Fatal(err)
	}
	changesUntil(t, ch, "content/2032")
	write(t, filepath.Join(dir, "content", "2032", "05", "a.md"), "edited")
	for _, p := range changesUntil(t, ch, "content/2032/05/a.md") {
		if strings.HasPrefix(p, "content/2031/05/") {
			t.Errorf("after the rename, a change reported under the old name: %q", p)
		}
	}

	// templates/ and content/ may appear after the start too.
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "templates", "event.html"), "x")
	changesUntil(t, ch, "templates/event.html")
	write(t, filepath.Join(dir, "config.toml"), testConfig+"\n")
	changesUntil(t, ch, "config.toml")
	// Files beside config.toml are not the site.
	write(t, filepath.Join(dir, "README.md"), "x")
	write(t, filepath.Join(dir, "content", "2032", "notes.txt"), "x")
	write(t, filepath.Join(dir, "content", "end.md"), "x")
	for _, p := range changesUntil(t, ch, "content/end.md") {
		if p != "config.toml" { // the second event of its write above
			t.Errorf("reported %q", p)
		}
	}
}

func TestPoller(t *testing.T) {
	dir := smallSite(t)
	ch := make(chan string, 100)
	p := newPoller(dir, 10*time.Millisecond, ch)
	// Changes made before run are seen: the first look was in newPoller.
	write(t, filepath.Join(dir, "content", "new", "n.md"), "new")
	if err := os.Remove(filepath.Join(dir, notePath(0))); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	want := map[string]bool{"content/new/n.md": true, filepath.ToSlash(notePath(0)): true}
	timeout := time.After(time.Minute)
	for len(want) > 0 {
		select {
		case got := <-ch:
			if !want[got] {
				t.Errorf("reported %q", got)
			}
			delete(want, got)
		case <-timeout:
			t.Fatalf("not reported within a minute: %v", want)
		}
	}
	// A change of size or time is seen; a temporary file is not.
	write(t, filepath.Join(dir, "content", "new", "n.md~"), "backup")
	write(t, filepath.Join(dir, "content", "new", "n.md"), "changed")
	select {
	case got := <-ch:
		if got != "content/new/n.md" {
			t.Errorf("reported %q, want content/new/n.md", got)
		}
	case <-timeout:
		t.Fatal("the change was not reported within a minute")
	}
}

// TestWatchRebuilds runs the whole loop, with fsnotify and with polling:
// an edit shows; a burst of edits to several notes ends in one site that
// has them all.
func TestWatchRebuilds(t *testing.T) {
	for _, poll := range []bool{false, true} {
		name := "fsnotify"
		if poll {
			name = "poll"
		}
		t.Run(name, func(t *testing.T) {
			dir := smallSite(t)
			log := testLog(t)
			s := watching(t, Options{Dir: dir, Poll: poll, PollInterval: 20 * time.Millisecond, Log: log})
			if said := strings.Contains(log.String(), "watching for changes by polling"); said != poll {
				t.Errorf("the log says polling: %v; polling: %v", said, poll)
			}
			edit(t, dir, 1, "First edit")
			eventually(t, "the edit", bodyHas(s, eventURL(1), "<h1>First edit</h1>"))
			for i := range 5 {
				edit(t, dir, i, "Burst edit "+noteID(i))
			}
			for i := range 5 {
				eventually(t, "the burst", bodyHas(s, eventURL(i), "<h1>Burst edit "+noteID(i)+"</h1>"))
			}
			// A new note in a new folder, and a removed one.
			write(t, filepath.Join(dir, "content", "2040", "01", "2040-01-01-later.md"),
				strings.Replace(noteText(0, "A later note"), "date = 2000-01-01", "date = 2040-01-01", 1))
			if err := os.Remove(filepath.Join(dir, notePath(4))); err != nil {
				t.Fatal(err)
			}
			eventually(t, "the new note", bodyHas(s, "/chronology/events/2040-01-01-later/", "<h1>A later note</h1>"))
			eventually(t, "the removal", func() string {
				if w := get(s, "GET", eventURL(4)); w.Code != 404 {
					return "status " + w.Result().Status
				}
				return ""
			})
		})
	}
}

// TestSymlinkedContent watches a content/ that is a link to a folder kept
// elsewhere, as the engine reads through it.
func TestSymlinkedContent(t *testing.T) {
	dir := smallSite(t)
	elsewhere := filepath.Join(t.TempDir(), "notes")
	if err := os.Rename(filepath.Join(dir, "content"), elsewhere); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(dir, "content")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	for _, poll := range []bool{false, true} {
		var ch <-chan string
		if poll {
			c := make(chan string, 100)
			p := newPoller(dir, 10*time.Millisecond, c)
			if len(p.last) < 5 {
				t.Fatalf("polling sees %d files through the link", len(p.last))
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() { p.run(ctx); close(done) }()
			defer func() { cancel(); <-done }()
			ch = c
		} else {
			ch = startTestNotifier(t, dir)
		}
		write(t, filepath.Join(elsewhere, "2000", "01", noteID(1)+".md"), noteText(1, fmt.Sprint("Through the link ", poll)))
		changesUntil(t, ch, filepath.ToSlash(notePath(1)))
	}
}
