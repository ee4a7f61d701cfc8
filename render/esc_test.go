package render

import (
	"bytes"
	"html/template"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
)

// FuzzEsc holds esc to html/template, in text and in a quoted attribute.
func FuzzEsc(f *testing.F) {
	for _, s := range append([]string{"", "plain text, long enough for a word", "a<b>&\"'+\x00 é", "12345678<"}, testsite.HostileText...) {
		f.Add(s)
	}
	tpl := template.Must(template.New("").Parse(`{{.}}|<p title="{{.}}">`))
	f.Fuzz(func(t *testing.T, s string) {
		var want, got bytes.Buffer
		if err := tpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		esc(&got, s)
		got.WriteString(`|<p title="`)
		esc(&got, s)
		got.WriteString(`">`)
		if got.String() != want.String() {
			t.Fatalf("%q:\n got %s\nwant %s", s, got.String(), want.String())
		}
	})
}
