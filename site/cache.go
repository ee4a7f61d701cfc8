package site

import (
	"crypto/sha256"
	"sync"
)

// Cache keeps parsed notes by path and content, so that a rebuild re-parses
// only the files whose bytes changed. It is safe for concurrent use. A nil
// *Cache caches nothing.
type Cache struct {
	mu      sync.Mutex
	entries map[string]cacheEntry
}

type cacheEntry struct {
	sum   [sha256.Size]byte
	event *Event
	diags Diagnostics
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]cacheEntry{}} }

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

func (c *Cache) parse(path, id string, data []byte) (*Event, Diagnostics) {
	if c == nil {
		return parseNote(path, id, data)
	}
	sum := sha256.Sum256(data)
	c.mu.Lock()
	ent, ok := c.entries[path]
	c.mu.Unlock()
	if ok && ent.sum == sum {
		return ent.event, ent.diags
	}
	e, diags := parseNote(path, id, data)
	c.mu.Lock()
	c.entries[path] = cacheEntry{sum: sum, event: e, diags: diags}
	c.mu.Unlock()
	return e, diags
}
