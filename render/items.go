package render

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"

	"github.com/chronicle-tools/chronicle/internal/work"
	"github.com/chronicle-tools/chronicle/site"
)

// item returns an event's entry in lists (the "item" template), rendered
// the first time a list needs it: the front page, month archives and every
// taxonomy page then copy it instead of rendering the same entry again for
// each list it is in. Two pages may render the same entry at once; they
// make the same bytes, so either may be kept.
func (r *Renderer) item(e *site.Event) (template.HTML, error) {
	if h := r.items[e.Seq].Load(); h != nil {
		return *h, nil
	}
	h, err := written(func(b *bytes.Buffer) error {
		if r.itemTpl == nil {
			writeItem(b, r.site, e)
			return nil
		}
		return r.itemTpl.ExecuteTemplate(b, "item", e)
	})
	if err != nil {
		return "", err
	}
	r.items[e.Seq].Store(&h)
	return h, nil
}

// itemList is the entries of events, each on a line of its own.
func (r *Renderer) itemList(events []*site.Event) (template.HTML, error) {
	return written(func(b *bytes.Buffer) error { return r.writeItems(b, events) })
}

// written is what write writes, made in a pooled buffer: the list of a long
// term page runs to hundreds of kilobytes, and growing a new buffer to that
// size for each page costs more than the writing.
func written(write func(*bytes.Buffer) error) (template.HTML, error) {
	b := listBufs.Get().(*bytes.Buffer)
	defer listBufs.Put(b)
	b.Reset()
	err := write(b)
	return template.HTML(b.String()), err
}

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
// at once. It returns the error of the first event whose entry failed.
func (r *Renderer) RenderItems() error {
	s := r.site
	errs := make([]error, len(s.Events))
	work.Parallel(len(s.Events), func(_ *bytes.Buffer, i int) { _, errs[i] = r.item(s.Events[i]) })
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Forget drops e's entry in lists, rendered before a patch changed e.
func (r *Renderer) Forget(e *site.Event) { r.items[e.Seq].Store(nil) }
