package build

import (
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// guideExample is a fenced block of docs/customise.md whose info string
// names a file: "```html file=templates/header.html page=index.html
// want=marker" is the site's templates/header.html, and a built page
// matching page (a path.Match pattern) must hold marker.
type guideExample struct {
	file, page, want, text string
	line                   int
}

var fenceRE = regexp.MustCompile("(?m)^```(\\w+) (file=.*)$")

func guideExamples(t *testing.T) []guideExample {
	data, err := os.ReadFile("../docs/customise.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	var out []guideExample
	for _, m := range fenceRE.FindAllStringSubmatchIndex(doc, -1) {
		ex := guideExample{line: 1 + strings.Count(doc[:m[0]], "\n")}
		for _, field := range strings.Fields(doc[m[4]:m[5]]) {
			k, v, _ := strings.Cut(field, "=")
			switch k {
			case "file":
				ex.file = v
			case "page":
				ex.page = v
			case "want":
				ex.want = v
			}
		}
		body := doc[m[1]+1:]
		end := strings.Index(body, "\n```")
		if ex.file == "" || ex.page == "" || ex.want == "" || end < 0 {
			t.Fatalf("docs/customise.md:%d: an example needs file=, page=, want= and a closing fence", ex.line)
		}
		ex.text = body[:end+1]
		if !strings.Contains(ex.text, ex.want) {
			t.Errorf("docs/customise.md:%d: the example does not hold its marker %q", ex.line, ex.want)
		}
		out = append(out, ex)
	}
	return out
}

// TestCustomiseGuide builds a site with every example of docs/customise.md
// in its templates/ and checks that each shows on the page it names.
func TestCustomiseGuide(t *testing.T) {
	examples := guideExamples(t)
	if len(examples) < 7 {
		t.Fatalf("only %d examples in docs/customise.md", len(examples))
	}
	files := map[string]string{
		"content/a.md":       testsite.Note,
		"content/pages/x.md": "+++\ntitle = \"About\"\nmenu = 1\n+++\nAbout the chronology.\n",
	}
	for _, ex := range examples {
		files[ex.file] = ex.text
	}
	fsys := testsite.FS(files)
	if diags := Check(fsys, site.Options{}); len(diags) > 0 {
		t.Fatalf("chronicle check of the guide's site:\n%v", diags)
	}
	res, err := Build(fsys, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range examples {
		found := false
		for p, data := range res.Files {
			if ok, _ := path.Match(ex.page, p); ok {
				found = true
				if !strings.Contains(string(data), ex.want) {
					t.Errorf("docs/customise.md:%d: %s does not show %q from %s", ex.line, p, ex.want, ex.file)
				}
			}
		}
		if !found {
			t.Errorf("docs/customise.md:%d: no page %s", ex.line, ex.page)
		}
	}
	// Where the parts go: the head's at the end of <head>, the stylesheet
	// added after the default.
	index := string(res.Files["index.html"])
	if i, j := strings.Index(index, "site-icon"), strings.Index(index, "</head>"); i < 0 || i > j {
		t.Error("templates/head.html is not in <head>")
	}
	if strings.Contains(index, "Skip to the content</a><header class=\"site\">") {
		t.Error("the built-in header is still shown")
	}
	for p, data := range res.Files {
		if ok, _ := path.Match("assets/style.*.css", p); ok {
			css := string(data)
			if i, j := strings.Index(css, "my-own-stylesheet"), strings.Index(css, "house-red"); i < 0 || j < i {
				t.Errorf("%s: custom.css is not after the site's style.css", p)
			}
			if !strings.Contains(css, "Kind colours, from config.toml") {
				t.Errorf("%s: the kinds' colours are missing", p)
			}
		}
	}
}

// TestOldBaseTemplateWarns: templates/base.html is no longer read, and
// chronicle check says what to do instead, without stopping the build.
func TestOldBaseTemplateWarns(t *testing.T) {
	fsys := testsite.FS(map[string]string{
		"content/a.md":        testsite.Note,
		"templates/base.html": `{{define "base"}}old{{end}}`,
	})
	diags := Check(fsys, site.Options{})
	if len(diags) != 1 || !diags[0].Warning || diags[0].Path != "templates/base.html" || !strings.Contains(diags[0].Msg, "header.html") {
		t.Fatalf("check of a site with base.html: %v", diags)
	}
	if _, err := Build(fsys, site.Options{}); err != nil {
		t.Fatal(err)
	}
}

// TestBrokenPartTemplate: a header of the site's own that fails on a page
// is an error naming its file and line, not the page's template.
func TestBrokenPartTemplate(t *testing.T) {
	fsys := testsite.FS(map[string]string{
		"content/a.md":          testsite.Note,
		"templates/header.html": "<header>\n{{.Nope}}</header>",
	})
	_, err := Build(fsys, site.Options{})
	if err == nil || !strings.Contains(err.Error(), "templates/header.html:2") {
		t.Fatalf("a failing header should name templates/header.html:2, got %v", err)
	}
}
