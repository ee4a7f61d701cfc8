package links

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Source is one source of a note: its address, its archived copy's, and
// where each is written.
type Source struct {
	Path         string // slash-separated, relative to the site
	URL          string
	URLLine      int
	Archived     string // "" when the note gives none
	ArchivedLine int
}

// URLs are the addresses to check for sources: each url and archived.
func URLs(sources []Source) []string {
	var urls []string
	for _, s := range sources {
		if s.URL != "" {
			urls = append(urls, s.URL)
		}
		if s.Archived != "" {
			urls = append(urls, s.Archived)
		}
	}
	return urls
}

// Finding is one line of the report.
type Finding struct {
	Path  string
	Line  int
	Error bool   // fails the run; otherwise a warning
	Kind  string // "gone", "unreachable", "refused", "covered", "moved", "blocked", "busy", "skipped"
	Msg   string
}

// Summary counts a run.
type Summary struct {
	Links  int            // distinct addresses
	Cached int            // of which taken from the cache
	Kinds  map[string]int // distinct addresses by kind of finding
	Errors int            // findings that fail the run
}

func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s checked", plural(s.Links, "link"))
	if s.Cached > 0 {
		fmt.Fprintf(&b, " (%d from the cache)", s.Cached)
	}
	var parts []string
	for _, k := range []struct{ kind, text string }{
		{"gone", "gone"}, {"unreachable", "not answering"}, {"refused", "refused"},
		{"covered", "covered by an archived copy"}, {"moved", "moved"}, {"blocked", "refusing robots"},
		{"busy", "busy"}, {"skipped", "not checked in time"},
	} {
		if n := s.Kinds[k.kind]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k.text))
		}
	}
	if len(parts) == 0 {
		b.WriteString(": all fine")
	} else {
		b.WriteString(": " + strings.Join(parts, ", "))
	}
	return b.String()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Report turns the results into findings, one per source and address that
// is not simply fine, sorted by file and line.
func Report(sources []Source, results map[string]*Result) ([]Finding, Summary) {
	var out []Finding
	sum := Summary{Links: len(results), Kinds: map[string]int{}}
	for _, r := range results {
		if r.Cached {
			sum.Cached++
		}
	}
	// The summary counts addresses, as its "N links checked" does; an
	// address cited by several notes has a finding in each.
	counted := map[[2]string]bool{}
	add := func(f Finding, url string) {
		out = append(out, f)
		if k := [2]string{f.Kind, url}; !counted[k] {
			counted[k] = true
			sum.Kinds[f.Kind]++
		}
		if f.Error {
			sum.Errors++
		}
	}
	for _, s := range sources {
		r := results[s.URL]
		var a *Result
		if s.Archived != "" {
			a = results[s.Archived]
		}
		if r != nil {
			if (r.Status == Gone || r.Status == Unreachable) && a != nil && a.Status.Fine() {
				add(Finding{Path: s.Path, Line: s.URLLine, Kind: "covered",
					Msg: fmt.Sprintf("%s %s; its archived copy answers: %s", s.URL, problem(r), s.Archived)}, s.URL)
			} else if f, ok := finding(r, "link", s.Archived == ""); ok {
				f.Path, f.Line = s.Path, s.URLLine
				add(f, s.URL)
			}
		}
		if a != nil {
			if f, ok := finding(a, "archived copy", false); ok {
				f.Path, f.Line = s.Path, s.ArchivedLine
				add(f, s.Archived)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Msg, b.Msg))
	})
	return out, sum
}

// problem says what is wrong with a gone or unreachable link.
func problem(r *Result) string {
	if r.Status == Gone {
		return "is gone (" + r.Detail + ")"
	}
	return "does not answer (" + r.Detail + ")"
}

// finding is the line for r, if it needs one. what is "link" or "archived
// copy"; hint asks for an archived copy where one would help.
func finding(r *Result, what string, hint bool) (Finding, bool) {
	archive := ""
	if hint {
		archive = `; if it is gone for good, add archived = "https://web.archive.org/web/..." (see docs/links.md)`
	}
	switch r.Status {
	case Gone:
		return Finding{Error: true, Kind: "gone", Msg: fmt.Sprintf("%s is gone: %s (%s)%s", what, r.URL, r.Detail, archive)}, true
	case Unreachable:
		return Finding{Error: true, Kind: "unreachable", Msg: fmt.Sprintf("%s does not answer: %s (%s)%s", what, r.URL, r.Detail, archive)}, true
	case Refused:
		return Finding{Error: true, Kind: "refused", Msg: fmt.Sprintf("%s not checked: %s (%s)", what, r.URL, r.Detail)}, true
	case Moved:
		return Finding{Kind: "moved", Msg: fmt.Sprintf("%s moved permanently: %s is now %s; consider the new address", what, r.URL, r.MovedTo)}, true
	case Blocked:
		return Finding{Kind: "blocked", Msg: fmt.Sprintf("%s answers %s: %s (the server may refuse robots: open it in a browser)", what, r.Detail, r.URL)}, true
	case Busy:
		return Finding{Kind: "busy", Msg: fmt.Sprintf("%s is busy: %s (%s after the retries; asked again next run)", what, r.URL, r.Detail)}, true
	case Skipped:
		return Finding{Kind: "skipped", Msg: fmt.Sprintf("%s not checked: %s (%s; -timeout gives a run more)", what, r.URL, r.Detail)}, true
	}
	return Finding{}, false
}
