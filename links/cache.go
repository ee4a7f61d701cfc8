package links

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// CacheFile is the cache's name in the site's folder.
const CacheFile = ".chronicle-links.json"

// cacheVersion is the format of the file; a file of another version is
// ignored (and replaced), never misread.
const cacheVersion = 1

// Cache holds the links found fine by earlier runs, with when. It holds
// nothing but public addresses and what they answered, so it is safe to
// commit or to keep in the Actions cache. A nil *Cache is an empty cache
// that keeps nothing.
type Cache struct {
	mu      sync.Mutex
	entries map[string]cacheEntry
}

type cacheEntry struct {
	Checked time.Time `json:"checked"`
	Status  string    `json:"status"` // "ok" or "moved"
	Code    int       `json:"code"`
	MovedTo string    `json:"moved_to,omitempty"`
}

type cacheDoc struct {
	Version int                   `json:"version"`
	Note    string                `json:"note"`
	Links   map[string]cacheEntry `json:"links"` // encoding/json sorts the keys
}

const cacheNote = "chronicle links: links found fine, with when; a link is asked again once its entry is older than -max-age. Safe to delete."

// NewCache is an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]cacheEntry{}} }

// LoadCache reads the cache at path. A missing file is an empty cache; so
// is a file of another version. A file that cannot be read or parsed is an
// error: the caller may go on with an empty cache.
func LoadCache(path string) (*Cache, error) {
	c := NewCache()
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	var doc cacheDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return c, fmt.Errorf("%s: %v", path, err)
	}
	if doc.Version != cacheVersion {
		return c, nil
	}
	for u, e := range doc.Links {
		if e.Status == OK.String() || e.Status == Moved.String() {
			c.entries[u] = e
		}
	}
	return c, nil
}

// Save writes the cache to path atomically: a temporary file beside it,
// renamed over it, so that a reader or an interrupted run never sees half
// a file.
func (c *Cache) Save(path string) error {
	c.mu.Lock()
	doc := cacheDoc{Version: cacheVersion, Note: cacheNote, Links: c.entries}
	data, err := json.MarshalIndent(doc, "", "  ")
	c.mu.Unlock()
	if err != nil {
		return err
	}
	data = append(data, '\n')
	f, err := os.CreateTemp(filepath.Dir(path), ".chronicle-links-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// Len is the number of links the cache holds.
func (c *Cache) Len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// lookup is u's cached result if it is younger than maxAge at now. An
// entry from the future (a wrong clock, or an edited file) is not trusted.
func (c *Cache) lookup(u string, now time.Time, maxAge time.Duration) *Result {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	e, ok := c.entries[u]
	c.mu.Unlock()
	if !ok || e.Checked.After(now) || now.Sub(e.Checked) >= maxAge {
		return nil
	}
	r := &Result{URL: u, Status: OK, Code: e.Code, Final: u, Checked: e.Checked, Cached: true}
	if e.Status == Moved.String() && e.MovedTo != "" {
		r.Status, r.MovedTo, r.Final = Moved, e.MovedTo, e.MovedTo
	}
	return r
}

func (c *Cache) store(r *Result) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.entries[r.URL] = cacheEntry{Checked: r.Checked, Status: r.Status.String(), Code: r.Code, MovedTo: r.MovedTo}
	c.mu.Unlock()
}

func (c *Cache) forget(u string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	delete(c.entries, u)
	c.mu.Unlock()
}

// keep drops the entries of links no longer in the site: the file follows
// the site.
func (c *Cache) keep(urls []string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for u := range c.entries {
		if _, found := slices.BinarySearch(urls, u); !found {
			delete(c.entries, u)
		}
	}
}
