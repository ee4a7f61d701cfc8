package render

import (
	"bytes"
	"strings"
)

// writeStrings writes each of parts: joined with +, the parts would be
// copied into a new string first, which for the longer ones is garbage
// for each line of every page.
func writeStrings(b *bytes.Buffer, parts ...string) {
	for _, p := range parts {
		b.WriteString(p)
	}
}

// writeMeta writes a line of the head: <meta {attr}="name" content="...">.
func writeMeta(b *bytes.Buffer, attr, name, content string) {
	writeStrings(b, "\n<meta ", attr, "=\"", name, "\" content=\"")
	esc(b, content)
	b.WriteString("\">")
}

// writeAttr writes ` name="value"`, value escaped, or nothing for an
// empty value, as a template's {{with}} around the attribute does.
func writeAttr(b *bytes.Buffer, name, value string) {
	if value != "" {
		writeStrings(b, " ", name, "=\"")
		esc(b, value)
		b.WriteString("\"")
	}
}

// writeA writes a link, <a{attrs} href="url">{before}text{after}</a>, with
// url and text escaped; attrs, before and after are the template's own.
func writeA(b *bytes.Buffer, attrs, url, before, text, after string) {
	writeStrings(b, "<a", attrs, " href=\"")
	escURL(b, url)
	writeStrings(b, "\">", before)
	esc(b, text)
	writeStrings(b, after, "</a>")
}

// esc writes s escaped as html/template escapes a string in text and in
// quoted attributes.
func esc(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		repl := escaped[s[i]]
		if repl == "" {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// escaped holds what esc writes for each byte it replaces; a table, since
// esc sees every byte of every title, name and summary of every list.
var escaped = [256]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}

// escURL writes a URL as html/template writes one that begins an href:
// refused unless its scheme is http, https or mailto, then normalised
// (bytes outside RFC 3986's sets percent-encoded) and escaped.
func escURL(b *bytes.Buffer, u string) {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		b.WriteString("#ZgotmplZ")
		return
	}
	var n strings.Builder
	last := 0
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case urlPlain[c]:
			continue
		case c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			continue
		}
		n.WriteString(u[last:i])
		n.WriteByte('%')
		n.WriteByte("0123456789abcdef"[c>>4])
		n.WriteByte("0123456789abcdef"[c&15])
		last = i + 1
	}
	if last == 0 {
		esc(b, u)
		return
	}
	n.WriteString(u[last:])
	esc(b, n.String())
}

// urlPlain marks the bytes escURL keeps: RFC 3986's unreserved and
// reserved characters.
var urlPlain = func() (t [256]bool) {
	for _, c := range []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!#$&*+,/:;=?@[]") {
		t[c] = true
	}
	return t
}()

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
