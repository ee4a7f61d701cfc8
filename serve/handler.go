package serve

import (
	"embed"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/chronicle-tools/chronicle/site"
)

// The live-reload script and the overlay's stylesheet, served under
// clientPrefix, a path no built site uses (output names never start with
// "_").
//
//go:embed client/reload.js client/overlay.css
var client embed.FS

const clientPrefix = "/_chronicle/"

// ServeHTTP answers from the current snapshot. No part of a request's path
// reaches the file system: it is only a key into the built files.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "chronicle serve answers GET and HEAD only", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if rest, ok := strings.CutPrefix(p, clientPrefix); ok {
		s.serveClient(w, r, rest)
		return
	}
	// Browsers resolve dot segments themselves; other clients are sent to
	// the clean path, as http.ServeMux does.
	if clean := cleanPath(p); clean != p {
		redirect(w, r, (&url.URL{Path: clean}).EscapedPath(), http.StatusMovedPermanently)
		return
	}
	sn := s.current()
	switch {
	case sn.out == nil:
		// Nothing built yet: every path shows the problems.
		h.Set("Content-Type", contentType("index.html"))
		h.Set("Content-Length", strconv.Itoa(len(sn.errorPage)))
		w.WriteHeader(http.StatusInternalServerError)
		if r.Method != http.MethodHead {
			_, _ = w.Write(sn.errorPage)
		}
		return
	case p == "/" && sn.rawBase != "/":
		// Found, not Moved Permanently: browsers remember the latter, and
		// the next site on this port may have another base path.
		redirect(w, r, sn.base, http.StatusFound)
		return
	case p+"/" == sn.rawBase:
		redirect(w, r, sn.base, http.StatusMovedPermanently)
		return
	}
	rel, ok := strings.CutPrefix(p, sn.rawBase)
	if !ok {
		s.notFound(w, r)
		return
	}
	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if sn, data, ok, err := s.fetch(name); ok {
		if err != nil {
			s.renderFailed(w, r, sn, err)
			return
		}
		sn.write(w, r, http.StatusOK, name, data)
		return
	}
	if sn.out.Has(rel + "/index.html") {
		// A folder asked for without its slash, as GitHub Pages answers.
		redirect(w, r, r.URL.EscapedPath()+"/", http.StatusMovedPermanently)
		return
	}
	s.notFound(w, r)
}

// cleanPath is p without dot segments and doubled slashes, keeping a
// final slash.
func cleanPath(p string) string {
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c
}

func redirect(w http.ResponseWriter, r *http.Request, to string, code int) {
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, to, code)
}

// notFound answers with the site's own 404 page, as GitHub Pages does.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if sn, data, ok, err := s.fetch("404.html"); ok {
		if err != nil {
			s.renderFailed(w, r, sn, err)
			return
		}
		sn.write(w, r, http.StatusNotFound, "404.html", data)
		return
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// fetch returns the file at name of the current snapshot, and that
// snapshot. It holds the swap lock for reading, so that no rebuild changes
// the site between taking the snapshot and rendering from it.
func (s *Server) fetch(name string) (sn *snapshot, data []byte, ok bool, err error) {
	s.swap.RLock()
	defer s.swap.RUnlock()
	sn = s.current()
	data, ok, err = sn.file(name)
	return sn, data, ok, err
}

// renderFailed answers a page that would not render (a site's template
// that fails on some pages only) with the problem in the overlay.
func (s *Server) renderFailed(w http.ResponseWriter, r *http.Request, sn *snapshot, err error) {
	var diags site.Diagnostics
	if !errors.As(err, &diags) {
		diags = site.Diagnostics{{Path: "chronicle", Msg: err.Error()}}
	}
	for _, d := range diags {
		s.logf("%s does not render: %s", r.URL.Path, d)
	}
	add := append(renderOverlay(s.problems(diags), false), '\n')
	page := withInjected([]byte(errorPage), append(add, sn.inject...))
	sn.write(w, r, http.StatusInternalServerError, "index.html", page)
}

// write sends one file of the snapshot, with the snapshot's additions in
// an HTML page. The three parts are written as they are, never copied or
// changed: they belong to the snapshot, which other requests read too.
func (sn *snapshot) write(w http.ResponseWriter, r *http.Request, code int, name string, data []byte) {
	ctype := contentType(name)
	h := w.Header()
	h.Set("Content-Type", ctype)
	var head, add, tail []byte = data, nil, nil
	if strings.HasPrefix(ctype, "text/html") {
		i := injectAt(data)
		head, add, tail = data[:i], sn.inject, data[i:]
	}
	h.Set("Content-Length", strconv.Itoa(len(head)+len(add)+len(tail)))
	w.WriteHeader(code)
	if r.Method == http.MethodHead {
		return
	}
	for _, part := range [][]byte{head, add, tail} {
		if _, err := w.Write(part); err != nil {
			return
		}
	}
}

// types fixes the content types of the files a site holds, so that they do
// not depend on the system's MIME tables. They are those GitHub Pages sends.
var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json; charset=utf-8",
	".xml":         "application/xml",
	".txt":         "text/plain; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".ics":         "text/calendar; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".pdf":         "application/pdf",
	".webmanifest": "application/manifest+json",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// serveClient serves the live-reload script, its stylesheet, its event
// stream and the current build's id.
func (s *Server) serveClient(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
	case "build":
		// The id of the current build, for a page that joins the stream
		// another page reads.
		id := s.current().id
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(id)))
		if r.Method != http.MethodHead {
			_, _ = io.WriteString(w, id)
		}
		return
	case "events":
		if r.Method == http.MethodHead {
			w.Header().Set("Content-Type", "text/event-stream")
			return
		}
		s.serveEvents(w, r)
		return
	case "reload.js", "overlay.css":
		data, err := client.ReadFile("client/" + name)
		if err != nil {
			panic(err) // embedded at compile time
		}
		w.Header().Set("Content-Type", contentType(name))
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		if r.Method != http.MethodHead {
			_, _ = w.Write(data)
		}
		return
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// hostGuard refuses requests whose Host is a domain name. A web page the
// author visits could point its own name at this machine (DNS rebinding)
// and read the preview, drafts included; IP addresses and localhost names
// cannot be rebound.
func hostGuard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !localHost(r.Host) {
			http.Error(w, "chronicle serve answers only requests addressed to an IP address or localhost", http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// localHost reports whether a request's Host is an IP address or a
// localhost name, which no other site can make resolve to this server.
func localHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSuffix(host, "]"), "["), ".")
	if net.ParseIP(host) != nil {
		return true
	}
	host = strings.ToLower(host)
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}
