package render

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/a-h/templ"

	"github.com/chronicle-tools/chronicle/internal/work"
	"github.com/chronicle-tools/chronicle/site"
)

// itemHTML returns an event's entry in lists (item in parts.templ),
// rendered the first time a list needs it: the front page, month archives
// and every taxonomy page then copy it instead of rendering the same entry
// again for each list it is in. Two pages may render the same entry at
// once; they make the same bytes, so either may be kept.
func (r *Renderer) itemHTML(e *site.Event) string {
	if h := r.items[e.Seq].Load(); h != nil {
		return *h
	}
	h := renderString(item(r.site, e))
	r.items[e.Seq].Store(&h)
	return h
}

// itemList writes the entries of events.
func (r *Renderer) itemList(events []*site.Event) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		for _, e := range events {
			if _, err := io.WriteString(w, r.itemHTML(e)); err != nil {
				return err
			}
		}
		return nil
	})
}

// listBufs are the buffers the parts rendered to strings are made in: a
// list entry is small, but the buffer of a long one is kept for the next.
var listBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// kindCSS gives each kind its colour. It lives in the stylesheet because the
// Content-Security-Policy forbids inline styles.
func (r *Renderer) kindCSS() []byte {
	s := r.site
	var b bytes.Buffer
	b.WriteString("\n/* Kind colours, from config.toml. */\n")
	for _, k := range s.Config.Kinds {
		fmt.Fprintf(&b, ".k-%s { --kind: %s; }\n", k.Key, k.Color)
	}
	return b.Bytes()
}

// RenderItems renders every event's entry in lists, each once and side by
// side, so that the workers rendering lists do not render the same entries
// at once.
func (r *Renderer) RenderItems() {
	s := r.site
	work.Parallel(len(s.Events), func(_ *bytes.Buffer, i int) { r.itemHTML(s.Events[i]) })
}

// Forget drops e's entry in lists, rendered before a patch changed e.
func (r *Renderer) Forget(e *site.Event) { r.items[e.Seq].Store(nil) }
