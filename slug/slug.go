// Package slug turns names into the path segments of taxonomy pages.
package slug

import (
	"strings"
	"unicode"
)

// Make lowercases name, keeps letters and digits of any script (so Cyrillic
// names stay readable), and joins the runs between them with single hyphens.
// It is idempotent: Make(Make(s)) == Make(s). An empty result means the name
// has nothing to make a slug from.
func Make(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	pending := false
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) && b.Len() > 0 {
			if pending && b.Len() > 0 {
				b.WriteByte('-')
			}
			pending = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		pending = true
	}
	return b.String()
}
