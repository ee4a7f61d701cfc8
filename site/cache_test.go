package site

import (
	"regexp"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
)

func TestCacheForgetsDeletedNotes(t *testing.T) {
	fsys := testsite.FS(map[string]string{"content/a.md": testsite.Note, "content/b.md": testsite.Note})
	c := NewCache()
	if _, diags := Load(fsys, Options{Cache: c}); diags.Errors() > 0 {
		t.Fatal(diags)
	}
	delete(fsys, "content/b.md")
	if _, diags := Load(fsys, Options{Cache: c}); diags.Errors() > 0 {
		t.Fatal(diags)
	}
	if _, ok := c.entries["content/b.md"]; ok || len(c.entries) != 1 {
		t.Errorf("the cache still holds %d notes after one was deleted", len(c.entries))
	}
}

// TestValidID holds validID to the rule it replaced, the regular
// expression ^[A-Za-z0-9][A-Za-z0-9._-]*$.
func TestValidID(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	for _, id := range []string{"", "a", "2025-12-19-odesa", "A.b_c-d", ".hidden", "-x", "_x", "x y", "x/y", "kyïv", "x\n", "x.md.", "9", "a..b", "é"} {
		if got, want := validID(id), re.MatchString(id); got != want {
			t.Errorf("validID(%q) = %v, want %v", id, got, want)
		}
	}
}
