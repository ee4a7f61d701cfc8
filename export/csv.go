package export

import (
	"encoding/csv"
	"io"
	"strings"
	"time"

	"github.com/chronicle-tools/chronicle/site"
)

// csvColumns is the header row of events.csv; docs/data.md describes each
// column.
var csvColumns = []string{
	"id", "url", "title", "date", "date_precision", "end", "end_precision",
	"kind", "kind_label", "status", "claimed_by", "summary", "content_warning",
	"places", "actors", "tags", "storylines", "related", "sources", "updated", "extra",
	"date_circa", "end_circa", // added after the others: scripts read columns by place
}

// csvSep joins the values of a multi-valued column.
const csvSep = "; "

// eventsCSV is events.csv: RFC 4180 (CRLF line ends, fields quoted where
// needed), UTF-8 without a byte-order mark, a header row, then one row per
// event in time order.
func (s data) eventsCSV(out io.Writer) error {
	c := s.Config
	w := csv.NewWriter(out)
	w.UseCRLF = true
	w.Write(csvColumns)
	for _, e := range s.Events {
		kindLabel := ""
		if k := c.Kind(e.Kind); k != nil {
			kindLabel = k.Label
		}
		var end, endPrec string
		if !e.End.IsZero() {
			end, endPrec = e.End.ISO(c.Location), e.End.Prec.String()
		}
		related := make([]string, len(e.RelatedEvents))
		for i, r := range e.RelatedEvents {
			related[i] = r.ID
		}
		// The column is of addresses: a source without a url has none
		// (events.json carries it whole).
		sources := make([]string, 0, len(e.Sources))
		for _, src := range e.Sources {
			if src.URL != "" {
				sources = append(sources, src.URL)
			}
		}
		w.Write([]string{
			e.ID, c.AbsURL("events/" + e.ID + "/"), e.Title,
			e.Date.ISO(c.Location), e.Date.Prec.String(), end, endPrec,
			e.Kind, kindLabel, e.Status, e.ClaimedBy, e.Summary, e.ContentWarning,
			csvJoin(e.Places), csvJoin(e.Actors), csvJoin(e.Tags), csvJoin(e.Storylines),
			csvJoin(related), csvJoin(sources),
			e.Updated(c.Location).Format(time.RFC3339),
			csvExtra(e.Extra, c.Location),
			csvBool(e.Date.Approx), csvBool(e.End.Approx),
		})
	}
	w.Flush()
	return w.Error()
}

// csvBool is "true" or empty.
func csvBool(b bool) string {
	if b {
		return "true"
	}
	return ""
}

// csvJoin joins the values of a list, each once, in the order written.
func csvJoin(list []string) string {
	return strings.Join(site.Dedupe(list), csvSep)
}

// csvExtra is a note's extra fields as the text of a JSON object, as
// events.json gives them, or "" when it has none.
func csvExtra(list []site.Extra, loc *time.Location) string {
	if len(list) == 0 {
		return ""
	}
	return string(newJSONExtra(list, loc).appendJSON(nil))
}
