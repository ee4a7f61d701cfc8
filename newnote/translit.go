package newnote

import (
	"strings"
	"unicode"

	"github.com/chronicle-tools/chronicle/slug"
)

// maxSlug bounds the title part of a file name, in bytes.
const maxSlug = 60

// Slug makes the title part of a new note's file name. A note's id is its
// file name and must be ASCII letters, digits and hyphens, so Slug
// transliterates:
//
//   - Cyrillic by the Ukrainian national system (2010), the one Ukraine's
//     passports and road signs use ("Київ" -> "kyiv", "Запоріжжя" ->
//     "zaporizhzhia"), or by a common Russian system ("Объект" -> "obekt") when
//     the title has letters only Russian uses (ы, э, ъ, ё) or the site's
//     language is Russian and the title has no letters only Ukrainian uses;
//   - Latin letters lose their accents ("Škoda" -> "skoda", "Straße" ->
//     "strasse");
//   - apostrophes inside words vanish ("Zelensky's" -> "zelenskys", "Мар'їнка"
//     -> "marinka").
//
// Letters of other scripts are dropped. Then, as slug.Make does, it lowercases
// and joins the words with hyphens, and cuts the result at a hyphen to at most
// 60 bytes. It may return "" when the title has nothing to transliterate.
func Slug(title, lang string) string {
	uk := !russianTitle(title, lang)
	table := ukrainian
	if !uk {
		table = russian
	}
	var b strings.Builder
	inWord := false
	var prev rune
	for _, r := range title {
		if isApostrophe(r) {
			continue // inside a word: keep inWord as it is
		}
		lr := unicode.ToLower(r)
		switch t, ok := table[lr]; {
		case ok:
			switch {
			case !inWord && t.initial != "":
				b.WriteString(t.initial)
			case uk && lr == 'г' && prev == 'з':
				b.WriteString("gh") // зг -> zgh, to tell it from ж
			default:
				b.WriteString(t.other)
			}
		case latin[lr] != "":
			b.WriteString(latin[lr])
		default:
			b.WriteRune(lr)
		}
		inWord = unicode.IsLetter(r) || unicode.IsDigit(r)
		prev = lr
	}
	// Keep ASCII letters and digits; anything else separates words.
	ascii := strings.Map(func(r rune) rune {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return ' '
	}, b.String())
	s := slug.Make(ascii)
	if len(s) > maxSlug {
		if i := strings.LastIndexByte(s[:maxSlug+1], '-'); i > 0 {
			s = s[:i]
		} else {
			s = s[:maxSlug]
		}
	}
	return s
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '‘', '`', 'ʹ':
		return true
	}
	return false
}

// russianTitle tells which Cyrillic table to use.
func russianTitle(title, lang string) bool {
	if strings.ContainsAny(strings.ToLower(title), "іїєґ") {
		return false
	}
	if strings.ContainsAny(strings.ToLower(title), "ыэъё") {
		return true
	}
	return lang == "ru" || strings.HasPrefix(lang, "ru-")
}

// cyr is the transliteration of one lowercase letter: initial at the start
// of a word when it differs there, other elsewhere.
type cyr struct{ initial, other string }

var ukrainian = map[rune]cyr{
	'а': {"", "a"}, 'б': {"", "b"}, 'в': {"", "v"}, 'г': {"", "h"}, 'ґ': {"", "g"},
	'д': {"", "d"}, 'е': {"", "e"}, 'є': {"ye", "ie"}, 'ж': {"", "zh"}, 'з': {"", "z"},
	'и': {"", "y"}, 'і': {"", "i"}, 'ї': {"yi", "i"}, 'й': {"y", "i"}, 'к': {"", "k"},
	'л': {"", "l"}, 'м': {"", "m"}, 'н': {"", "n"}, 'о': {"", "o"}, 'п': {"", "p"},
	'р': {"", "r"}, 'с': {"", "s"}, 'т': {"", "t"}, 'у': {"", "u"}, 'ф': {"", "f"},
	'х': {"", "kh"}, 'ц': {"", "ts"}, 'ч': {"", "ch"}, 'ш': {"", "sh"}, 'щ': {"", "shch"},
	'ь': {"", ""}, 'ю': {"yu", "iu"}, 'я': {"ya", "ia"},
	// Letters of Russian and Belarusian, for mixed titles.
	'ы': {"", "y"}, 'э': {"", "e"}, 'ъ': {"", ""}, 'ё': {"yo", "io"}, 'ў': {"", "u"},
}

var russian = map[rune]cyr{
	'а': {"", "a"}, 'б': {"", "b"}, 'в': {"", "v"}, 'г': {"", "g"}, 'д': {"", "d"},
	'е': {"", "e"}, 'ё': {"", "e"}, 'ж': {"", "zh"}, 'з': {"", "z"}, 'и': {"", "i"},
	'й': {"", "y"}, 'к': {"", "k"}, 'л': {"", "l"}, 'м': {"", "m"}, 'н': {"", "n"},
	'о': {"", "o"}, 'п': {"", "p"}, 'р': {"", "r"}, 'с': {"", "s"}, 'т': {"", "t"},
	'у': {"", "u"}, 'ф': {"", "f"}, 'х': {"", "kh"}, 'ц': {"", "ts"}, 'ч': {"", "ch"},
	'ш': {"", "sh"}, 'щ': {"", "shch"}, 'ъ': {"", ""}, 'ы': {"", "y"}, 'ь': {"", ""},
	'э': {"", "e"}, 'ю': {"", "yu"}, 'я': {"", "ya"},
	// Letters of Ukrainian and Belarusian, for mixed titles.
	'і': {"", "i"}, 'ї': {"", "yi"}, 'є': {"", "ye"}, 'ґ': {"", "g"}, 'ў': {"", "u"},
}

// latin maps lowercase Latin letters with diacritics, and a few that
// decompose into none, to ASCII.
var latin = map[rune]string{}

func init() {
	for ascii, letters := range map[string]string{
		"a":  "àáâãäåāăąǎȁȃȧạảấầẩẫậắằẳẵặ",
		"c":  "çćĉċč",
		"d":  "ďđð",
		"e":  "èéêëēĕėęěȅȇẹẻẽếềểễệ",
		"g":  "ĝğġģǧ",
		"h":  "ĥħ",
		"i":  "ìíîïĩīĭįıǐȉȋịỉ",
		"j":  "ĵ",
		"k":  "ķǩ",
		"l":  "ĺļľŀł",
		"n":  "ñńņňŉ",
		"o":  "òóôõöøōŏőǒȍȏọỏốồổỗộớờởỡợơ",
		"r":  "ŕŗř",
		"s":  "śŝşšș",
		"t":  "ţťŧț",
		"u":  "ùúûüũūŭůűųǔưụủứừửữự",
		"w":  "ŵ",
		"y":  "ýÿŷỳỹ",
		"z":  "źżž",
		"ss": "ß",
		"ae": "æ",
		"oe": "œ",
		"th": "þ",
	} {
		for _, r := range letters {
			latin[r] = ascii
		}
	}
}
