package build

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chronicle-tools/chronicle/internal/htmlcheck"
	"golang.org/x/net/html"
)

// outputProblems reads every file of a built site as its consumer would and
// returns what could run code or mislead a reader: HTML with
// internal/htmlcheck (no script, handler or URL scheme that is not ours, the
// CSP on every page), XML and JSON with their decoders, with the HTML they
// carry checked as fragments, and the CSV and iCalendar files line by line.
// marker, when not empty, is a string only hostile input holds.
func outputProblems(res *Result, marker string) []string {
	var out []string
	c := res.Site.Config
	pol := htmlcheck.Policy{
		BasePath: c.BasePath,
		Marker:   marker,
		Exists:   func(p string) bool { _, ok := res.Files[p]; return ok },
	}
	add := func(file string, problems ...string) {
		for _, p := range problems {
			out = append(out, file+": "+p)
		}
	}
	for _, p := range res.Files.Paths() {
		data := res.Files[p]
		if !utf8.Valid(data) {
			add(p, "not UTF-8")
		}
		switch path.Ext(p) {
		case ".html":
			add(p, htmlcheck.Page(data, pol)...)
		case ".xml":
			add(p, xmlProblems(data, pol)...)
		case ".json":
			add(p, jsonProblems(data, pol)...)
		case ".csv":
			r := csv.NewReader(bytes.NewReader(data))
			if _, err := r.ReadAll(); err != nil {
				add(p, "invalid CSV: "+err.Error())
			}
		case ".ics":
			add(p, icsProblems(data, len(res.Site.Events))...)
		}
	}
	return out
}

// xmlProblems decodes strictly, checks every link, and checks the HTML of
// Atom's <content type="html"> as a fragment.
func xmlProblems(data []byte, pol htmlcheck.Policy) []string {
	var out []string
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []xml.StartElement
	var text bytes.Buffer
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return append(out, "invalid XML: "+err.Error())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Copy())
			text.Reset()
			for _, a := range t.Attr {
				if a.Name.Local == "href" || a.Name.Local == "src" {
					out = append(out, urlProblem("<"+t.Name.Local+"> "+a.Name.Local, a.Value)...)
				}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch top.Name.Local {
			case "content", "summary":
				for _, a := range top.Attr {
					if a.Name.Local == "type" && a.Value == "html" {
						out = append(out, htmlcheck.Fragment(text.Bytes(), pol)...)
					}
				}
			case "loc", "id", "icon", "logo":
				out = append(out, urlProblem("<"+top.Name.Local+">", text.String())...)
			}
			text.Reset()
		}
	}
	return out
}

// urlProblem reports a URL a reader's software would open that is neither
// http(s) nor rooted in the site.
func urlProblem(where, u string) []string {
	if s := htmlcheck.Scheme(u); s != "" && s != "http" && s != "https" && s != "mailto" {
		return []string{where + ": scheme " + s + ": " + u}
	}
	return nil
}

// jsonProblems decodes with encoding/json; strings under keys that end in
// "_html" are checked as HTML fragments, and URLs by scheme.
func jsonProblems(data []byte, pol htmlcheck.Policy) []string {
	var v any
	d := json.NewDecoder(bytes.NewReader(data))
	if err := d.Decode(&v); err != nil {
		return []string{"invalid JSON: " + err.Error()}
	}
	if d.More() {
		return []string{"more than one JSON value"}
	}
	var out []string
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(k, x)
			}
		case []any:
			for _, x := range v {
				walk(key, x)
			}
		case string:
			switch {
			case strings.HasSuffix(key, "_html"):
				out = append(out, htmlcheck.Fragment([]byte(v), pol)...)
			case key == "url" || strings.HasSuffix(key, "_url") || key == "archived" || key == "image" || key == "icon" || key == "favicon":
				out = append(out, urlProblem(key, v)...)
			}
		}
	}
	walk("", v)
	return out
}

// icsProblems unfolds the calendar and checks that every content line is a
// property (so no text could start a line of its own), that components
// balance, and that there is one VEVENT per event.
func icsProblems(data []byte, events int) []string {
	var out []string
	if bytes.Count(data, []byte("\n")) != bytes.Count(data, []byte("\r\n")) || bytes.Count(data, []byte("\r")) != bytes.Count(data, []byte("\r\n")) {
		out = append(out, "a line break that is not CRLF")
	}
	unfolded := strings.ReplaceAll(string(data), "\r\n ", "")
	depth, vevents := 0, 0
	for _, line := range strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n") {
		name := line
		if i := strings.IndexAny(line, ":;"); i >= 0 {
			name = line[:i]
		} else {
			out = append(out, "not a content line: "+line)
			continue
		}
		for _, r := range name {
			if !('A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-') {
				out = append(out, "bad property name: "+line)
				break
			}
		}
		for _, r := range line {
			if r < 0x20 && r != '\t' || r == 0x7f {
				out = append(out, "control character in: "+line)
				break
			}
		}
		switch line {
		case "BEGIN:VEVENT":
			vevents++
			depth++
		case "BEGIN:VCALENDAR":
			depth++
		case "END:VEVENT", "END:VCALENDAR":
			depth--
		}
	}
	if depth != 0 {
		out = append(out, "BEGIN and END do not balance")
	}
	if vevents != events {
		out = append(out, "VEVENT count differs from the events")
	}
	return out
}

// requireSafe fails t with the problems of a build's output (the first 20
// of them), each prefixed with context: what input the build had.
func requireSafe(t testing.TB, res *Result, marker string, context ...any) {
	t.Helper()
	prefix := fmt.Sprint(context...)
	if prefix != "" {
		prefix += ": "
	}
	problems := outputProblems(res, marker)
	for i, p := range problems {
		if i == 20 {
			t.Errorf("%s... and %d more", prefix, len(problems)-20)
			break
		}
		t.Error(prefix + p)
	}
}

// firstText is the text of the first element named tag in a page, as a
// browser shows it, or "" if there is none.
func firstText(page []byte, tag string) string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return ""
	}
	var find func(*html.Node) *html.Node
	find = func(n *html.Node) *html.Node {
		if n.Type == html.ElementNode && n.Data == tag {
			return n
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			if f := find(k); f != nil {
				return f
			}
		}
		return nil
	}
	n := find(doc)
	if n == nil {
		return ""
	}
	var b strings.Builder
	var text func(*html.Node)
	text = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			text(k)
		}
	}
	text(n)
	return b.String()
}
