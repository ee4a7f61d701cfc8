package site

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
)

// TestSuggest holds the advice for unknown words to what an author meant:
// synonyms first, the spelling only when a typo is the likely cause, and
// nothing rather than a word that points the wrong way. The first cases
// are the complaints of issue #19.
func TestSuggest(t *testing.T) {
	tests := []struct {
		word     string
		known    []string
		synonyms map[string]string
		want     string // "" for no suggestion
	}{
		// #19: "contested" got "confirmed", the opposite.
		{"contested", statuses, statusSynonyms, "disputed"},
		{"denied", statuses, statusSynonyms, "disputed"},
		{"refuted", statuses, statusSynonyms, "disputed"},
		{"Rejected", statuses, statusSynonyms, "disputed"},
		{"verified", statuses, statusSynonyms, "confirmed"},
		{"validated", statuses, statusSynonyms, "confirmed"},
		{"established", statuses, statusSynonyms, "confirmed"},
		{"true", statuses, statusSynonyms, "confirmed"},
		{"alleged", statuses, statusSynonyms, "claimed"},
		{"asserted", statuses, statusSynonyms, "claimed"},
		{"unconfirmed", statuses, statusSynonyms, "reported"},
		{"unverified", statuses, statusSynonyms, "reported"},
		// Typos still get the word they miss.
		{"confirmd", statuses, statusSynonyms, "confirmed"},
		{"Disputed", statuses, statusSynonyms, "disputed"},
		{"reportd", statuses, statusSynonyms, "reported"},
		// A word that is neither: nothing, not the least far status.
		{"probable", statuses, statusSynonyms, ""},
		{"contentious", statuses, statusSynonyms, ""},

		// #19: a source's tier got "did you mean title?". A rating is
		// the author's own field: it goes under extra.
		{"tier", sourceKeys, sourceKeySynonyms, "extra"},
		{"reliability", sourceKeys, sourceKeySynonyms, "extra"},
		{"credibility", sourceKeys, sourceKeySynonyms, "extra"},
		{"importance", noteKeys, noteKeySynonyms, "extra"},
		// Other tools' keys for ours.
		{"link", sourceKeys, sourceKeySynonyms, "url"},
		{"href", sourceKeys, sourceKeySynonyms, "url"},
		{"source_url", sourceKeys, sourceKeySynonyms, "url"},
		{"author", sourceKeys, sourceKeySynonyms, "publisher"},
		{"isbn", sourceKeys, sourceKeySynonyms, "reference"},
		{"page", sourceKeys, sourceKeySynonyms, "pages"},
		{"outlet", sourceKeys, sourceKeySynonyms, "publisher"},
		{"site", sourceKeys, sourceKeySynonyms, "publisher"},
		{"headline", sourceKeys, sourceKeySynonyms, "title"},
		{"date", sourceKeys, sourceKeySynonyms, "published"},
		{"language", sourceKeys, sourceKeySynonyms, "lang"},
		{"publsher", sourceKeys, sourceKeySynonyms, "publisher"},
		{"headline", noteKeys, noteKeySynonyms, "title"},
		{"start_date", noteKeys, noteKeySynonyms, "date"},
		{"end_date", noteKeys, noteKeySynonyms, "end"},
		{"categories", noteKeys, noteKeySynonyms, "tags"},
		{"location", noteKeys, noteKeySynonyms, "places"},
		{"knd", noteKeys, noteKeySynonyms, "kind"},
		{"titel", noteKeys, noteKeySynonyms, "title"}, // a transposition is one edit
		{"storyline", noteKeys, noteKeySynonyms, "storylines"},
		{"colour", kindKeys, kindKeySynonyms, "color"},
		// Too far from every key to be a typo of one.
		{"weather", noteKeys, noteKeySynonyms, ""},
		{"casualties", noteKeys, noteKeySynonyms, ""},
		// Kinds and storylines have no synonyms: the spelling decides.
		{"strikes", []string{"negotiation", "strike"}, nil, "strike"},
		{"blacksea", []string{"black-sea", "miami-talks"}, nil, "black-sea"},
		{"bombing", []string{"negotiation", "strike"}, nil, ""},
	}
	for _, tt := range tests {
		if got := suggest(tt.word, tt.known, tt.synonyms); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestSynonymsPointToKnownWords keeps the tables honest: every synonym
// names a word of its vocabulary, or "" for none, and is never itself one.
func TestSynonymsPointToKnownWords(t *testing.T) {
	for _, v := range []struct {
		name     string
		words    []string
		synonyms map[string]string
	}{
		{"status", statuses, statusSynonyms}, {"note key", noteKeys, noteKeySynonyms},
		{"source key", sourceKeys, sourceKeySynonyms}, {"update key", updateKeys, updateKeySynonyms},
		{"page key", pageKeys, pageKeySynonyms}, {"config key", configKeys, configSynonyms},
		{"kind key", kindKeys, kindKeySynonyms}, {"storyline key", storylineKeys, storylineKeySynonyms},
	} {
		for syn, w := range v.synonyms {
			if syn != strings.ToLower(syn) {
				t.Errorf("%s synonym %q: write it lowercase", v.name, syn)
			}
			if contains(v.words, syn) {
				t.Errorf("%s synonym %q is itself a %s", v.name, syn, v.name)
			}
			if w != "" && !contains(v.words, w) {
				t.Errorf("%s synonym %q names %q, which is not a %s", v.name, syn, w, v.name)
			}
		}
	}
}

// TestNearestID holds the advice for a related id that names no note: by
// the slug after the date, never by the date alone.
func TestNearestID(t *testing.T) {
	ids := []string{
		"2025-11-18-us-28-point-plan",
		"2025-11-20-driscoll-delivers-plan-kyiv",
		"2025-11-20-kyiv-strike",
		"2025-11-21-putin-plan-as-basis",
		"2025-12-02-kyiv-strike",
		"ceasefire-overview",
	}
	tests := []struct{ id, want string }{
		// #19: an unknown id got a note that only shares its date.
		{"2025-11-20-geneva-talks", ""},
		{"2025-11-20-kyiv-talks", ""},
		// A typo in the slug; the slug right and the date wrong.
		{"2025-11-18-us-28-points-plan", "2025-11-18-us-28-point-plan"},
		{"2025-11-12-putin-plan-as-basis", "2025-11-21-putin-plan-as-basis"},
		// Two notes with the slug: the one with the same date.
		{"2025-12-02-kyiv-strke", "2025-12-02-kyiv-strike"},
		{"2025-11-20-kyiv-strikes", "2025-11-20-kyiv-strike"},
		// Without a date; and a date alone, which names nothing.
		{"ceasefire-overveiw", "ceasefire-overview"},
		{"us-28-point-plan", "2025-11-18-us-28-point-plan"},
		{"2025-11-20", ""},
	}
	for _, tt := range tests {
		if got := nearestID(tt.id, ids); got != tt.want {
			t.Errorf("nearestID(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

// TestAdviceInMessages checks the advice where authors read it: in the
// messages of check, each with its line.
func TestAdviceInMessages(t *testing.T) {
	repl := func(old, new string) string {
		if !strings.Contains(testsite.Note, old) {
			panic("no " + old)
		}
		return strings.Replace(testsite.Note, old, new, 1)
	}
	tests := []struct {
		name      string
		files     map[string]string
		want, not string // a message, and what it must not say
	}{
		{"contested is disputed",
			map[string]string{"content/a.md": repl(`kind = "strike"`, "kind = \"strike\"\nstatus = \"contested\"\nclaimed_by = \"x\"")},
			`content/a.md:5: status "contested" is not known (did you mean "disputed"?): write one of confirmed, reported, claimed, disputed`, "confirmed\"?"},
		{"tier goes under sources.extra",
			map[string]string{"content/a.md": repl(`published = 2025-12-19`, "published = 2025-12-19\ntier = 1")},
			`content/a.md:13: unknown key "tier": put your own fields under [sources.extra], after the keys of its [[sources]] table; known keys are id, title, publisher`, "did you mean"},
		{"importance goes under extra",
			map[string]string{"content/a.md": repl(`kind = "strike"`, "kind = \"strike\"\nimportance = 3")},
			`content/a.md:5: unknown key "importance": put your own fields under [extra]; known keys are title`, "did you mean"},
		{"link is url",
			map[string]string{"content/a.md": repl(`url = "https://example.com/a"`, "url = \"https://example.com/a\"\nlink = \"https://example.com/b\"")},
			`content/a.md:12: unknown key "link" (did you mean "url"?)`, ""},
		{"a related id that shares only the date",
			map[string]string{"content/2025-12-19-port-strike.md": repl(`kind = "strike"`, "kind = \"strike\"\nrelated = [\"2025-12-19-geneva-talks\"]"),
				"content/2025-12-19-tanker-strike.md": testsite.Note},
			`content/2025-12-19-port-strike.md:5: related names "2025-12-19-geneva-talks", but no note has that id: ids are file names without .md`, "did you mean"},
		{"a related id with a typo in its slug",
			map[string]string{"content/2025-12-19-port-strike.md": repl(`kind = "strike"`, "kind = \"strike\"\nrelated = [\"2025-12-19-tanker-strik\"]"),
				"content/2025-12-19-tanker-strike.md": testsite.Note},
			`related names "2025-12-19-tanker-strik", but no note has that id (did you mean "2025-12-19-tanker-strike"?)`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diags := Check(testsite.FS(tt.files), Options{})
			got := diags.Error()
			if !strings.Contains(got, tt.want) {
				t.Errorf("want a problem containing\n  %s\ngot\n  %s", tt.want, strings.ReplaceAll(got, "\n", "\n  "))
			}
			if tt.not != "" && strings.Contains(got, tt.not) {
				t.Errorf("the advice must not say %q:\n  %s", tt.not, strings.ReplaceAll(got, "\n", "\n  "))
			}
		})
	}
}

// TestSpellingClash holds a name spelled several ways to one error for the
// group, at the first note that spells it otherwise than most, with each
// spelling's count and the commonest suggested. #19: one place spelled two
// ways printed one error per note (333 identical lines) and blamed the
// majority spelling, whichever came first in time.
func TestSpellingClash(t *testing.T) {
	withPlace := func(day int, place string) string {
		return strings.NewReplacer("2025-12-19", fmt.Sprintf("2025-12-%02d", day), `"Odesa region"`, fmt.Sprintf("%q", place)).Replace(testsite.Note)
	}
	tests := []struct {
		name  string
		files map[string]string
		want  string // the one error
	}{
		{"the rare spelling first in time",
			map[string]string{
				"content/a.md": withPlace(1, "Odesa Region"),
				"content/b.md": withPlace(2, "Odesa region"), "content/c.md": withPlace(3, "Odesa region"), "content/d.md": withPlace(4, "Odesa region"),
			},
			`content/a.md:5: places: "Odesa Region" (in this note) and "Odesa region" (in 3 notes, the first content/b.md) would share the page places/odesa-region/: spell them all "Odesa region", the commonest spelling`},
		{"the rare spelling later",
			map[string]string{
				"content/a.md": withPlace(1, "Odesa region"), "content/b.md": withPlace(2, "Odesa region"),
				"content/c.md": withPlace(3, "Odesa Region"), "content/d.md": withPlace(4, "Odesa Region"), "content/e.md": withPlace(5, "Odesa region"),
			},
			`content/c.md:5: places: "Odesa Region" (in 2 notes, the first this one) and "Odesa region" (in 3 notes, the first content/a.md) would share the page places/odesa-region/: spell them all "Odesa region", the commonest spelling`},
		{"three spellings",
			map[string]string{
				"content/a.md": withPlace(1, "odesa region"), "content/b.md": withPlace(2, "Odesa region"),
				"content/c.md": withPlace(3, "Odesa Region"), "content/d.md": withPlace(4, "Odesa region"),
			},
			`content/a.md:5: places: "odesa region" (in this note), "Odesa Region" (in 1 note, content/c.md) and "Odesa region" (in 2 notes, the first content/b.md) would share the page places/odesa-region/: spell them all "Odesa region", the commonest spelling`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diags := Check(testsite.FS(tt.files), Options{})
			if diags.Errors() != 1 || diags[0].String() != tt.want {
				t.Errorf("want the one error\n  %s\ngot\n  %s", tt.want, strings.ReplaceAll(diags.Error(), "\n", "\n  "))
			}
		})
	}

	// 333 notes one way and 2 the other: still one error.
	files := map[string]string{}
	for i := range 335 {
		place := "Odesa region"
		if i == 100 || i == 200 {
			place = "Odesa Region"
		}
		files[fmt.Sprintf("content/n%03d.md", i)] = withPlace(1+i%28, place)
	}
	diags := Check(testsite.FS(files), Options{})
	if diags.Errors() != 1 || !strings.Contains(diags[0].Msg, `"Odesa Region" (in 2 notes, the first this one) and "Odesa region" (in 333 notes,`) {
		t.Errorf("want one error for 333 and 2 spellings, got %d:\n%s", diags.Errors(), diags)
	}
}

// TestSummary counts warnings by kind for build's summary: the commonest
// first, drafts' problems together, the rest past the limit as "other".
// #19: 1,256 "no published date" warnings could not be grouped.
func TestSummary(t *testing.T) {
	var ds Diagnostics
	add := func(n int, d Diagnostic) {
		for range n {
			ds = append(ds, d)
		}
	}
	add(1256, Diagnostic{Warning: true, Code: CodeNoPublished})
	add(3, Diagnostic{Warning: true, Code: CodeUncited})
	add(1, Diagnostic{Warning: true, Code: CodeNoCitations})
	add(2, Diagnostic{Warning: true, Code: CodeUncited, Draft: true})
	add(1, Diagnostic{Warning: true, Code: "unheard-of"})
	for _, tt := range []struct {
		max  int
		want string
	}{
		{5, "1,256 sources without a published date|3 sources never cited|2 problems in drafts|1 body that cites no source|1 other problem"},
		{3, "1,256 sources without a published date|3 sources never cited|4 other problems"},
		{1, "1,263 other problems"},
	} {
		if got := strings.Join(ds.Summary(tt.max), "|"); got != tt.want {
			t.Errorf("Summary(%d) = %s, want %s", tt.max, got, tt.want)
		}
	}
}
