package export

import (
	"bytes"
	"encoding/json"
	"html"
	"slices"
	"strings"
	"time"

	"github.com/chronicle-tools/chronicle/site"
)

// The shape of feed.json, a JSON Feed 1.1 (https://jsonfeed.org/version/1.1);
// docs/data.md describes what Chronicle puts in it.
type jsonFeed struct {
	Version     string           `json:"version"`
	Title       string           `json:"title"`
	HomePageURL string           `json:"home_page_url"`
	FeedURL     string           `json:"feed_url"`
	Description string           `json:"description,omitempty"`
	Language    string           `json:"language,omitempty"`
	Authors     []jsonFeedAuthor `json:"authors"`
	Items       []jsonFeedItem   `json:"items"`
}

type jsonFeedAuthor struct {
	Name string `json:"name"`
}

type jsonFeedItem struct {
	ID            string   `json:"id"`
	URL           string   `json:"url"`
	Title         string   `json:"title"`
	ContentHTML   string   `json:"content_html"`
	Summary       string   `json:"summary,omitempty"`
	DatePublished string   `json:"date_published"`
	DateModified  string   `json:"date_modified"`
	Tags          []string `json:"tags,omitempty"`
}

// jsonFeed is feed.json: the same events as the Atom feed, the most recently
// changed first, each with the time of its latest correction as
// date_modified.
func (s data) jsonFeed() []byte {
	c := s.Config
	f := jsonFeed{
		Version: "https://jsonfeed.org/version/1.1", Title: c.Title,
		HomePageURL: c.AbsURL(""), FeedURL: c.AbsURL("feed.json"),
		Description: c.Description, Language: c.Language,
		Authors: []jsonFeedAuthor{{Name: c.Title}},
		Items:   []jsonFeedItem{},
	}
	for _, e := range s.Latest(feedMax) {
		u := c.AbsURL("events/" + e.ID + "/")
		it := jsonFeedItem{
			ID: u, URL: u, Title: e.Title, ContentHTML: s.feedHTML(e), Summary: e.Summary,
			DatePublished: feedTime(e.Date.Start(c.Location)),
			DateModified:  e.Updated(c.Location).Format(time.RFC3339),
		}
		if k := c.Kind(e.Kind); k != nil {
			it.Tags = append(it.Tags, k.Label)
		}
		for _, t := range site.Dedupe(e.Tags) {
			if !slices.Contains(it.Tags, t) {
				it.Tags = append(it.Tags, t)
			}
		}
		f.Items = append(f.Items, it)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		panic(err) // plain data only
	}
	return b.Bytes()
}

// feedHTML is an event's body for feed readers, which show it away from its
// page: the content warning comes first, as on the page, and links within
// the page (citations to its source list, footnotes) point to the page.
func (s data) feedHTML(e *site.Event) string {
	page := html.EscapeString(s.Config.AbsURL("events/" + e.ID + "/"))
	body := strings.ReplaceAll(string(e.Body), `href="#`, `href="`+page+`#`)
	if e.ContentWarning != "" {
		body = "<p><strong>Content warning:</strong> " + html.EscapeString(e.ContentWarning) + "</p>\n" + body
	}
	return body
}
