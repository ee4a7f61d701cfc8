package serve

import "testing"

func TestIsTemp(t *testing.T) {
	for _, name := range []string{
		".x.md.swp", ".x.md.swx", "x.md.swp", "x.md.swo", // Vim
		"4913", "5036", // Vim's write test
		"x.md~", "x.md.~1~", // backups
		".#x.md", "#x.md#", // Emacs
		"x.md___jb_tmp___", "x.md___jb_old___", // JetBrains
		".x.md.kate-swp", ".goutputstream-ABC123", ".DS_Store",
		"x.md.tmp", "x.md.crswap", "",
	} {
		if !isTemp(name) {
			t.Errorf("isTemp(%q) = false, want true", name)
		}
	}
	for _, name := range []string{"x.md", "2025-12-19-port-strike.md", "event.html", "style.css", "about.md", "2025.md"} {
		if isTemp(name) {
			t.Errorf("isTemp(%q) = true, want false", name)
		}
	}
}

func TestRelevant(t *testing.T) {
	for _, tt := range []struct {
		rel   string
		isDir bool
		want  bool
	}{
		{"config.toml", false, true},
		{"content", true, true},
		{"templates", true, true},
		{"content/2025/12/x.md", false, true},
		{"content/pages/about.md", false, true},
		{"content/2026", true, true},
		{"content/2026/01", true, true},
		{"templates/event.html", false, true},
		{"templates/style.css", false, true},

		{"README.md", false, false},
		{"public", true, false},
		{"public/index.html", false, false},
		{"config.toml~", false, false},
		{".config.toml.swp", false, false},
		{"content/2025/12/x.md~", false, false},
		{"content/2025/12/.x.md.swp", false, false},
		{"content/2025/12/4913", false, false},
		{"content/2025/12/.#x.md", false, false},
		{"content/2025/12/x.md___jb_tmp___", false, false},
		{"content/2025/12/notes.txt", false, false},
		{"content/2025/12/photo.jpg", false, false},
		{"content/_drafts/x.md", false, false},
		{"content/.git/x.md", false, false},
		{"content/_drafts", true, false},
		{"content/.git", true, false},
		{"templates/4913", false, false},
		{"templates/event.html~", false, false},
		{"templates/.event.html.swp", false, false},
	} {
		if got := relevant(tt.rel, tt.isDir); got != tt.want {
			t.Errorf("relevant(%q, %v) = %v, want %v", tt.rel, tt.isDir, got, tt.want)
		}
	}
}
