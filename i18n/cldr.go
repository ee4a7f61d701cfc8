package i18n

import (
	"github.com/go-playground/locales"
	"github.com/go-playground/locales/ar"
	"github.com/go-playground/locales/be"
	"github.com/go-playground/locales/de"
	"github.com/go-playground/locales/en"
	"github.com/go-playground/locales/es"
	"github.com/go-playground/locales/fr"
	"github.com/go-playground/locales/he"
	"github.com/go-playground/locales/it"
	"github.com/go-playground/locales/ka"
	"github.com/go-playground/locales/pl"
	"github.com/go-playground/locales/pt"
	"github.com/go-playground/locales/ru"
	"github.com/go-playground/locales/uk"
)

// cldrLocales are the languages whose CLDR month names and number
// separators are linked in. go-playground/locales has one package a
// language, and linking all of its 700 would weigh the binary for
// languages nobody ships; these are the shipped ones and the likeliest
// next. A catalogue of another language gives its months in [date].
var cldrLocales = map[string]func() locales.Translator{
	"ar": ar.New, "be": be.New, "de": de.New, "en": en.New, "es": es.New,
	"fr": fr.New, "he": he.New, "it": it.New, "ka": ka.New, "pl": pl.New,
	"pt": pt.New, "ru": ru.New, "uk": uk.New,
}
