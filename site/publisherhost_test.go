package site

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
)

// hostNote is a note whose sources are pairs of publisher and URL, each
// cited and dated, so that the only warnings are the hosts'.
func hostNote(sources ...[2]string) string {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"A strike\"\ndate = 2025-12-19\nkind = \"strike\"\n")
	var cites []string
	for i, s := range sources {
		fmt.Fprintf(&b, "\n[[sources]]\nid = \"s%d\"\ntitle = \"T\"\npublisher = %q\nurl = %q\npublished = 2025-12-19\n", i, s[0], s[1])
		cites = append(cites, fmt.Sprintf("@s%d", i))
	}
	fmt.Fprintf(&b, "+++\n\nText.[%s]\n", strings.Join(cites, "; "))
	return b.String()
}

func TestURLHost(t *testing.T) {
	for _, tt := range []struct{ url, want string }{
		{"https://abcnews.go.com/a/b?c#d", "abcnews.go.com"},
		{"https://www.abcnews.go.com/a", "abcnews.go.com"},
		{"HTTP://WWW.ABCNews.Go.com", "abcnews.go.com"},
		{"https://user@abcnews.go.com:8443/a", "abcnews.go.com"},
		{"https://abcnews.go.com.", "abcnews.go.com"},
		{"https://www2.abcnews.go.com/", "www2.abcnews.go.com"},
		{"https://news.www.example.com/", "news.www.example.com"},
		{"ftp://abcnews.go.com/", ""},
		{"mailto:a@abcnews.go.com", ""},
	} {
		if got := urlHost(tt.url); got != tt.want {
			t.Errorf("urlHost(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

// TestPublisherHostWarning: two publishers with URLs on one host are
// reported once for the pair, at the rarer one's first source, with the
// alias that would join them; pairs that are not one publisher are not.
func TestPublisherHostWarning(t *testing.T) {
	abc := [2]string{"ABC News", "https://abcnews.go.com/1"}
	abc2 := [2]string{"ABC News", "https://abcnews.go.com/2"}
	tests := []struct {
		name   string
		config string
		notes  []string
		want   []string // the warnings, in order; none when empty
	}{
		{"two spellings", "", []string{
			hostNote(abc, abc2),
			hostNote([2]string{"abcnews.go.com", "https://abcnews.go.com/3"}),
			hostNote([2]string{"abcnews.go.com", "https://abcnews.go.com/4"}),
		}, []string{
			`content/n1.md:6: warning: publishers "abcnews.go.com" (2 sources) and "ABC News" (2 sources) both have URLs on abcnews.go.com: if they are one publisher, add "abcnews.go.com" to the aliases of [publishers."ABC News"] in config.toml`,
		}},
		{"the commoner is the name", "", []string{
			hostNote([2]string{"abcnews.go.com", "https://abcnews.go.com/3"}),
			hostNote(abc, abc2),
		}, []string{
			`content/n0.md:6: warning: publishers "abcnews.go.com" (1 source) and "ABC News" (2 sources) both have URLs on abcnews.go.com: if they are one publisher, add "abcnews.go.com" to the aliases of [publishers."ABC News"]`,
		}},
		{"joined by an alias", "[publishers.\"ABC News\"]\naliases = [\"abcnews.go.com\"]\n", []string{
			hostNote(abc), hostNote([2]string{"abcnews.go.com", "https://abcnews.go.com/3"}),
		}, nil},
		{"www. is the same host", "", []string{
			hostNote(abc), hostNote([2]string{"ABC", "https://www.abcnews.go.com/3"}),
		}, []string{`warning: publishers "ABC" (1 source) and "ABC News" (1 source) both have URLs on abcnews.go.com`}},
		{"other hosts", "", []string{
			hostNote(abc), hostNote([2]string{"ABC", "https://abc.net.au/3"}),
		}, nil},
		{"a credit of another's story", "", []string{
			hostNote([2]string{"A News", "https://anews.com.tr/1"}, [2]string{"A News (Reuters)", "https://anews.com.tr/2"}, [2]string{"A News (AFP)", "https://anews.com.tr/3"}),
			hostNote([2]string{"MENAFN (Ukrinform)", "https://menafn.com/1"}, [2]string{"MENAFN / Mint", "https://menafn.com/2"}),
		}, nil},
		{"a host of many publishers", "", []string{
			hostNote([2]string{"Reuters", "https://news.yahoo.com/1"}, [2]string{"AP", "https://uk.news.yahoo.com/2"}),
			hostNote([2]string{"Oleh Kiper (Telegram)", "https://t.me/a/1"}, [2]string{"Zelensky", "https://t.me/b/2"}),
			hostNote([2]string{"Foreign Office", "https://www.gov.uk/1"}, [2]string{"Prime Minister's Office", "https://www.gov.uk/2"}),
		}, nil},
		{"too many names for spellings", "", []string{
			hostNote([2]string{"A", "https://agg.example.net.ua/1"}, [2]string{"B", "https://agg.example.net.ua/2"}, [2]string{"C", "https://agg.example.net.ua/3"},
				[2]string{"D", "https://agg.example.net.ua/4"}, [2]string{"E", "https://agg.example.net.ua/5"}),
		}, nil},
		{"three spellings, three pairs", "", []string{
			hostNote(abc, abc2, [2]string{"ABC", "https://abcnews.go.com/3"}, [2]string{"abcnews", "https://abcnews.go.com/4"}),
		}, []string{
			`content/n0.md:20: warning: publishers "ABC" (1 source) and "ABC News" (2 sources)`,
			`content/n0.md:27: warning: publishers "abcnews" (1 source) and "ABC News" (2 sources)`,
			`content/n0.md:27: warning: publishers "abcnews" (1 source) and "ABC" (1 source)`,
		}},
		{"a draft's spelling, as an import guesses it", "", []string{
			hostNote(abc, abc2),
			strings.Replace(hostNote([2]string{"abcnews.go.com", "https://abcnews.go.com/3"}), "kind = \"strike\"\n", "kind = \"strike\"\ndraft = true\n", 1),
		}, []string{
			`content/n1.md:7: warning: draft: publishers "abcnews.go.com" (1 source) and "ABC News" (2 sources) both have URLs on abcnews.go.com`,
		}},
		{"one pair on two hosts", "", []string{
			hostNote(abc, [2]string{"ABC", "https://abcnews.go.com/3"}, [2]string{"ABC News", "https://abc.go.com/1"}, [2]string{"ABC", "https://abc.go.com/2"}),
		}, []string{`both have URLs on abc.go.com`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"config.toml": testsite.Config + "\n" + tt.config}
			for i, n := range tt.notes {
				files[fmt.Sprintf("content/n%d.md", i)] = n
			}
			diags := Check(testsite.FS(files), Options{})
			if diags.Errors() > 0 {
				t.Fatalf("unexpected errors: %v", diags)
			}
			if len(diags) != len(tt.want) {
				t.Fatalf("want %d warnings, got %d:\n%v", len(tt.want), len(diags), diags)
			}
			for i, d := range diags {
				if d.Code != CodePublisherHost || !strings.Contains(d.String(), tt.want[i]) {
					t.Errorf("warning %d: want %q (code %s), got %q (code %s)", i, tt.want[i], CodePublisherHost, d, d.Code)
				}
			}
		})
	}
}

// TestPublisherHostSummary: build counts the pairs as a kind of their own.
func TestPublisherHostSummary(t *testing.T) {
	diags := Check(testsite.FS(map[string]string{
		"content/a.md": hostNote([2]string{"ABC News", "https://abcnews.go.com/1"}),
		"content/b.md": hostNote([2]string{"abcnews.go.com", "https://abcnews.go.com/2"}),
	}), Options{})
	if got := strings.Join(diags.Summary(5), "|"); got != "1 pair of publishers with URLs on one host" {
		t.Errorf("Summary = %q", got)
	}
}
