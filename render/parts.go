package render

import (
	"bytes"
	"strconv"
	"time"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/site"
)

// The parts of pages that lists and event pages share, written as the
// templates of base.html write them (see eventpage.go).

// writeItem writes base.html's "item", an event's entry in lists.
func writeItem(b *bytes.Buffer, s *site.Site, e *site.Event) {
	b.WriteString("<article class=\"event k-")
	esc(b, e.Kind)
	b.WriteString("\" id=\"")
	esc(b, e.ID)
	b.WriteString("\" data-kind=\"")
	esc(b, e.Kind)
	b.WriteString("\" data-status=\"")
	esc(b, e.Status)
	for _, k := range facetKeys {
		writeStrings(b, "\" data-", k, "=\"")
		facet(s, e, k, func(v string) { esc(b, v) })
	}
	b.WriteString("\">\n<h4><a href=\"")
	escURL(b, e.View.URL)
	b.WriteString("\">")
	esc(b, e.Title)
	b.WriteString("</a></h4>\n<p class=\"meta\"><a class=\"date\" href=\"")
	escURL(b, e.View.URL)
	b.WriteString("\" title=\"Permanent link\">")
	writeWhen(b, e)
	b.WriteString("</a> ")
	writeKind(b, e)
	b.WriteString(" ")
	writeStatus(b, e)
	b.WriteString("</p>")
	if e.Summary != "" {
		b.WriteString("\n<p class=\"summary\">")
		esc(b, e.Summary)
		b.WriteString("</p>")
	}
	b.WriteString("\n<p class=\"facts\">")
	if len(e.View.Places) > 0 {
		b.WriteString("<span class=\"places\">")
		writeLinks(b, e.View.Places)
		b.WriteString("</span> · ")
	}
	b.WriteString(plural(len(e.Sources), "source", "sources"))
	b.WriteString("</p>\n</article>")
}

// writeDays writes base.html's "days", a list of events under their days.
func (r *Renderer) writeDays(b *bytes.Buffer, days []*site.Day) error {
	s := r.site
	for _, d := range days {
		b.WriteString("\n<section class=\"day\" aria-labelledby=\"")
		esc(b, d.Anchor)
		b.WriteString("\">\n<h3 id=\"")
		esc(b, d.Anchor)
		b.WriteString("\"><a href=\"#")
		esc(b, d.Anchor) // an anchor is letters, digits and hyphens
		b.WriteString("\">")
		esc(b, d.Date.HumanIn(s.Config.Location))
		if d.Date.Prec < date.Day {
			b.WriteString(" <span class=\"prec\">(day not known)</span>")
		}
		b.WriteString("</a></h3>\n")
		if err := r.writeItems(b, d.Events); err != nil {
			return err
		}
		b.WriteString("\n</section>")
	}
	return nil
}

// writeItems writes base.html's "list": the entries of events, each on a
// line of its own.
func (r *Renderer) writeItems(b *bytes.Buffer, events []*site.Event) error {
	for _, e := range events {
		h, err := r.item(e)
		if err != nil {
			return err
		}
		b.WriteByte('\n')
		b.WriteString(string(h))
	}
	return nil
}

// writeSourceUses writes base.html's "source-uses": sources, each with the
// events that cite it.
func writeSourceUses(b *bytes.Buffer, uses []*site.SourceUse) {
	for _, u := range uses {
		src := u.Source
		if src.URL != "" {
			b.WriteString("\n<li><a href=\"")
			escURL(b, src.URL)
			b.WriteString("\" rel=\"noopener noreferrer\">")
			esc(b, src.Title)
			b.WriteString("</a>")
		} else {
			b.WriteString("\n<li><cite>")
			esc(b, src.Title)
			b.WriteString("</cite>")
		}
		if src.Pages != "" {
			b.WriteString(", ")
			esc(b, src.Pages)
		}
		if !src.Published.IsZero() {
			b.WriteString(", ")
			if src.PublishedEstimated {
				b.WriteString("about ")
			}
			esc(b, src.PublishedView.Human)
			if src.PublishedEstimated {
				b.WriteString(" <span class=\"approx\">(date estimated)</span>")
			}
		}
		b.WriteString(".")
		if src.Reference != "" {
			b.WriteString(" Reference: ")
			esc(b, src.Reference)
			b.WriteString(".")
		}
		b.WriteString(" Cited by: ")
		for i, e := range u.Events {
			if i > 0 {
				b.WriteString("; ")
			}
			writeA(b, "", e.View.URL, "", e.Title, "")
		}
		b.WriteString(".</li>")
	}
}

func writeWhen(b *bytes.Buffer, e *site.Event) {
	b.WriteString("<time datetime=\"")
	esc(b, e.View.ISO)
	b.WriteString("\">")
	esc(b, e.View.When)
	b.WriteString("</time>")
}

func writeKind(b *bytes.Buffer, e *site.Event) {
	k := e.View.Kind
	if k == nil {
		return
	}
	b.WriteString("<a class=\"kind k-")
	esc(b, k.Key)
	b.WriteString("\" href=\"")
	escURL(b, k.URL)
	b.WriteString("\">")
	esc(b, k.Label)
	b.WriteString("</a>")
}

func writeStatus(b *bytes.Buffer, e *site.Event) {
	b.WriteString("<span class=\"status s-")
	esc(b, e.Status)
	b.WriteString("\" title=\"")
	esc(b, e.View.StatusMeaning)
	b.WriteString("\">")
	esc(b, e.View.StatusLabel)
	if e.ClaimedBy != "" {
		b.WriteString(": ")
		esc(b, e.ClaimedBy)
	}
	b.WriteString("</span>")
}

func writeLinks(b *bytes.Buffer, links []site.Link) {
	for i, l := range links {
		if i > 0 {
			b.WriteString(", ")
		}
		writeA(b, "", l.URL, "", l.Name, "")
	}
}

func writeRelated(b *bytes.Buffer, events []*site.Event) {
	for _, r := range events {
		b.WriteString("\n<li>")
		writeA(b, "", r.View.URL, "", r.Title, "")
		b.WriteString(" (")
		esc(b, r.View.When)
		b.WriteString(")</li>")
	}
}

func writeSource(b *bytes.Buffer, src *site.Source, loc *time.Location) {
	num := strconv.Itoa(src.Num)
	writeStrings(b, "\n<li id=\"src-", num, "\">\n<span class=\"publisher\">")
	esc(b, src.Publisher)
	b.WriteString("</span>, ")
	if src.URL != "" {
		b.WriteString("<a href=\"")
		escURL(b, src.URL)
		b.WriteString("\" rel=\"noopener noreferrer\"")
		writeAttr(b, "hreflang", src.Lang)
		b.WriteString(">")
		esc(b, src.Title)
		b.WriteString("</a>")
	} else {
		// Nowhere to link to: the title as the name of a work.
		b.WriteString("<cite")
		writeAttr(b, "lang", src.Lang)
		b.WriteString(">")
		esc(b, src.Title)
		b.WriteString("</cite>")
	}
	if src.Pages != "" {
		b.WriteString(", ")
		esc(b, src.Pages)
	}
	if !src.Published.IsZero() {
		b.WriteString(", <time datetime=\"")
		esc(b, src.PublishedView.ISO)
		b.WriteString("\">")
		if src.PublishedEstimated {
			b.WriteString("about ")
		}
		esc(b, src.PublishedView.Human)
		b.WriteString("</time>")
		if src.PublishedEstimated {
			b.WriteString(" <span class=\"approx\">(date estimated)</span>")
		}
	}
	b.WriteString(".")
	if src.Archived != "" {
		b.WriteString(" <a href=\"")
		escURL(b, src.Archived)
		b.WriteString("\" rel=\"noopener noreferrer\">Archived copy</a>.")
	}
	if src.Reference != "" {
		b.WriteString(" Reference: ")
		esc(b, src.Reference)
		b.WriteString(".")
	}
	if !src.Accessed.IsZero() {
		b.WriteString(" Accessed ")
		esc(b, src.Accessed.HumanIn(loc))
		b.WriteString(".")
	}
	if src.Quote != "" {
		b.WriteString("\n<blockquote><p>“")
		esc(b, src.Quote)
		b.WriteString("”</p></blockquote>")
	}
	if src.Cited > 0 {
		writeStrings(b, " <a class=\"back\" href=\"#cite-", num, "-1\" aria-label=\"Back to the first citation of source ", num, "\">↩</a>")
	}
	b.WriteString("\n</li>")
}
