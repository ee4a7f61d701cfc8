// Package corpus writes synthetic but realistic chronologies for benchmarks
// and load tests: N valid notes in Chronicle's format, the same for the same
// N and seed.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing/fstest"
	"time"
)

// Config is the config.toml every generated site uses.
const Config = `title = "Generated chronology"
description = "A synthetic chronology for benchmarks."
baseURL = "https://example.org/bench/"
timezone = "Europe/Kyiv"

[kinds.negotiation]
label = "Negotiations"
color = "#2f5fb3"
[kinds.strike]
label = "Strikes"
color = "#b3261e"
[kinds.diplomacy]
label = "Diplomacy"
color = "#6a4c93"
[kinds.aid]
label = "Aid"
color = "#1e7a46"
[kinds.battlefield]
label = "Battlefield"
color = "#8a5a00"
[kinds.statement]
label = "Statements"
color = "#4a5568"

[storylines.talks]
title = "Rounds of talks"
[storylines.ports]
title = "Ports and the sea"
[storylines.energy]
title = "Energy"
[storylines.front]
title = "The front line"
`

var (
	kinds      = []string{"negotiation", "strike", "diplomacy", "aid", "battlefield", "statement"}
	storylines = []string{"talks", "ports", "energy", "front"}
	places     = []string{"Kyiv", "Odesa", "Odesa region", "Kharkiv", "Dnipro", "Lviv", "Zaporizhzhia", "Miami", "Geneva", "Abu Dhabi", "Moscow", "Berlin", "Black Sea", "Novorossiysk", "Pokrovsk", "Kupiansk", "Sumy", "Poltava", "Mykolaiv", "Kherson"}
	actors     = []string{"Russia", "Ukraine", "United States", "European Union", "Turkey", "Volodymyr Zelensky", "Vladimir Putin", "Donald Trump", "Steve Witkoff", "Kirill Dmitriev", "Rustem Umerov", "Marco Rubio", "SBU", "Ukrainian General Staff"}
	tags       = []string{"ports", "energy", "oil", "tankers", "drones", "missiles", "civilians", "casualties", "peace-plan", "territory", "sanctions", "railways", "infrastructure", "ceasefire"}
	publishers = []string{"Reuters", "Associated Press", "AFP", "BBC", "Kyiv Independent", "Ukrainska Pravda", "Meduza", "TASS", "Al Jazeera", "The Guardian", "Politico", "Bloomberg"}
	words      = strings.Fields(`the talks delegation said officials reported strike drones missiles port energy grid city region governor ministry overnight
	according statement agreed proposal security guarantees ceasefire territory withdrawal negotiators meeting round draft plan points
	damage infrastructure injured killed residents emergency services power heating water railway bridge tanker terminal oil exports
	claimed denied confirmed disputed figures sources later revised toll spokesman envoy president adviser summit leaders support`)
)

// Notes returns n notes as file path -> content, spread over several years.
func Notes(n int, seed uint64) map[string]string {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	start := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	days := 4 * 365
	out := make(map[string]string, n)
	for i := range n {
		d := start.AddDate(0, 0, r.IntN(days))
		id := fmt.Sprintf("%s-event-%06d", d.Format("2006-01-02"), i)
		path := fmt.Sprintf("content/%s/%s.md", d.Format("2006/01"), id)
		out[path] = note(r, i, n, d)
	}
	return out
}

func pick(r *rand.Rand, list []string, k int) []string {
	seen := map[int]bool{}
	var out []string
	for len(out) < k {
		j := r.IntN(len(list))
		if !seen[j] {
			seen[j] = true
			out = append(out, list[j])
		}
	}
	return out
}

func quoted(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func sentence(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = words[r.IntN(len(words))]
	}
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ")
}

func note(r *rand.Rand, i, n int, d time.Time) string {
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %q\n", fmt.Sprintf("Event %d: %s", i, sentence(r, 6)))
	switch x := r.IntN(20); {
	case x == 0:
		fmt.Fprintf(&b, "date = %q\n", d.Format("2006-01"))
	case x == 1:
		fmt.Fprintf(&b, "date = %s\nend = %s\n", d.Format("2006-01-02"), d.AddDate(0, 0, 1+r.IntN(3)).Format("2006-01-02"))
	case x == 2:
		fmt.Fprintf(&b, "date = %sT%02d:%02d:00+02:00\n", d.Format("2006-01-02"), r.IntN(24), r.IntN(60))
	default:
		fmt.Fprintf(&b, "date = %s\n", d.Format("2006-01-02"))
	}
	fmt.Fprintf(&b, "kind = %q\n", kinds[r.IntN(len(kinds))])
	fmt.Fprintf(&b, "places = %s\n", quoted(pick(r, places, 1+r.IntN(2))))
	fmt.Fprintf(&b, "actors = %s\n", quoted(pick(r, actors, 1+r.IntN(3))))
	fmt.Fprintf(&b, "tags = %s\n", quoted(pick(r, tags, 1+r.IntN(3))))
	switch r.IntN(4) {
	case 0:
		b.WriteString("status = \"confirmed\"\n")
	case 1:
		b.WriteString("status = \"claimed\"\nclaimed_by = \"Russia's defence ministry\"\n")
	case 2:
		b.WriteString("status = \"disputed\"\nclaimed_by = \"Ukraine's General Staff; denied by Russia\"\n")
	}
	fmt.Fprintf(&b, "storylines = %s\n", quoted(pick(r, storylines, 1+r.IntN(2))))
	nsrc := 2 + r.IntN(3)
	for s := range nsrc {
		pub := publishers[r.IntN(len(publishers))]
		fmt.Fprintf(&b, "\n[[sources]]\nid = \"s%d\"\ntitle = %q\npublisher = %q\nurl = \"https://example.com/%d/%d\"\npublished = %s\n",
			s+1, sentence(r, 7), pub, i, s, d.AddDate(0, 0, r.IntN(3)).Format("2006-01-02"))
		if r.IntN(5) == 0 {
			b.WriteString("published_estimated = true\n")
		}
		if r.IntN(4) == 0 {
			fmt.Fprintf(&b, "quote = %q\n", sentence(r, 8))
		}
	}
	if r.IntN(10) == 0 {
		fmt.Fprintf(&b, "\n[[updates]]\ndate = %s\nnote = %q\n", d.AddDate(0, 0, 2).Format("2006-01-02"), sentence(r, 10))
	}
	b.WriteString("+++\n\n")
	// 150-300 words in 3-5 paragraphs, every source cited.
	paras := 3 + r.IntN(3)
	words := 150 + r.IntN(151)
	for p := range paras {
		for range max(1, words/paras/15) {
			b.WriteString(sentence(r, 12+r.IntN(6)))
			if r.IntN(3) == 0 {
				b.WriteString(" **" + word(r) + "**")
			}
			fmt.Fprintf(&b, ".[@s%d] ", 1+r.IntN(nsrc))
		}
		if p == 0 {
			for s := range nsrc {
				fmt.Fprintf(&b, "Sources agree.[@s%d] ", s+1)
			}
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

func word(r *rand.Rand) string { return words[r.IntN(len(words))] }

// FS returns a whole site of n notes, ready for build.Build.
func FS(n int, seed uint64) fstest.MapFS {
	fsys := fstest.MapFS{"config.toml": {Data: []byte(Config)}}
	for p, text := range Notes(n, seed) {
		fsys[p] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}
