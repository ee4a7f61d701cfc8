package site

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Advice: the word a message suggests for a word that is not known. An
// author who writes status = "contested" means "disputed", whatever the
// spelling says, so a table of synonyms is asked first; the spelling only
// when it is close enough that a typo is the likely cause. A suggestion is
// only advice: a synonym is never accepted in place of the word.

// The synonyms of each vocabulary, lowercase, to the word of ours they
// mean. A synonym mapped to "" has no counterpart in the format: it gets
// no suggestion at all, rather than the word it happens to look like
// ("tier" is not "title").
var (
	statusSynonyms = map[string]string{
		"contested": "disputed", "denied": "disputed", "refuted": "disputed", "rejected": "disputed", "debunked": "disputed",
		"verified": "confirmed", "validated": "confirmed", "established": "confirmed", "true": "confirmed", "proven": "confirmed",
		"alleged": "claimed", "asserted": "claimed",
		"unconfirmed": "reported", "unverified": "reported",
	}
	noteKeySynonyms = map[string]string{
		"headline": "title", "name": "title",
		"start_date": "date", "start": "date", "when": "date", "date_start": "date",
		"end_date": "end", "until": "end", "date_end": "end",
		"type": "kind", "category": "kind", "event_type": "kind",
		"place": "places", "location": "places", "locations": "places", "where": "places",
		"actor": "actors", "who": "actors", "parties": "actors",
		"tag": "tags", "categories": "tags", "keywords": "tags",
		"storyline": "storylines", "thread": "storylines", "threads": "storylines",
		"related_events": "related", "see_also": "related",
		"description": "summary", "abstract": "summary", "excerpt": "summary",
		"warning": "content_warning", "cw": "content_warning", "trigger_warning": "content_warning",
		"claimant": "claimed_by", "claimed": "claimed_by", "source": "sources", "update": "updates", "corrections": "updates",
		"verification": "status", "confidence": "status",
		// The author's own fields: the message says to put them under [extra].
		"importance": "extra", "score": "extra", "priority": "extra", "weight": "extra", "rating": "extra", "custom": "extra",
	}
	sourceKeySynonyms = map[string]string{
		"link": "url", "href": "url", "source_url": "url", "address": "url", "uri": "url",
		"author": "publisher", "outlet": "publisher", "site": "publisher", "website": "publisher", "publication": "publisher", "source": "publisher",
		"headline": "title", "name": "title",
		"date": "published", "published_date": "published", "date_published": "published", "pub_date": "published", "published_at": "published",
		"estimated":   "published_estimated",
		"access_date": "accessed", "accessed_date": "accessed", "retrieved": "accessed",
		"archive": "archived", "archive_url": "archived", "archived_url": "archived", "wayback": "archived",
		"language": "lang",
		"excerpt":  "quote",
		"page":     "pages", "page_range": "pages",
		"isbn": "reference", "call_number": "reference", "docket": "reference", "ref": "reference", "archive_reference": "reference",
		// Ratings of a source are the author's own fields: the message
		// says to put them under [sources.extra].
		"tier": "extra", "reliability": "extra", "credibility": "extra", "rating": "extra",
	}
	updateKeySynonyms = map[string]string{
		"text": "note", "description": "note", "summary": "note", "change": "note",
		"when": "date", "updated": "date",
	}
	pageKeySynonyms = map[string]string{"summary": "description", "order": "menu", "weight": "menu"}
	configSynonyms  = map[string]string{
		"name": "title", "base_url": "baseURL", "url": "baseURL", "lang": "language", "tz": "timezone",
		"publishdir": "output", "publish_dir": "output", "domain": "cname",
	}
	kindKeySynonyms      = map[string]string{"name": "label", "title": "label", "colour": "color"}
	storylineKeySynonyms = map[string]string{"name": "title", "label": "title", "summary": "description"}
	publisherKeySynonyms = map[string]string{"alias": "aliases", "spellings": "aliases", "names": "aliases", "other_names": "aliases", "aka": "aliases"}
)

// suggest is the known word that w most likely means, or "": its synonym
// when the table has one, else the closest spelling when close enough (see
// near).
func suggest(w string, known []string, synonyms map[string]string) string {
	lw := strings.ToLower(w)
	if s, ok := synonyms[lw]; ok {
		for _, k := range known {
			if k == s {
				return s
			}
		}
		return "" // no counterpart, or not one of these words
	}
	return nearest(w, known)
}

// didYouMean is a suggestion to end a message with, or "".
func didYouMean(w string, known []string, synonyms map[string]string) string {
	if s := suggest(w, known, synonyms); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// nearest suggests the known word closest to w in spelling, ignoring case,
// or "" if none is near enough for a typo to be the likely cause: at most
// one edit in four characters of w, and always one (a transposition counts
// as one edit). Farther than that, the word is more likely another word
// than a typo, and the closest one tends to point the wrong way
// ("contested" is four edits from "confirmed").
func nearest(w string, known []string) string {
	lw := strings.ToLower(w)
	n := utf8.RuneCountInString(lw)
	best, bestD, bestP := "", maxEdits(n)+1, -1
	for _, k := range known {
		// The distance is at least the difference in length: skip the
		// quadratic count when it cannot win (a long mistyped id among
		// thousands would otherwise cost seconds).
		lk := strings.ToLower(k)
		if m := utf8.RuneCountInString(lk); n-m > bestD || m-n > bestD {
			continue
		}
		d, p := editDistance(lw, lk), commonPrefix(lw, lk)
		// On a tie, the word that starts the same way is the likelier
		// intent: "knd" is "kind", not "end".
		if d < bestD || d == bestD && p > bestP && best != "" {
			best, bestD, bestP = k, d, p
		}
	}
	return best
}

// maxEdits is the most edits a word of n characters may be from the word
// suggested for it.
func maxEdits(n int) int { return max(1, n/4) }

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and transpositions of two neighbours, each one
// edit ("titel" is one edit from "title").
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// nearestID suggests the id of a note that a related id naming no note
// most likely means, or "". Ids share their date prefix with many notes,
// so ids are compared on their slug part, after YYYY-MM-DD-, which names
// the event: "2025-11-20-kyiv-talks" is not "2025-11-20-kyiv-strike". Of
// the ids whose slug is nearest, the one that shares the longest prefix
// with id wins (the same date, or the nearer), then the first in order.
func nearestID(id string, ids []string) string {
	want := strings.ToLower(idSlug(id))
	n := utf8.RuneCountInString(want)
	if n == 0 {
		return ""
	}
	best, bestD, bestP := "", maxEdits(n)+1, -1
	for _, k := range ids {
		ks := strings.ToLower(idSlug(k))
		if m := utf8.RuneCountInString(ks); n-m > bestD || m-n > bestD {
			continue
		}
		d := editDistance(want, ks)
		if d > bestD {
			continue
		}
		if p := commonPrefix(id, k); d < bestD || p > bestP && best != "" {
			best, bestD, bestP = k, d, p
		}
	}
	return best
}

// idSlug is the part of an id after its date prefix, YYYY-MM-DD-; the id
// itself when it has none.
func idSlug(id string) string {
	if len(id) > 11 && id[4] == '-' && id[7] == '-' && id[10] == '-' && allDigits(id[:4]+id[5:7]+id[8:10]) {
		return id[11:]
	}
	return id
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
