package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testConfig is the config.toml of generated sites. Its baseURL has a path,
// as a GitHub Pages project site does.
const testConfig = `title = "Test chronology"
description = "A generated site for tests."
baseURL = "https://example.github.io/chronology/"
language = "en"
timezone = "UTC"
order = "newest"

[kinds.talks]
label = "Talks"
color = "#2f5fb3"

[kinds.strike]
label = "Strikes"
color = "#b3261e"

[kinds.statement]
label = "Statements"
color = "#4a5568"

[storylines.main]
title = "The main thread"
description = "Events that follow each other."
`

var (
	genPlaces = []string{"Kyiv", "Odesa", "Kharkiv", "Lviv", "Dnipro", "Zaporizhzhia", "Mykolaiv", "Sumy", "Poltava", "Chernihiv", "Kherson", "Rivne"}
	genActors = []string{"Ukraine", "Russia", "United States", "European Union", "United Kingdom", "Turkey", "France", "Germany"}
	genTags   = []string{"energy", "ports", "drones", "sanctions", "prisoners", "grain", "talks", "aid", "oil", "rail"}
	genKinds  = []string{"talks", "strike", "statement"}
)

// noteID is the id of generated note i: one note a day from 1 January 2000.
func noteID(i int) string {
	d := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
	return fmt.Sprintf("%s-event-%d", d.Format("2006-01-02"), i)
}

// notePath is the path of generated note i inside the site.
func notePath(i int) string {
	d := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
	return filepath.Join("content", d.Format("2006"), d.Format("01"), noteID(i)+".md")
}

// noteText is generated note i, with the given title.
func noteText(i int, title string) string {
	d := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\ndate = %s\nkind = %q\n", title, d.Format("2006-01-02"), genKinds[i%len(genKinds)])
	fmt.Fprintf(&b, "places = [%q, %q]\nactors = [%q]\ntags = [%q, %q]\n",
		genPlaces[i%len(genPlaces)], genPlaces[(i/3+1)%len(genPlaces)], genActors[i%len(genActors)],
		genTags[i%len(genTags)], genTags[(i/7+3)%len(genTags)])
	if i%5 == 0 {
		b.WriteString("storylines = [\"main\"]\n")
	}
	if i > 0 && i%4 == 0 {
		fmt.Fprintf(&b, "related = [%q]\n", noteID(i-1))
	}
	fmt.Fprintf(&b, "\n[[sources]]\nid = \"wire\"\ntitle = \"Report %d\"\npublisher = \"Wire %d\"\nurl = \"https://example.org/news/%d\"\npublished = %s\n",
		i, i%20, i, d.Format("2006-01-02"))
	fmt.Fprintf(&b, "\n[[sources]]\nid = \"paper\"\ntitle = \"Analysis %d\"\npublisher = \"Paper %d\"\nurl = \"https://example.com/a/%d\"\npublished = %s\n",
		i, i%7, i, d.Format("2006-01-02"))
	b.WriteString("+++\n\n")
	fmt.Fprintf(&b, "Officials said event %d took place in %s.[@wire] Further details came later.[@paper]\n\n", i, genPlaces[i%len(genPlaces)])
	b.WriteString("A second paragraph says more about what happened, with *emphasis* and a [link](https://example.net/more).[@wire; @paper]\n")
	return b.String()
}

// writeSite writes a site of n generated notes into dir.
func writeSite(tb testing.TB, dir string, n int) {
	tb.Helper()
	write(tb, filepath.Join(dir, "config.toml"), testConfig)
	for i := range n {
		write(tb, filepath.Join(dir, notePath(i)), noteText(i, fmt.Sprintf("Event number %d", i)))
	}
}

// write writes a file, making its folder.
func write(tb testing.TB, path, text string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
}
