package site

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/internal/work"
	"github.com/chronicle-tools/chronicle/slug"
)

func (s *Site) buildPublishers(diags *Diagnostics) {
	n := 0
	for _, e := range s.Events {
		n += len(e.Sources)
	}
	// Sized for the sources at the start, so that the two maps are not
	// rehashed as they grow.
	byName := map[string]*Publisher{}
	type pubURL struct {
		publisher, url string
		offline        [3]string // title, pages and reference, when url is ""
	}
	uses := make(map[pubURL]*SourceUse, n)
	// The uses, and the first event of each, in two arrays made at once
	// rather than an object each: fewer objects for the collector to trace.
	// There are at most n uses, so the array is never moved; a source that
	// more than one note cites gets its own list of events.
	useArray := make([]SourceUse, 0, n)
	firsts := make([]*Event, n)
	urlPublisher := make(map[string]string, n)
	for _, e := range s.Events {
		for _, src := range e.Sources {
			if src.Publisher == "" {
				continue
			}
			// A source without a url has no address to compare spellings by.
			if src.URL != "" {
				if other, ok := urlPublisher[src.URL]; ok && other != src.Publisher {
					*diags = append(*diags, Diagnostic{Path: e.Path, Line: e.line(fmt.Sprintf("sources.%d", src.idx)), Warning: true, Code: CodePublisherSpelling,
						Msg: fmt.Sprintf("source %q gives publisher %q, but the same URL is cited elsewhere as %q: spell the publisher one way", src.ID, src.Publisher, other)})
				} else {
					urlPublisher[src.URL] = src.Publisher
				}
			}
			p := byName[src.Publisher]
			if p == nil {
				p = &Publisher{Name: src.Publisher, Slug: slug.Make(src.Publisher)}
				byName[src.Publisher] = p
				s.Publishers = append(s.Publishers, p)
			}
			key := pubURL{publisher: src.Publisher, url: src.URL}
			if src.URL == "" {
				// Without a url, a source is what locates it: two notes
				// citing the same pages of one book share an entry.
				key.offline = [3]string{src.Title, src.Pages, src.Reference}
			}
			u := uses[key]
			if u == nil {
				k := len(useArray)
				useArray = append(useArray, SourceUse{Source: src, Events: firsts[k : k : k+1]})
				u = &useArray[k]
				uses[key] = u
				p.Sources = append(p.Sources, u)
			}
			// Events come in order, so e is already there only if last.
			if n := len(u.Events); n == 0 || u.Events[n-1] != e {
				u.Events = append(u.Events, e)
			}
		}
	}
	slices.SortFunc(s.Publishers, func(a, b *Publisher) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), strings.Compare(a.Name, b.Name))
	})
	// Publisher slugs name their pages, so they must be unique.
	seen := map[string]int{}
	for _, p := range s.Publishers {
		if p.Slug == "" {
			p.Slug = "publisher"
		}
		if n := seen[p.Slug]; n > 0 {
			seen[p.Slug]++
			p.Slug = fmt.Sprintf("%s-%d", p.Slug, n+1)
		} else {
			seen[p.Slug] = 1
		}
	}
	// The sorts are most of this index's time, and it is the longest part
	// of newSite: side by side, they leave no core idle waiting for it.
	work.Parallel(len(s.Publishers), func(_ *bytes.Buffer, i int) { sortSourceUses(s.Publishers[i].Sources) })
}

// sortSourceUses orders a publisher's sources by date, then URL; sources
// without a URL (which sort first among those of a date) by title, pages
// and reference.
func sortSourceUses(list []*SourceUse) {
	type key struct {
		published                    date.Key
		url, title, pages, reference string
	}
	sortByKey(list, func(u *SourceUse) key {
		k := key{published: u.Source.Published.Key(time.UTC), url: u.Source.URL}
		if k.url == "" {
			k.title, k.pages, k.reference = u.Source.Title, u.Source.Pages, u.Source.Reference
		}
		return k
	}, func(a, b key) int {
		return cmp.Or(a.published.Compare(b.published), strings.Compare(a.url, b.url),
			strings.Compare(a.title, b.title), strings.Compare(a.pages, b.pages), strings.Compare(a.reference, b.reference))
	})
}
