package site

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/chronicle-tools/chronicle/frontmatter"
)

// The checks of this file hold the shipped chronology to the rules of
// docs/format.md and content/pages/methodology.md that a machine can check:
// sentences in the notes' own words, not the reference pack's; a disputed
// event that names who denies it and cites a source; one spelling of each
// name.

// packPath is the reference pack the notes were written from, relative to
// the repository root. It is not part of the repository; CI has it.
const packPath = "../shared/reference/source-pack.toml"

// overlapWords is the length of the shared run of words that makes a
// sentence of a note a copy of a pack summary.
const overlapWords = 8

type packEvent struct {
	Date      any    `toml:"date"`
	Summary   string `toml:"summary"`
	Status    string `toml:"status"`
	ClaimedBy string `toml:"claimed_by"`
	Sources   []struct {
		URL string `toml:"url"`
	} `toml:"sources"`
}

// packDate is the date of a pack event, as written.
func packDate(ev packEvent) string {
	if d, ok := ev.Date.(interface{ Format(string) string }); ok {
		return d.Format("2006-01-02")
	}
	return fmt.Sprint(ev.Date)
}

// readPack reads the pack's events, or skips the test when the pack is not
// beside the repository.
func readPack(t *testing.T) []packEvent {
	t.Helper()
	file := path.Join("..", packPath)
	raw, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		t.Skipf("reference pack %s not found (it sits beside the repository in CI): skipping the check against it", file)
	}
	if err != nil {
		t.Fatal(err)
	}
	var pack struct {
		Event []packEvent `toml:"event"`
	}
	if err := toml.Unmarshal(raw, &pack); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if len(pack.Event) == 0 {
		t.Fatalf("%s: no events", file)
	}
	return pack.Event
}

// words is s in lower case, split into runs of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// shipped is one note of content/, as the project's reader parses it, with
// the raw file for the lines of the body.
type shipped struct {
	e        *Event
	raw      string
	body     string
	bodyLine int
}

// translationRE matches the path of a translation, content/x.uk.md, and
// gives the original's path without .md.
var translationRE = regexp.MustCompile(`^(.*)\.[a-z]{2,3}\.md$`)

func readShipped(t *testing.T) []shipped {
	t.Helper()
	fsys := os.DirFS("..")
	var notes []shipped
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p == "content/pages" {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".md") {
			return nil
		}
		// A translation (x.uk.md) is held to its original by check's drift
		// rules; these tests read the English wording against the pack.
		if m := translationRE.FindStringSubmatch(p); m != nil {
			if _, err := fs.Stat(fsys, m[1]+".md"); err == nil {
				return nil
			}
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		e, diags := parseNote(p, strings.TrimSuffix(path.Base(p), ".md"), data)
		if e == nil {
			t.Errorf("%s: %v", p, diags)
			return nil
		}
		_, body, bodyLine, problem := frontmatter.Split(data)
		if problem != nil {
			return fmt.Errorf("%v", diagnostic(p, *problem))
		}
		raw := strings.ReplaceAll(string(data), "\r\n", "\n") // as Split reads it
		notes = append(notes, shipped{e: e, raw: raw, body: string(body), bodyLine: bodyLine})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) == 0 {
		t.Fatal("no notes under content/")
	}
	return notes
}

// lineOf is the line of the file on which s first occurs, or def.
func lineOf(raw, s string, def int) int {
	if len(s) > 40 {
		s = s[:40]
	}
	if i := strings.Index(raw, s); i >= 0 && s != "" {
		return strings.Count(raw[:i], "\n") + 1
	}
	return def
}

var (
	// Text in quotation marks, straight or curly: quotes are exact by design.
	quotedRE = regexp.MustCompile(`"[^"]*"|“[^”]*”`)
	// Citations, and the targets of links and images.
	citeRE = regexp.MustCompile(`\[@[^\]]*\]|\]\([^)]*\)`)
	// The end of a sentence: . ! or ?, then any masked citation or quote,
	// before a space or the end; or a paragraph break.
	sentenceEndRE = regexp.MustCompile(`[.!?]\x00*(\s|$)|\n\s*\n`)
)

// sentence is a sentence of a note's text, the file line it starts on, and
// its runs of words outside quotations and citations.
type sentence struct {
	text string
	line int
	runs [][]string
}

// mask is s with its quotations and citations overwritten by NUL bytes,
// byte for byte, line breaks kept: the offsets of s hold in the result.
func mask(s string) string {
	b := []byte(s)
	for _, re := range []*regexp.Regexp{citeRE, quotedRE} {
		for _, m := range re.FindAllStringIndex(string(b), -1) {
			for i := m[0]; i < m[1]; i++ {
				if b[i] != '\n' {
					b[i] = 0
				}
			}
		}
	}
	return string(b)
}

// sentences splits text, which starts on line first of the file, into
// sentences. A quotation is never split, and a run of words never spans
// one.
func sentences(text string, first int) []sentence {
	masked := mask(text)
	var list []sentence
	start := 0
	add := func(end int) {
		s := text[start:end]
		lead := len(s) - len(strings.TrimLeft(s, " \t\n"))
		if strings.TrimSpace(s) != "" {
			list = append(list, sentence{
				text: strings.Join(strings.Fields(s), " "),
				line: first + strings.Count(text[:start+lead], "\n"),
				runs: segments(masked[start:end]),
			})
		}
		start = end
	}
	for _, m := range sentenceEndRE.FindAllStringIndex(masked, -1) {
		add(m[1])
	}
	add(len(text))
	return list
}

// segments is the words of a masked text, in runs split at the masks.
func segments(masked string) [][]string {
	var runs [][]string
	for _, part := range strings.Split(masked, "\x00") {
		if w := words(part); len(w) > 0 {
			runs = append(runs, w)
		}
	}
	return runs
}

// TestNotesInOwnWords fails for each sentence of a note's title, summary,
// body or update notes that shares a run of eight or more words with a
// summary of the reference pack. Text in quotation marks is left out:
// quotes are the sources' words, reproduced exactly.
func TestNotesInOwnWords(t *testing.T) {
	pack := readPack(t)
	grams := map[string]int{} // a run of overlapWords words -> the pack event
	for i, ev := range pack {
		for _, run := range segments(mask(ev.Summary)) {
			for j := 0; j+overlapWords <= len(run); j++ {
				grams[strings.Join(run[j:j+overlapWords], " ")] = i
			}
		}
	}
	overlaps := 0
	for _, n := range readShipped(t) {
		e := n.e
		type field struct {
			name string
			list []sentence
		}
		fields := []field{
			{"title", sentences(e.Title, e.line("title"))},
			{"summary", sentences(e.Summary, e.line("summary"))},
		}
		for _, u := range e.Updates {
			fields = append(fields, field{"update note", sentences(u.Note, lineOf(n.raw, u.Note, e.line("updates")))})
		}
		fields = append(fields, field{"body", sentences(n.body, n.bodyLine)})
		for _, f := range fields {
			for _, s := range f.list {
			runs:
				for _, run := range s.runs {
					for j := 0; j+overlapWords <= len(run); j++ {
						g := strings.Join(run[j:j+overlapWords], " ")
						if i, ok := grams[g]; ok {
							overlaps++
							t.Errorf("%s:%d: %s sentence shares %q with the pack's summary of %s: write it in the note's own words\n\t%s",
								e.Path, s.line, f.name, g, packDate(pack[i]), s.text)
							break runs
						}
					}
				}
			}
		}
	}
	if overlaps > 0 {
		t.Logf("%d sentences share a run of %d words with the pack's summaries", overlaps, overlapWords)
	}
}

// denierRE finds, in claimed_by, the words that name who denies a disputed
// event.
var denierRE = regexp.MustCompile(`(?i)\b(denied by|disputed by|contested by|rejected by|denies|deny|disputes|dispute|contests|contest|rejects|reject)\b`)

// TestStatusesFollowThePack matches each note to the pack event whose
// sources it shares most, and fails where the note's status differs from
// the pack's. The one difference allowed is a claim that the note, citing
// the other side's denial, marks disputed (see TestDisputedNamesBothSides).
func TestStatusesFollowThePack(t *testing.T) {
	pack := readPack(t)
	for _, n := range readShipped(t) {
		e := n.e
		urls := map[string]bool{}
		for _, src := range e.Sources {
			urls[src.URL] = true
		}
		best, shared := -1, 0
		for i, ev := range pack {
			k := 0
			for _, src := range ev.Sources {
				if urls[src.URL] {
					k++
				}
			}
			if k > shared || k == shared && k > 0 && packDate(ev) == e.Date.String() {
				best, shared = i, k
			}
		}
		if best < 0 {
			t.Errorf("%s: no event of the pack shares a source with this note", e.Path)
			continue
		}
		status := e.Status
		if status == "" {
			status = "reported"
		}
		want := pack[best].Status
		if status != want && !(status == "disputed" && want == "claimed") {
			t.Errorf("%s:%d: status %q, but the pack has %q for the event of %s: use the pack's status unless a cited source reports the other side's denial",
				e.Path, e.line("status"), status, want, packDate(pack[best]))
		}
	}
}

// notDenier is the words of claimed_by that do not, alone, name who denies.
var notDenier = map[string]bool{"russia": true, "russian": true, "ukraine": true, "ukrainian": true,
	"kyiv": true, "moscow": true, "forces": true, "military": true, "officials": true, "official": true,
	"group": true, "said": true, "that": true, "with": true, "from": true, "their": true}

// TestDisputedNamesBothSides holds a disputed event to the methodology: its
// claimed_by names both who makes the claim and who denies it ("X; denied
// by Y"), and a sentence of the body that carries a citation names the
// denier, so that the denial rests on a source. Whether the cited source
// really reports the denial is for the reviewer.
func TestDisputedNamesBothSides(t *testing.T) {
	for _, n := range readShipped(t) {
		e := n.e
		if e.Status != "disputed" {
			continue
		}
		line := e.line("claimed_by")
		m := denierRE.FindStringIndex(e.ClaimedBy)
		switch {
		case e.ClaimedBy == "":
			t.Errorf("%s:%d: disputed without claimed_by", e.Path, e.line("status"))
			continue
		case m == nil:
			t.Errorf("%s:%d: disputed, but claimed_by %q does not say who denies the claim (\"X; denied by Y\"); if no cited source reports a denial, the status is claimed", e.Path, line, e.ClaimedBy)
			continue
		case strings.TrimSpace(e.ClaimedBy[:m[0]]) == "" || strings.TrimSpace(e.ClaimedBy[m[1]:]) == "":
			t.Errorf("%s:%d: claimed_by %q should name both the claimant and the denier", e.Path, line, e.ClaimedBy)
			continue
		}
		var names []string
		for _, w := range words(e.ClaimedBy[m[1]:]) {
			if len(w) > 3 && !notDenier[w] {
				names = append(names, w)
			}
		}
		found := false
		for _, s := range sentences(n.body, n.bodyLine) {
			if !strings.Contains(s.text, "[@") {
				continue
			}
			have := map[string]bool{}
			for _, w := range words(s.text) {
				have[w] = true
			}
			for _, w := range names {
				found = found || have[w]
			}
		}
		if !found {
			t.Errorf("%s:%d: disputed, but no cited sentence of the body names the denier (%q): cite the source that reports the denial", e.Path, line, strings.TrimSpace(e.ClaimedBy[m[1]:]))
		}
	}
}

// variantSpellings are spellings of names that the notes do not use: the
// chronology follows the Ukrainian Government's transliteration of
// Ukrainian names (Oleh, Oleksii, Andrii, Serhii, Yurii), and keeps the
// established English form Zelensky. The list is the variants found in the
// notes and the reference pack.
var variantSpellings = []string{
	"Oleg Kiper",
	"Oleksiy",
	"Andriy",
	"Serhiy",
	"Sergiy",
	"Yuriy",
	"Zelenskyy",
	"Zelenskiy",
}

// blankQuotes is s with the text in quotation marks made blank, its line
// breaks kept.
func blankQuotes(s string) string {
	return quotedRE.ReplaceAllStringFunc(s, func(q string) string {
		return strings.Map(func(r rune) rune {
			if r == '\n' {
				return r
			}
			return ' '
		}, q)
	})
}

// TestNameSpellings fails for a variant spelling of a name in a note or a
// page. Quotations, and the titles and publishers of sources, are left as
// published.
func TestNameSpellings(t *testing.T) {
	fsys := os.DirFS("..")
	variants := make([]*regexp.Regexp, len(variantSpellings))
	for i, v := range variantSpellings {
		variants[i] = regexp.MustCompile(`\b` + regexp.QuoteMeta(v) + `\b`)
	}
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		_, body, bodyLine, problem := frontmatter.Split(data)
		if problem != nil {
			return fmt.Errorf("%v", diagnostic(p, *problem))
		}
		text := strings.ReplaceAll(string(data), "\r\n", "\n") // as Split reads it
		lines := strings.Split(text, "\n")
		inSource := false
		for i, l := range lines {
			if i+1 >= bodyLine {
				break
			}
			switch key := strings.TrimSpace(strings.SplitN(l, "=", 2)[0]); {
			case strings.HasPrefix(key, "[["):
				inSource = key == "[[sources]]"
				continue
			case key == "publisher" || key == "quote" || key == "url" || key == "archived",
				key == "title" && inSource:
				continue
			}
			for j, re := range variants {
				if re.MatchString(l) {
					t.Errorf("%s:%d: %q: spell the name as the rest of the chronology does (the Ukrainian Government's transliteration)", p, i+1, variantSpellings[j])
				}
			}
		}
		for i, l := range strings.Split(blankQuotes(string(body)), "\n") {
			for j, re := range variants {
				if re.MatchString(l) {
					t.Errorf("%s:%d: %q: spell the name as the rest of the chronology does (the Ukrainian Government's transliteration)", p, bodyLine+i, variantSpellings[j])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
