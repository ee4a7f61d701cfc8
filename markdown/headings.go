package markdown

import (
	"regexp"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// pageIDs are the ids the default templates give elements of the pages a
// body is shown on. A heading of the body must not take one: a heading
// "Src 1" would otherwise catch every link to the first source.
var pageIDs = []string{"main", "sources", "updates", "related", "filters", "storynav-h", "storylines-h", "months-h", "mh", "chart-title", "chart-desc", "filter-count", "filter-clear"}

// pageIDRE matches the ids the templates number or prefix: sources,
// citations, filters, days and months. (Footnote ids hold a colon, which
// heading ids never do.)
var pageIDRE = regexp.MustCompile(`^(src-[0-9]|cite-[0-9]|f-|[dm][0-9])`)

// headingIDs makes a body's heading ids as goldmark's ids do, but of
// letters of any script (goldmark keeps ASCII ones only, so a heading
// "Заява Зеленського" had the id "-"), and clear of the page's own ids. It
// is set up on a body's first heading: most bodies have none.
type headingIDs struct {
	used map[string]bool
	last map[string]int // the last number given after a base, as goldmark keeps it
}

func (h *headingIDs) init() {
	if h.used != nil {
		return
	}
	h.used = make(map[string]bool, len(pageIDs)+4)
	h.last = map[string]int{}
	for _, id := range pageIDs {
		h.used[id] = true
	}
}

// Generate makes an id as goldmark's does, byte for byte on ASCII text
// (FuzzHeadingIDsAsGoldmark): letters and digits lowercased, spaces,
// hyphens and underscores as hyphens, the rest dropped; "heading" if
// nothing is left; -1, -2 and so on after an id already taken.
func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	h.init()
	var base []byte
	for _, r := range string(util.TrimRightSpace(util.TrimLeftSpace(value))) {
		switch {
		case r < utf8.RuneSelf && util.IsAlphaNumeric(byte(r)):
			base = append(base, byte(unicode.ToLower(r)))
		case r < utf8.RuneSelf && (util.IsSpace(byte(r)) || r == '-' || r == '_'):
			base = append(base, '-')
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
			base = utf8.AppendRune(base, unicode.ToLower(r))
		}
	}
	if len(base) == 0 {
		base = []byte("id")
		if kind == ast.KindHeading {
			base = []byte("heading")
		}
	}
	id := h.unique(string(base))
	if pageIDRE.MatchString(id) {
		id = h.unique("h-" + id)
	}
	return []byte(id)
}

// unique is base, or base-N with N past the last one given after base: a
// hundred thousand headings of one text must not count from 1 each time.
func (h *headingIDs) unique(base string) string {
	if !h.used[base] {
		h.used[base] = true
		return base
	}
	for i := h.last[base] + 1; ; i++ {
		if id := base + "-" + strconv.Itoa(i); !h.used[id] {
			h.used[id] = true
			h.last[base] = i
			return id
		}
	}
}

func (h *headingIDs) Put(value []byte) {
	h.init()
	h.used[string(value)] = true
}
