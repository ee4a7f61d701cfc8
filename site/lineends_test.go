package site

import (
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
)

// TestLineEnds: a note reads the same with LF or CRLF line ends, multi-line
// strings included (TOML lets a reader normalise their line ends, and a
// note should not change with the editor or git's autocrlf). A CR alone
// ends a line of the body, as CommonMark says, and is refused in the front
// matter at its line, as the decoder refuses it.
func TestLineEnds(t *testing.T) {
	multi := strings.Replace(testsite.Note, `places = ["Odesa region"]`, "places = [\"Odesa region\"]\nsummary = \"\"\"Two\nlines.\"\"\"", 1)
	tests := []struct {
		name, text string
		err        string // a diagnostic, or "" to read
		summary    string
		body       string // a piece of the body's HTML
	}{
		{"LF", multi, "", "Two\nlines.", "<p>The governor"},
		{"CRLF", strings.ReplaceAll(multi, "\n", "\r\n"), "", "Two\nlines.", "<p>The governor"},
		{"CRLF in the string only", strings.Replace(multi, "Two\nlines", "Two\r\nlines", 1), "", "Two\nlines.", "<p>The governor"},
		{"a CR alone in the front matter", strings.Replace(testsite.Note, "kind = \"strike\"\n", "kind = \"strike\"\r", 1), "n.md:4: this line ends with a carriage return alone", "", ""},
		{"a CR before a CRLF", strings.ReplaceAll(strings.Replace(testsite.Note, "kind = \"strike\"\n", "kind = \"strike\"\r\n", 1), "\n", "\r\n"), "n.md:4: this line ends with a carriage return alone", "", ""},
		{"a CR alone in a multi-line string", strings.Replace(multi, "Two\nlines", "Two\rlines", 1), "n.md:6: this line ends with a carriage return alone", "", ""},
		{"old Mac line ends", strings.ReplaceAll(testsite.Note, "\n", "\r"), "n.md:1: the lines of this file end with a carriage return alone", "", ""},
		{"CRs alone in the body", strings.Replace(testsite.Note, "port was hit.[@reuters]\n", "port was hit.[@reuters]\r\rSecond paragraph.\r", 1), "", "", "<p>Second paragraph.</p>"},
	}
	for _, tt := range tests {
		e, diags := parseNote("n.md", "n", []byte(tt.text))
		if tt.err != "" {
			if e != nil || !strings.Contains(diags.Error(), tt.err) {
				t.Errorf("%s: want %q, got %v", tt.name, tt.err, diags)
			}
			continue
		}
		if e == nil || diags.Errors() > 0 {
			t.Errorf("%s: refused: %v", tt.name, diags)
			continue
		}
		if tt.summary != "" && e.Summary != tt.summary {
			t.Errorf("%s: summary %q, want %q", tt.name, e.Summary, tt.summary)
		}
		if !strings.Contains(string(e.Body), tt.body) || strings.Contains(string(e.Body), "\r") {
			t.Errorf("%s: body %q, want %q in it and no CR", tt.name, e.Body, tt.body)
		}
	}
}
