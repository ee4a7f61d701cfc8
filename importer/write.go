package importer

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Report is what an import did, and what it had to guess or leave out.
type Report struct {
	Written, Unchanged, Kept int
	Drafts                   int
	written                  []string // paths of the notes written
	keptPaths                []string
	guesses                  tallies // by kind of guess, with example files
	skipped, config, notices tallies
	configAdded              string // the tables appended to config.toml
	configPaste              string // the tables to paste, when they could not be appended
}

// tallies counts problems by kind, keeping a few examples of each.
type tallies struct {
	order []string
	m     map[string]*tally
}

type tally struct {
	n        int
	examples []string
}

const maxExamples = 3

func (t *tallies) add(kind, example string) {
	if t.m == nil {
		t.m = map[string]*tally{}
	}
	x := t.m[kind]
	if x == nil {
		x = &tally{}
		t.m[kind] = x
		t.order = append(t.order, kind)
	}
	x.n++
	if len(x.examples) < maxExamples && example != "" {
		for _, e := range x.examples {
			if e == example {
				return
			}
		}
		x.examples = append(x.examples, example)
	}
}

func (r *reading) configGuess(kind, key string) { r.config.add(kind, key) }

// write writes config.toml's new tables, then each new note, each file
// whole or not at all, and never over a file.
func (p *plan) write() (*Report, error) {
	rep := &Report{skipped: p.r.skipped, config: p.r.config, notices: p.r.notices}
	if p.addTOML != "" {
		if err := p.appendConfig(); err != nil {
			rep.configPaste = p.addTOML
		} else {
			rep.configAdded = p.addTOML
		}
	}
	for _, it := range p.items {
		switch it.state {
		case unchanged:
			rep.Unchanged++
			continue
		case kept:
			rep.Kept++
			rep.keptPaths = append(rep.keptPaths, it.path+" (from "+it.n.from+")")
			continue
		}
		if err := writeNew(filepath.Join(p.dir, filepath.FromSlash(it.path)), it.text); err != nil {
			return rep, fmt.Errorf("%s: %v (%d notes were written before it; run the import again to finish: it skips them)", it.path, err, rep.Written)
		}
		rep.Written++
		rep.written = append(rep.written, it.path)
		if it.n.draft {
			rep.Drafts++
		}
		for _, g := range it.n.guesses {
			rep.guesses.add(g.kind+" ("+g.field+")", it.path)
		}
	}
	return rep, nil
}

// appendConfig adds the new tables at the end of config.toml, leaving
// every byte the user wrote as it was, and only when the result still
// reads as TOML with the new keys (an inline kinds = {...} cannot take a
// table after it, for one).
func (p *plan) appendConfig() error {
	path := filepath.Join(p.dir, "config.toml")
	text := string(p.cfg.text)
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	text += p.addTOML
	var probe map[string]any
	if _, err := toml.Decode(text, &probe); err != nil {
		return err
	}
	return replaceFile(path, []byte(text))
}

// writeNew writes a file that must not exist: through a temporary file
// linked into place, so that the note is there whole or not at all, and a
// file that appeared meanwhile is not replaced.
func writeNew(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := tempWith(filepath.Dir(path), data)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); errors.Is(err, fs.ErrExist) {
		return errors.New("appeared while importing: left as it is")
	} else if err != nil {
		return err
	}
	return nil
}

// replaceFile replaces path whole by rename.
func replaceFile(path string, data []byte) error {
	tmp, err := tempWith(filepath.Dir(path), data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

func tempWith(dir string, data []byte) (string, error) {
	// A name starting with . is not read by builds, should one be left.
	f, err := os.CreateTemp(dir, ".import-*.tmp")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// Print writes the one summary of an import.
func (rep *Report) Print(w io.Writer) {
	total := rep.Written + rep.Unchanged + rep.Kept
	fmt.Fprintf(w, "%d events: %d notes written (%d drafts), %d unchanged, %d kept as they were\n",
		total, rep.Written, rep.Drafts, rep.Unchanged, rep.Kept)
	if rep.Written == 0 && rep.Kept == 0 && rep.Unchanged > 0 && rep.configAdded == "" {
		fmt.Fprintln(w, "Nothing changed: every event was imported before.")
	}
	if rep.Drafts > 0 {
		fmt.Fprintln(w, "\nGuessed or left out, by field (such notes are drafts: check them, then remove draft = true):")
		rep.guesses.print(w)
	}
	if len(rep.skipped.order) > 0 {
		fmt.Fprintln(w, "\nNot imported:")
		rep.skipped.print(w)
	}
	if rep.Kept > 0 {
		fmt.Fprintln(w, "\nA note of the same event is there with other content; it was left as it is:")
		for i, p := range rep.keptPaths {
			if i == maxExamples {
				fmt.Fprintf(w, "  and %d more\n", len(rep.keptPaths)-i)
				break
			}
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	switch {
	case rep.configAdded != "":
		fmt.Fprintf(w, "\nAdded to the end of config.toml:\n%s", indent(rep.configAdded))
	case rep.configPaste != "":
		fmt.Fprintf(w, "\nconfig.toml could not take these tables at its end; paste them where they belong:\n%s", indent(rep.configPaste))
	}
	if len(rep.config.order) > 0 {
		fmt.Fprintln(w, "\nGuessed in config.toml:")
		rep.config.print(w)
	}
	if len(rep.notices.order) > 0 {
		fmt.Fprintln(w, "\nOf note:")
		rep.notices.print(w)
	}
}

func (t *tallies) print(w io.Writer) {
	keys := append([]string(nil), t.order...)
	sort.SliceStable(keys, func(i, j int) bool { return t.m[keys[i]].n > t.m[keys[j]].n })
	for _, k := range keys {
		x := t.m[k]
		fmt.Fprintf(w, "  %d × %s", x.n, k)
		if len(x.examples) > 0 {
			fmt.Fprintf(w, ": %s", strings.Join(x.examples, ", "))
			if x.n > len(x.examples) {
				fmt.Fprint(w, ", ...")
			}
		}
		fmt.Fprintln(w)
	}
}

func indent(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if l != "" {
			l = "  " + l
		}
		b.WriteString(l + "\n")
	}
	return b.String()
}
