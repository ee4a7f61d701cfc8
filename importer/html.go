package importer

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// mdConv turns the HTML of a TimelineJS text or of Chronicle's body_html
// into Markdown: paragraphs, emphasis, links, lists, quotes, headings,
// code and line breaks. Any other element keeps its text, and its name is
// noted in dropped, so that the summary can say so.
type mdConv struct {
	// link is called for each http(s) link and returns what follows it in
	// the Markdown, such as a citation; nil keeps links as they are.
	link func(href, text string) string
	// cite maps a Chronicle citation's source number to its source id.
	cite    map[string]string
	dropped map[string]bool
	// typo undoes Chronicle's typographic punctuation (see typoMarks).
	typo bool
}

// typoMarks are the entities goldmark's typographer writes for ASCII
// punctuation. Chronicle's body_html holds them as entities, and a literal
// curly quote as itself, so the entity tells which the author typed. They
// become private-use runes before parsing and the ASCII again after.
var typoMarks = []struct{ entity, mark, ascii string }{
	{"&lsquo;", "\ue000", "'"}, {"&rsquo;", "\ue001", "'"},
	{"&ldquo;", "\ue002", `"`}, {"&rdquo;", "\ue003", `"`},
	{"&ndash;", "\ue004", "--"}, {"&mdash;", "\ue005", "---"},
	{"&hellip;", "\ue006", "..."}, {"&laquo;", "\ue007", "<<"}, {"&raquo;", "\ue008", ">>"},
}

func (c *mdConv) convert(src string) string {
	if c.dropped == nil {
		c.dropped = map[string]bool{}
	}
	if c.typo {
		for _, t := range typoMarks {
			src = strings.ReplaceAll(src, t.entity, t.mark)
		}
	}
	ctx := &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"}
	nodes, err := html.ParseFragment(strings.NewReader(src), ctx)
	if err != nil { // only a reader's error: a string has none
		return escapeText(src)
	}
	root := &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	md := strings.Join(c.blocks(root), "\n\n")
	if c.typo {
		for _, t := range typoMarks {
			md = strings.ReplaceAll(md, t.mark, t.ascii)
		}
	}
	return md
}

// blocks converts the children of n, each block element a block and each
// run of inline content a paragraph.
func (c *mdConv) blocks(n *html.Node) []string {
	var out []string
	var para strings.Builder
	flush := func() {
		if p := strings.TrimSpace(para.String()); p != "" {
			out = append(out, p)
		}
		para.Reset()
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type != html.ElementNode || !isBlock(k.DataAtom) {
			para.WriteString(c.inline(k))
			continue
		}
		flush()
		switch k.DataAtom {
		case atom.P:
			if p := strings.TrimSpace(c.inlineChildren(k)); p != "" {
				out = append(out, p)
			}
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			level := int(k.Data[1] - '0')
			out = append(out, strings.Repeat("#", level)+" "+strings.TrimSpace(c.inlineChildren(k)))
		case atom.Blockquote:
			inner := strings.Join(c.blocks(k), "\n\n")
			out = append(out, prefixLines(inner, "> ", "> "))
		case atom.Ul, atom.Ol:
			out = append(out, c.list(k))
		case atom.Pre:
			out = append(out, "```\n"+strings.TrimSuffix(textOf(k), "\n")+"\n```")
		case atom.Hr:
			out = append(out, "---")
		default: // div, section, figure, table...: its content, as blocks
			if k.DataAtom != atom.Div && k.DataAtom != atom.Section {
				c.dropped["<"+k.Data+">"] = true
			}
			out = append(out, c.blocks(k)...)
		}
	}
	flush()
	return out
}

func (c *mdConv) list(n *html.Node) string {
	var items []string
	i := 1
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode || li.DataAtom != atom.Li {
			if strings.TrimSpace(textOf(li)) != "" {
				c.dropped["text between list items"] = true
			}
			continue
		}
		marker := "- "
		if n.DataAtom == atom.Ol {
			marker = itoa(i) + ". "
		}
		i++
		body := strings.Join(c.blocks(li), "\n\n")
		items = append(items, prefixLines(body, marker, strings.Repeat(" ", len(marker))))
	}
	return strings.Join(items, "\n")
}

func (c *mdConv) inlineChildren(n *html.Node) string {
	var b strings.Builder
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		b.WriteString(c.inline(k))
	}
	return b.String()
}

var spaces = regexp.MustCompile(`[ \t\r\n]+`)

func (c *mdConv) inline(n *html.Node) string {
	switch n.Type {
	case html.TextNode:
		if c.typo {
			// Chronicle's HTML keeps the body's line breaks as they were
			// written: keeping them gives the same HTML again.
			return escapeText(n.Data)
		}
		return escapeText(spaces.ReplaceAllString(n.Data, " "))
	case html.ElementNode:
	default:
		return ""
	}
	inner := func() string { return c.inlineChildren(n) }
	switch n.DataAtom {
	case atom.Em, atom.I:
		return wrap("*", inner())
	case atom.Strong, atom.B:
		return wrap("**", inner())
	case atom.Del, atom.S, atom.Strike:
		return wrap("~~", inner())
	case atom.Code:
		t := textOf(n)
		fence := "`"
		for strings.Contains(t, fence) {
			fence += "`"
		}
		if strings.HasPrefix(t, "`") || strings.HasSuffix(t, "`") {
			t = " " + t + " "
		}
		return fence + t + fence
	case atom.Br:
		return "\\\n"
	case atom.A:
		return c.anchor(n, inner())
	case atom.Sup:
		if attr(n, "class") == "cite" && c.cite != nil {
			if ids := c.citation(n); ids != "" {
				return ids
			}
		}
	case atom.Span:
		// TimelineJS's notes (tl-note) and other spans: the text is
		// what counts; the class was only a look.
		if attr(n, "class") != "" {
			c.dropped["<span class>"] = true
		}
		return inner()
	case atom.Img:
		c.dropped["<img>"] = true
		return escapeText(attr(n, "alt"))
	}
	if isBlock(n.DataAtom) { // a block inside inline content: its text
		c.dropped["<"+n.Data+"> inside a paragraph"] = true
		return " " + strings.Join(c.blocks(n), " ") + " "
	}
	c.dropped["<"+n.Data+">"] = true
	return inner()
}

func (c *mdConv) anchor(n *html.Node, text string) string {
	href := strings.TrimSpace(attr(n, "href"))
	if href == "" {
		return text
	}
	md := "[" + text + "](" + linkDest(href) + ")"
	if t := attr(n, "title"); t != "" {
		md = "[" + text + "](" + linkDest(href) + ` "` + strings.ReplaceAll(t, `"`, `\"`) + `")`
	}
	if c.link != nil && isHTTP(href) {
		md += c.link(href, textOf(n))
	}
	return md
}

// citation reads Chronicle's citation mark back: a sup of links to
// #src-N becomes [@id; @id].
func (c *mdConv) citation(n *html.Node) string {
	var ids []string
	var walk func(*html.Node) bool
	walk = func(k *html.Node) bool {
		for ; k != nil; k = k.NextSibling {
			if k.Type == html.ElementNode && k.DataAtom == atom.A {
				num, ok := strings.CutPrefix(attr(k, "href"), "#src-")
				id := c.cite[num]
				if !ok || id == "" {
					return false
				}
				ids = append(ids, "@"+id)
			} else if !walk(k.FirstChild) {
				return false
			}
		}
		return true
	}
	if !walk(n.FirstChild) || len(ids) == 0 {
		return ""
	}
	return "[" + strings.Join(ids, "; ") + "]"
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Blockquote, atom.Ul, atom.Ol, atom.Li, atom.Pre, atom.Hr,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Table, atom.Figure, atom.Dl, atom.Header, atom.Footer:
		return true
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf is the text of n and all below it.
func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		b.WriteString(textOf(k))
	}
	return b.String()
}

// plainText is the text of an HTML fragment, its white space collapsed:
// for titles, captions and credits, which take no Markdown.
func plainText(src string) string {
	nodes, err := html.ParseFragment(strings.NewReader(src), &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"})
	if err != nil {
		return strings.TrimSpace(src)
	}
	var b strings.Builder
	for _, n := range nodes {
		b.WriteString(textOf(n))
		b.WriteByte(' ')
	}
	return strings.TrimSpace(spaces.ReplaceAllString(b.String(), " "))
}

// wrap puts a delimiter around text, outside its spaces, which would stop
// the delimiter from counting.
func wrap(delim, text string) string {
	t := strings.TrimSpace(text)
	if t == "" {
		return text
	}
	lead := text[:strings.Index(text, t)]
	trail := text[len(lead)+len(t):]
	return lead + delim + t + delim + trail
}

func prefixLines(s, first, rest string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		p := rest
		if i == 0 {
			p = first
		}
		if l == "" {
			lines[i] = strings.TrimRight(p, " ")
		} else {
			lines[i] = p + l
		}
	}
	return strings.Join(lines, "\n")
}

// escapeText escapes what Markdown would read as markup. Apostrophes and
// quotes are left alone: escaped, the typographer would not curl them.
func escapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case '\\', '*', '_', '[', ']', '`', '<', '>', '&', '|', '~', '#', '!':
			b.WriteByte('\\')
			b.WriteByte(ch)
		default:
			b.WriteByte(ch)
		}
	}
	out := b.String()
	// A line may not start a list or a heading by accident.
	out = bulletStart.ReplaceAllString(out, "$1\\$2")
	return numberStart.ReplaceAllString(out, "$1\\$2")
}

var (
	bulletStart = regexp.MustCompile(`(?m)^([ \t]*)([-+=])`)
	numberStart = regexp.MustCompile(`(?m)^([ \t]*\d+)([.)])`)
)

func linkDest(u string) string {
	if strings.ContainsAny(u, " <>()") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(u) + ">"
	}
	return u
}

func isHTTP(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
