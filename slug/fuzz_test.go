package slug

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzMake: a slug is idempotent (the slug of a slug is itself), stable (it
// depends on the letters and digits alone, not on the separators between
// them), and safe as one URL path segment.
func FuzzMake(f *testing.F) {
	for _, s := range []string{"Odesa region", "RFE/RL", "Київ", "ÉCOLE", "e\u0301cole", "\u0301a", "a -\u0301", "İstanbul", "ǅ", "ß", "ﬁ", "../..", "a/b\\c", "x\x00y", "Σ", "᾿", "", "---", "١٢٣", "\u200d", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		s := Make(name)
		if again := Make(s); again != s {
			t.Fatalf("Make(%q) = %q, but Make(%q) = %q", name, s, s, again)
		}
		if !utf8.ValidString(s) {
			t.Fatalf("Make(%q) = %q is not UTF-8", name, s)
		}
		if strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
			t.Fatalf("Make(%q) = %q has a stray hyphen", name, s)
		}
		for _, r := range s {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
				t.Fatalf("Make(%q) = %q holds %q", name, s, r)
			}
		}
		// Separators do not matter: any run of them is one hyphen.
		if alt := Make(strings.Map(func(r rune) rune {
			if r == '-' || r == ' ' || r == '/' || r == '_' {
				return '.'
			}
			return r
		}, name)); alt != s {
			t.Fatalf("Make(%q) = %q, but with other separators %q", name, s, alt)
		}
		// Empty exactly when the name has no letter or digit.
		has := strings.IndexFunc(name, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
		if has != (s != "") {
			t.Fatalf("Make(%q) = %q", name, s)
		}
	})
}
