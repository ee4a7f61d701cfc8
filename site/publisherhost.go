package site

import (
	"fmt"
	"slices"
	"strings"
)

// Two publishers whose sources' URLs share a host are often one publisher
// spelled two ways ("ABC News" and "abcnews.go.com"), which config.toml's
// aliases join. Not always: some hosts carry many publishers' work, and a
// name that credits the agency whose story a site carries ("A News
// (Reuters)") differs on purpose from the site's own name. Those pairs
// are not reported.

// sharedHosts carry the work of many publishers under their own address:
// aggregators, archives, social networks, government portals and document
// hosts; and the names reserved for examples (RFC 2606), which say nothing
// of who published. A host is shared when it is one of these or a
// subdomain of one.
var sharedHosts = []string{
	"example.com", "example.org", "example.net", "example", "test", "invalid", "localhost",
	"msn.com", "yahoo.com", "news.google.com", "apple.news", "flipboard.com", "newsbreak.com", "ground.news",
	"archive.org", "archive.today", "archive.ph", "archive.is", "archive.md",
	"t.me", "telegram.me", "x.com", "twitter.com", "facebook.com", "instagram.com", "threads.net", "bsky.app",
	"truthsocial.com", "vk.com", "ok.ru", "youtube.com", "youtu.be", "rumble.com", "tiktok.com", "linkedin.com",
	"reddit.com", "medium.com", "substack.com",
	"gov.uk", "europa.eu",
	"documentcloud.org", "scribd.com", "docs.google.com", "drive.google.com", "dropbox.com", "github.com",
}

// maxHostNames is how many publishers (after credits) a host may carry
// before it is taken for a host of others' work, whose pairs would be
// noise: the spellings of one publisher come two or three at a time.
const maxHostNames = 4

func isSharedHost(host string) bool {
	for _, h := range sharedHosts {
		if host == h || len(host) > len(h) && strings.HasSuffix(host, h) && host[len(host)-len(h)-1] == '.' {
			return true
		}
	}
	return false
}

// urlHost is the lowercase host of an http(s) URL without a leading
// "www.", or "" for any other URL. It does not allocate for the usual,
// lowercase URL: it runs once for every source.
func urlHost(u string) string {
	var rest string
	switch {
	case strings.HasPrefix(u, "https://"):
		rest = u[8:]
	case strings.HasPrefix(u, "http://"):
		rest = u[7:]
	case len(u) > 8 && strings.EqualFold(u[:8], "https://"):
		rest = u[8:]
	case len(u) > 7 && strings.EqualFold(u[:7], "http://"):
		rest = u[7:]
	default:
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 && !strings.HasSuffix(rest, "]") {
		rest = rest[:i]
	}
	rest = strings.ToLower(strings.TrimSuffix(rest, "."))
	return strings.TrimPrefix(rest, "www.")
}

// creditBase is a publisher's name without the credit of another's story:
// "A News (Reuters)" and "MENAFN / Mint" are "A News" and "MENAFN".
func creditBase(name string) string {
	if strings.HasSuffix(name, ")") {
		if i := strings.LastIndex(name, " ("); i > 0 {
			name = name[:i]
		}
	}
	if i := strings.Index(name, " / "); i > 0 {
		name = name[:i]
	}
	return strings.TrimSpace(name)
}

// checkPublisherHosts warns, once for each pair, of two publishers whose
// sources have URLs on one host, as likely two spellings of one publisher,
// unless the host is shared or the names differ only by a credit. It reads
// the events' sources alone, in time order, so it runs beside the
// publishers' index: a note's sources and their URLs sit together in
// memory, where the index's are spread across all of it. The drafts left
// out of the build are read after them: an import's drafts, whose
// publishers are guessed, are where two spellings are likeliest.
func (s *Site) checkPublisherHosts(drafts []*Event, diags *Diagnostics) {
	// A publisher's sources on one host: how many, and the first cited.
	type onHost struct {
		name  string
		n     int
		e     *Event
		first *Source
	}
	byHost := map[string]*[]onHost{}
	for _, e := range slices.Concat(s.Events, drafts) {
	sources:
		for _, src := range e.Sources {
			h := urlHost(src.URL)
			if h == "" {
				continue
			}
			name := s.Config.Publisher(src.Publisher)
			list := byHost[h]
			if list == nil {
				list = &[]onHost{}
				byHost[h] = list
			}
			for i := range *list {
				if o := &(*list)[i]; o.name == name {
					o.n++
					continue sources
				}
			}
			// Past this many names, a host is not reported (see
			// maxHostNames): counting more would only take time.
			if len(*list) <= 4*maxHostNames {
				*list = append(*list, onHost{name: name, n: 1, e: e, first: src})
			}
		}
	}
	reported := map[[2]string]bool{}
	for _, h := range sortedKeys(byHost) {
		list := *byHost[h]
		if len(list) < 2 || isSharedHost(h) {
			continue
		}
		bases := map[string]bool{}
		for _, o := range list {
			bases[creditBase(o.name)] = true
		}
		if len(bases) < 2 || len(bases) > maxHostNames {
			continue
		}
		// The commoner first; of equally common ones, the first cited
		// (the list is in the order first cited).
		slices.SortStableFunc(list, func(a, b onHost) int { return b.n - a.n })
		for i, common := range list {
			for _, rare := range list[i+1:] {
				pair := [2]string{common.name, rare.name}
				if creditBase(common.name) == creditBase(rare.name) || reported[pair] {
					continue
				}
				reported[pair] = true
				d := Diagnostic{Path: rare.e.Path, Line: rare.e.line(fmt.Sprintf("sources.%d", rare.first.idx)), Warning: true, Code: CodePublisherHost,
					Msg: fmt.Sprintf("publishers %q (%s) and %q (%s) both have URLs on %s: if they are one publisher, add %q to the aliases of [publishers.%q] in config.toml",
						rare.name, count(rare.n, "source"), common.name, count(common.n, "source"), h, rare.name, common.name)}
				if rare.e.Draft && !slices.Contains(s.Events, rare.e) {
					d = draftProblem(d)
				}
				*diags = append(*diags, d)
			}
		}
	}
}
