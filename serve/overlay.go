package serve

import (
	"bytes"
	"html/template"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/chronicle-tools/chronicle/site"
)

// A problem is one diagnostic of a failed build, as the overlay shows it.
type problem struct {
	Where   string // "content/2025/12/x.md:3:7"
	Msg     string
	Warning bool
	Lines   []srcLine // the offending line, with one line either side
}

type srcLine struct {
	N     int
	Text  string
	Mark  bool   // the offending line
	Caret string // under the offending line: spaces, then "^" at the column
}

// problems turns diagnostics into problems, errors first, each with the
// lines of the note around it. The lines come from the bytes the build
// read.
func (s *Server) problems(diags site.Diagnostics) []problem {
	var errs, warns []problem
	for _, d := range diags {
		p := problem{Where: d.Path, Msg: d.Msg, Warning: d.Warning}
		if d.Line > 0 {
			p.Where += ":" + strconv.Itoa(d.Line)
			if d.Col > 0 {
				p.Where += ":" + strconv.Itoa(d.Col)
			}
			p.Lines = s.excerpt(d.Path, d.Line, d.Col)
		}
		if d.Warning {
			warns = append(warns, p)
		} else {
			errs = append(errs, p)
		}
	}
	return append(errs, warns...)
}

// maxLine bounds the text shown of one line.
const maxLine = 400

// excerpt returns lines line-1 to line+1 of the file at path, or nil when
// it is not a file of the site.
func (s *Server) excerpt(path string, line, col int) []srcLine {
	if !fs.ValidPath(path) {
		return nil // "(built-in) base.html", "-baseurl"
	}
	data, ok := s.fsys.cached(path)
	if !ok {
		var err error
		if data, err = s.fsys.ReadFile(path); err != nil {
			return nil
		}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	lines := strings.Split(string(data), "\n")
	var out []srcLine
	for n := max(1, line-1); n <= min(len(lines), line+1); n++ {
		text := strings.TrimSuffix(lines[n-1], "\r")
		if !utf8.ValidString(text) {
			text = strings.ToValidUTF8(text, "\uFFFD")
		}
		l := srcLine{N: n, Text: text, Mark: n == line}
		if l.Mark && col > 0 {
			l.Caret = caret(text, col)
		}
		if r := []rune(l.Text); len(r) > maxLine {
			l.Text = string(r[:maxLine]) + "…"
		}
		out = append(out, l)
	}
	return out
}

// caret is a line that puts "^" under column col (1-based, in characters)
// of text, keeping its tabs so that it lines up.
func caret(text string, col int) string {
	var b strings.Builder
	i := 1
	for _, r := range text {
		if i >= col {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		i++
	}
	b.WriteByte('^')
	return b.String()
}

// The overlay's markup. Its look comes from overlay.css, since the site's
// Content-Security-Policy forbids inline styles and scripts. Each line of
// source is a block of its own, so the <pre> holds no newlines.
var overlayTemplate = template.Must(template.New("overlay").Parse(`
<link rel="stylesheet" href="/_chronicle/overlay.css">
<div id="chronicle-overlay" role="alert" aria-labelledby="chronicle-overlay-title">
<div class="chronicle-panel">
<h2 id="chronicle-overlay-title">The site did not build: {{.Errors}}</h2>
<p class="chronicle-note">{{if .HasSite}}Below is the last good build.{{else}}Nothing has built yet.{{end}} Fix the notes and save: this page reloads by itself.</p>
<ol class="chronicle-problems">
{{- range .Problems}}{{if not .Warning}}
<li>{{template "problem" .}}</li>
{{- end}}{{end}}
</ol>
{{- if .Warnings}}
<details class="chronicle-warnings"><summary>{{.Warnings}}</summary>
<ol class="chronicle-problems">
{{- range .Problems}}{{if .Warning}}
<li>{{template "problem" .}}</li>
{{- end}}{{end}}
</ol>
</details>
{{- end}}
<p class="chronicle-actions"><button type="button" class="chronicle-hide" hidden>Hide until the next save</button></p>
</div>
</div>
{{- define "problem"}}<p class="chronicle-msg"><code class="chronicle-where">{{.Where}}</code>: {{.Msg}}</p>
{{- with .Lines}}
<pre class="chronicle-src">
{{- range .}}<span class="chronicle-line{{if .Mark}} chronicle-mark{{end}}"><span class="chronicle-ln">{{.N}}</span>{{.Text}}</span>
{{- with .Caret}}<span class="chronicle-line chronicle-caret"><span class="chronicle-ln"></span>{{.}}</span>{{end}}
{{- end}}</pre>
{{- end}}{{end}}`))

// errorPage is shown when no build has succeeded yet, so there is no page
// to show the problems over.
const errorPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The site did not build · chronicle serve</title>
</head>
<body>
</body>
</html>
`

// renderOverlay returns the overlay's markup.
func renderOverlay(problems []problem, hasSite bool) []byte {
	errs := 0
	for _, p := range problems {
		if !p.Warning {
			errs++
		}
	}
	warns := ""
	if n := len(problems) - errs; n > 0 {
		warns = count(n, "warning")
	}
	var b bytes.Buffer
	err := overlayTemplate.Execute(&b, map[string]any{
		"Errors":   count(errs, "error"),
		"Warnings": warns,
		"HasSite":  hasSite,
		"Problems": problems,
	})
	if err != nil {
		panic(err) // the template and its data are fixed here
	}
	return b.Bytes()
}
