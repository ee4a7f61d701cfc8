package serve

import (
	"bytes"
	"html/template"
	"net/url"
	"sync"

	"github.com/chronicle-tools/chronicle/build"
)

// A snapshot is what the server shows at one moment: the files of the last
// good build and the problems of the latest build, if it failed. A file is
// rendered the first time it is asked for, and kept; otherwise a snapshot
// never changes once stored; a rebuild stores a new one.
type snapshot struct {
	id       string        // this build's id, which the pages' script compares
	out      *build.Output // the last good build; nil when none succeeded
	rendered *sync.Map     // output path -> []byte, the files of out rendered so far
	base     string        // the base path of those files, escaped: "/chronology/"
	rawBase  string        // the same, unescaped, to match a request's path
	problems []problem     // nil when the latest build succeeded

	inject    []byte // added before </body> of every HTML page
	errorPage []byte // the page for every path when out is nil
}

// prepare renders what the snapshot adds to pages.
func (sn *snapshot) prepare() {
	sn.rawBase = sn.base
	if raw, err := url.PathUnescape(sn.base); err == nil {
		sn.rawBase = raw
	}
	script := []byte(`<script src="/_chronicle/reload.js" data-build="` + template.HTMLEscapeString(sn.id) + `"></script>` + "\n")
	if sn.problems != nil {
		sn.inject = append(renderOverlay(sn.problems, sn.out != nil), '\n')
	}
	sn.inject = append(sn.inject, script...)
	if sn.out == nil {
		sn.errorPage = withInjected([]byte(errorPage), sn.inject)
	}
}

// injectAt returns where the snapshot's additions go in an HTML page: before
// the last </body>, or at the end of a page that has none.
func injectAt(page []byte) int {
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		return i
	}
	if i := bytes.LastIndex(bytes.ToLower(page), []byte("</body")); i >= 0 {
		return i
	}
	return len(page)
}

// withInjected returns a copy of page with add injected.
func withInjected(page, add []byte) []byte {
	i := injectAt(page)
	out := make([]byte, 0, len(page)+len(add))
	out = append(out, page[:i]...)
	out = append(out, add...)
	return append(out, page[i:]...)
}

// file returns the bytes of the file at name, rendering it the first time.
// Two requests may render the same file at once; the bytes are the same.
// The caller holds the server's swap lock for reading, so that the site
// does not change under the render.
func (sn *snapshot) file(name string) (data []byte, ok bool, err error) {
	if sn.out == nil || !sn.out.Has(name) {
		return nil, false, nil
	}
	if data, ok := sn.rendered.Load(name); ok {
		return data.([]byte), true, nil
	}
	var buf bytes.Buffer
	if err := sn.out.Render(name, &buf); err != nil {
		return nil, true, err
	}
	sn.rendered.Store(name, buf.Bytes())
	return buf.Bytes(), true, nil
}
