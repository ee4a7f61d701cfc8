package corpus

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing/fstest"
	"unicode"
	"unicode/utf8"
)

// The long-tail mode is shaped like a real public timeline (issue #18):
// 1,925 events there carry 3,543 actors, 3,681 tags and 448 storylines,
// dated from 1142 to 2025, and many a list entry's first paragraph is over
// 600 characters. FS's 20 places and 14 actors and tags hide what such a
// site costs: a page for every name, lists of thousands of names, a month
// page for every month of nine centuries.
//
// Per note, some four actors and four tags are drawn by preferential
// attachment (a Yule–Simon process): a name new to the corpus with
// probability longTailNew, else the name of an earlier draw picked at
// random, so a name is drawn again in proportion to its uses. About
// 1.8 distinct actors and as many tags a note result, two thirds of them
// used once, a few by hundreds of notes.

const (
	longTailNew      = 0.45 // chance that an actor or tag drawn is a new one
	longTailPlaces   = 300  // places, drawn by a Zipf law
	longTailFirst    = 1100 // the years the dates span
	longTailLast     = 2025
	longTailRecent   = 1990 // most dates fall from here to longTailLast
	longTailPubCount = 150  // publishers, drawn by a Zipf law
)

// LongTailStorylines is the number of storylines a long-tail corpus of n
// notes declares and uses: n/4, at least one.
func LongTailStorylines(n int) int { return max(1, n/4) }

// LongTailConfig is the config.toml of a long-tail corpus of n notes: FS's
// kinds, and LongTailStorylines(n) storylines.
func LongTailConfig(n int, seed uint64) string {
	g := newNamer(seed)
	var b strings.Builder
	// FS's config up to its storylines: the same title, clock and kinds.
	b.WriteString(Config[:strings.Index(Config, "[storylines.")])
	for i := range LongTailStorylines(n) {
		key, title := g.storyline(i)
		fmt.Fprintf(&b, "[storylines.%s]\ntitle = %q\n", key, title)
	}
	return b.String()
}

// LongTailNotes returns n notes of the long-tail mode as file path ->
// content, the same for the same n and seed.
func LongTailNotes(n int, seed uint64) map[string]string {
	r := rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))
	g := newNamer(seed)
	lt := &longTail{
		r:       r,
		g:       g,
		actors:  &attach{},
		tags:    &attach{},
		stories: LongTailStorylines(n),
		places:  rand.NewZipf(r, 1.1, 2, longTailPlaces-1),
		pubs:    rand.NewZipf(r, 1.2, 1, longTailPubCount-1),
	}
	out := make(map[string]string, n)
	for i := range n {
		path, text := lt.note(i)
		out[path] = text
	}
	return out
}

// LongTailFS returns a whole long-tail site of n notes, ready for
// build.Build; FS's counterpart.
func LongTailFS(n int, seed uint64) fstest.MapFS {
	fsys := fstest.MapFS{"config.toml": {Data: []byte(LongTailConfig(n, seed))}}
	for p, text := range LongTailNotes(n, seed) {
		fsys[p] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// attach draws names by preferential attachment: each draw is a new name
// with probability longTailNew, else one of the earlier draws' names.
type attach struct {
	draws []int // every name drawn, by its number, repeated by its uses
	next  int   // the number of the next new name
}

func (a *attach) draw(r *rand.Rand) int {
	k := a.next
	if len(a.draws) > 0 && r.Float64() >= longTailNew {
		k = a.draws[r.IntN(len(a.draws))]
	} else {
		a.next++
	}
	a.draws = append(a.draws, k)
	return k
}

type longTail struct {
	r            *rand.Rand
	g            *namer
	actors, tags *attach
	stories      int
	storyDraws   []int
	places, pubs *rand.Zipf
}

// distinct draws k different numbers with draw.
func distinct(k int, draw func() int) []int {
	var out []int
	for tries := 0; len(out) < k && tries < 10*k; tries++ {
		x := draw()
		dup := false
		for _, y := range out {
			dup = dup || x == y
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

// date gives a note's date: a third spread evenly over the centuries, the
// rest in recent decades; a day, a month or a year, now and then with an
// end or, in the last century, a time.
func (lt *longTail) date() (front, ymd string, year int) {
	r := lt.r
	year = longTailRecent + r.IntN(longTailLast-longTailRecent+1)
	if r.IntN(3) == 0 {
		year = longTailFirst + r.IntN(longTailLast-longTailFirst+1)
	}
	month, day := 1+r.IntN(12), 1+r.IntN(25) // room for an end in any month
	ymd = fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	switch x := r.IntN(20); {
	case x < 3:
		return fmt.Sprintf("date = \"%04d\"\n", year), ymd, year
	case x < 7:
		return fmt.Sprintf("date = \"%04d-%02d\"\n", year, month), ymd, year
	case x < 9:
		return fmt.Sprintf("date = %s\nend = %04d-%02d-%02d\n", ymd, year, month, day+1+r.IntN(3)), ymd, year
	case x < 10 && year >= 1930:
		return fmt.Sprintf("date = %sT%02d:%02d:00\n", ymd, r.IntN(24), r.IntN(60)), ymd, year
	}
	return fmt.Sprintf("date = %s\n", ymd), ymd, year
}

func (lt *longTail) note(i int) (path, text string) {
	r, g := lt.r, lt.g
	front, ymd, year := lt.date()
	actors := distinct(1+r.IntN(7), func() int { return lt.actors.draw(r) })
	tags := distinct(1+r.IntN(7), func() int { return lt.tags.draw(r) })
	places := distinct(1+r.IntN(3), func() int { return int(lt.places.Uint64()) })

	// Every storyline is used: note i < n/4 opens storyline i; a note may
	// join another, drawn in proportion to its notes so far.
	var stories []int
	if i < lt.stories {
		stories = append(stories, i)
	}
	if r.IntN(3) > 0 && len(lt.storyDraws) > 0 {
		if k := lt.storyDraws[r.IntN(len(lt.storyDraws))]; len(stories) == 0 || stories[0] != k {
			stories = append(stories, k)
		}
	}
	lt.storyDraws = append(lt.storyDraws, stories...)

	names := func(list []int, name func(int) string) string {
		s := make([]string, len(list))
		for j, k := range list {
			s[j] = name(k)
		}
		return quoted(s)
	}
	actorNames := make([]string, len(actors))
	for j, k := range actors {
		actorNames[j] = g.actor(k)
	}

	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %q\n", fmt.Sprintf("%s %s %s", actorNames[0], g.phrase(r, 4), g.place(places[0])))
	b.WriteString(front)
	fmt.Fprintf(&b, "kind = %q\n", kinds[r.IntN(len(kinds))])
	fmt.Fprintf(&b, "places = %s\n", names(places, g.place))
	fmt.Fprintf(&b, "actors = %s\n", quoted(actorNames))
	fmt.Fprintf(&b, "tags = %s\n", names(tags, g.tag))
	switch r.IntN(4) {
	case 0:
		b.WriteString("status = \"confirmed\"\n")
	case 1:
		fmt.Fprintf(&b, "status = \"claimed\"\nclaimed_by = %q\n", actorNames[r.IntN(len(actorNames))])
	case 2:
		fmt.Fprintf(&b, "status = \"disputed\"\nclaimed_by = %q\n", actorNames[0]+"; denied by "+g.actor(lt.actors.draw(r)))
	}
	if len(stories) > 0 {
		fmt.Fprintf(&b, "storylines = %s\n", names(stories, func(k int) string { key, _ := g.storyline(k); return key }))
	}
	nsrc := 1 + r.IntN(4)
	for s := range nsrc {
		pub := int(lt.pubs.Uint64())
		// Sources on old events were written long after them.
		pubYear := max(year, 1995+r.IntN(31))
		fmt.Fprintf(&b, "\n[[sources]]\nid = \"s%d\"\ntitle = %q\npublisher = %q\nurl = \"https://example.org/%s/%d/%d\"\npublished = %04d%s\n",
			s+1, g.phrase(r, 7), g.publisher(pub), g.word(uint64(pub)+1000), i, s, pubYear, ymd[4:])
		if r.IntN(4) == 0 {
			fmt.Fprintf(&b, "quote = %q\n", g.phrase(r, 12))
		}
	}
	if r.IntN(10) == 0 {
		fmt.Fprintf(&b, "\n[[updates]]\ndate = %04d%s\nnote = %q\n", max(year, 2025), ymd[4:], g.phrase(r, 10))
	}
	b.WriteString("+++\n\n")

	// The first paragraph is long more often than not: 600 characters and
	// more, the list entry's summary. Then one to three shorter ones.
	first := 2 + r.IntN(3)
	if r.IntN(5) < 3 {
		first = 6 + r.IntN(5)
	}
	paras := []int{first}
	for range 1 + r.IntN(3) {
		paras = append(paras, 2+r.IntN(3))
	}
	for p, sentences := range paras {
		for range sentences {
			b.WriteString(g.sentence(r, 12+r.IntN(8), actorNames))
			fmt.Fprintf(&b, ".[@s%d] ", 1+r.IntN(nsrc))
		}
		if p == 0 {
			for s := range nsrc {
				fmt.Fprintf(&b, "Sources agree.[@s%d] ", s+1)
			}
		}
		b.WriteString("\n\n")
	}
	id := fmt.Sprintf("%s-lt-%06d", ymd, i)
	return fmt.Sprintf("content/%s/%s/%s.md", ymd[:4], ymd[5:7], id), b.String()
}

// namer makes names: words of syllables, each number its own word, so that
// no two names share a page. A tenth of the actors and places are Cyrillic.
type namer struct {
	perm uint64 // an odd multiplier, from the seed: which number gets which word
}

func newNamer(seed uint64) *namer {
	// Odd and not a multiple of 5, so that it is prime to every band's
	// size (a power of syllables = 2^8 × 5).
	p := (seed*0x9e3779b97f4a7c15 | 1) & (1<<40 - 1)
	if p%5 == 0 {
		p += 2
	}
	return &namer{perm: p}
}

var (
	latinOnset  = strings.Fields("b d f g h k l m n p r s t v z br dr gr kr tr")
	latinVowel  = strings.Fields("a e i o u ai ei ou")
	latinCoda   = []string{"", "n", "r", "l", "s", "m", "x", "v"}
	cyrilOnset  = strings.Fields("б в г д ж з к л м н п р с т х ш бр гр др тр")
	cyrilVowel  = strings.Fields("а е и о у я ю ы")
	cyrilCoda   = []string{"", "н", "р", "л", "в", "й", "с", "м"}
	givenLatin  = []string{"Ada", "Belen", "Corvin", "Dara", "Elio", "Fenna", "Gideon", "Hale", "Isolde", "Joren", "Kasia", "Lior", "Mira", "Niko", "Orla", "Pavo", "Quill", "Rhea", "Soren", "Tamsin", "Ulla", "Varo", "Wren", "Yael", "Zora"}
	givenCyril  = []string{"Арсен", "Богдана", "Весна", "Гордій", "Дарина", "Злата", "Ірма", "Любомир", "Мирослава", "Остап", "Ростислава", "Тарас"}
	orgSuffixes = []string{"Council", "Guild", "League", "Directorate", "Commission", "Brotherhood", "Company", "Assembly"}
	pubSuffixes = []string{"Herald", "Courier", "Gazette", "Chronicle", "Wire", "Review", "Post", "Dispatch", "Observer", "Bulletin"}
	syllables   = uint64(len(latinOnset) * len(latinVowel) * len(latinCoda)) // = Cyrillic's too
)

// syllable is syllable x (mod syllables) of a script. No coda is the first
// letter of a two-letter onset, nor a vowel a letter of an onset, so a word
// reads back into its syllables one way: different numbers make different
// words.
func syllable(x uint64, cyril bool) string {
	on, vo, co := latinOnset, latinVowel, latinCoda
	if cyril {
		on, vo, co = cyrilOnset, cyrilVowel, cyrilCoda
	}
	x %= syllables
	return on[x%uint64(len(on))] + vo[x/uint64(len(on))%uint64(len(vo))] + co[x/uint64(len(on)*len(vo))]
}

// wordOf is the k-th word of a script: two syllables for the first
// syllables², three for the next syllables³, and so on. Different k make
// different words (see syllable), which is all a page name needs.
func (g *namer) wordOf(k uint64, cyril bool) string {
	// Scramble k within its band of two-syllable words, three-syllable
	// words and so on, so the seed changes the names but not their count.
	n, band := 2, syllables*syllables
	for k >= band {
		k -= band
		n, band = n+1, band*syllables
	}
	hi, lo := bits.Mul64(k, g.perm)
	_, k = bits.Div64(hi%band, lo, band)
	k = (k + 7) % band
	var b strings.Builder
	for range n {
		b.WriteString(syllable(k, cyril))
		k /= syllables
	}
	return b.String()
}

func (g *namer) word(k uint64) string { return g.wordOf(k, false) }

func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// actor k: a person ("Given Surname"), every tenth in Cyrillic, or, every
// fifth, a body ("The Surname Council"). The surname alone carries k.
func (g *namer) actor(k int) string {
	cyril := k%10 == 3
	sur := capital(g.wordOf(uint64(k)+5000, cyril))
	switch {
	case k%5 == 1:
		return "The " + sur + " " + orgSuffixes[k/5%len(orgSuffixes)]
	case cyril:
		return givenCyril[k/10%len(givenCyril)] + " " + sur
	}
	return givenLatin[k%len(givenLatin)] + " " + sur
}

// tag k: lowercase, one word, or two joined by a hyphen.
func (g *namer) tag(k int) string {
	w := g.word(uint64(k) + 90000)
	if k%3 == 0 {
		return w + "-" + g.word(uint64(k%97)+200000)
	}
	return w
}

// place k: every eighth in Cyrillic, some a region.
func (g *namer) place(k int) string {
	w := capital(g.wordOf(uint64(k)+300000, k%8 == 5))
	if k%6 == 2 {
		return w + " region"
	}
	return w
}

// storyline k: its key and its title.
func (g *namer) storyline(k int) (key, title string) {
	w := g.word(uint64(k) + 400000)
	return w, "The " + capital(w) + " affair"
}

// publisher k: a name and a newspaper's word.
func (g *namer) publisher(k int) string {
	return "The " + capital(g.word(uint64(k)+1000)) + " " + pubSuffixes[k%len(pubSuffixes)]
}

// phrase is n words of prose.
func (g *namer) phrase(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = words[r.IntN(len(words))]
	}
	return strings.Join(w, " ")
}

// sentence is a capitalised sentence of n words, naming one of the note's
// actors now and then.
func (g *namer) sentence(r *rand.Rand, n int, actors []string) string {
	s := capital(g.phrase(r, n))
	if r.IntN(3) == 0 {
		s += ", " + words[r.IntN(len(words))] + " " + actors[r.IntN(len(actors))]
	}
	return s
}
