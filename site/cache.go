package site

import (
	"crypto/sha256"
	"slices"
	"strings"
	"sync"
)

// Cache keeps parsed notes by path and content, so that a rebuild re-parses
// only the files whose bytes changed. It is safe for concurrent use. A nil
// *Cache caches nothing.
type Cache struct {
	mu      sync.Mutex
	entries map[string]cacheEntry
	// watched: the owner calls Forget for every file that changes, so a
	// kept note is used without reading its file again.
	watched bool
}

type cacheEntry struct {
	sum   [sha256.Size]byte
	event *Event
	diags Diagnostics
}

// NewCache returns an empty cache, which reads every file again and
// re-parses those whose bytes changed.
func NewCache() *Cache { return &Cache{entries: map[string]cacheEntry{}} }

// NewWatchedCache returns an empty cache for an owner that is told of every
// change to the site's files, as chronicle serve is by its watcher, and
// calls Forget with each changed path. A note kept is then used without
// reading its file again: with thousands of notes, reading and hashing them
// is most of a rebuild.
func NewWatchedCache() *Cache {
	return &Cache{entries: map[string]cacheEntry{}, watched: true}
}

// Forget drops the notes at paths and under them (a path may name a folder
// that was renamed). The path "" forgets every note.
func (c *Cache) Forget(paths []string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range paths {
		if p == "" {
			clear(c.entries)
			return
		}
		delete(c.entries, p)
	}
	for name := range c.entries {
		for _, p := range paths {
			if strings.HasPrefix(name, p+"/") {
				delete(c.entries, name)
				break
			}
		}
	}
}

// known returns the note kept for path when the cache may use it without
// reading the file: a watched cache that has not been told it changed.
func (c *Cache) known(path string) (*Event, Diagnostics, bool) {
	if c == nil || !c.watched {
		return nil, nil, false
	}
	c.mu.Lock()
	ent, ok := c.entries[path]
	c.mu.Unlock()
	return ent.event, ent.diags, ok
}

// keep drops the notes whose paths are not in paths: deleted or renamed
// files would otherwise stay in a long-running server's memory.
func (c *Cache) keep(paths map[string]bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.entries {
		if !paths[p] {
			delete(c.entries, p)
		}
	}
}

func (c *Cache) parse(path, id, lang string, data []byte) (*Event, Diagnostics) {
	if c == nil {
		return parseTranslation(path, id, lang, data)
	}
	sum := sha256.Sum256(data)
	c.mu.Lock()
	ent, ok := c.entries[path]
	c.mu.Unlock()
	if ok && ent.sum == sum && (ent.event == nil || ent.event.ID == id && ent.event.Lang == lang) {
		return ent.event, ent.diags
	}
	e, diags := parseTranslation(path, id, lang, data)
	c.mu.Lock()
	c.entries[path] = cacheEntry{sum: sum, event: e, diags: diags}
	c.mu.Unlock()
	return e, diags
}

// copy is a cached note for one site: linking writes to the event, and its
// sources and updates get display values for the site, while the cached
// note may be shown by a site still being served.
func (e *Event) copy() *Event {
	c := *e
	c.RelatedEvents, c.Backlinks, c.Prev, c.Next = nil, nil, nil, nil
	c.Sources = make([]*Source, len(e.Sources))
	for i, src := range e.Sources {
		cp := *src
		c.Sources[i] = &cp
	}
	c.Updates = slices.Clone(e.Updates)
	return &c
}
