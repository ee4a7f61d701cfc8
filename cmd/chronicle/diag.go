package main

import (
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/chronicle-tools/chronicle/site"
)

// formats are the values of -format for check and links.
const formatHelp = `how to print problems: "text" (path:line: message) or "github" (annotations for GitHub Actions)`

func validFormat(f string) bool { return f == "text" || f == "github" }

// printDiag writes one problem in format: as path:line: message, or as a
// GitHub Actions annotation, which the Actions runner shows on the file
// and line of a pull request. dir is the site's folder: annotations name
// files from the repository's root, where the workflow runs.
func printDiag(w io.Writer, format, dir string, d site.Diagnostic) {
	if format != "github" {
		fmt.Fprintln(w, d)
		return
	}
	level := "error"
	if d.Warning {
		level = "warning"
	}
	file := d.Path
	if dir != "" && dir != "." {
		file = path.Join(strings.ReplaceAll(dir, `\`, "/"), d.Path)
	}
	fmt.Fprintf(w, "::%s file=%s", level, escapeProperty(file))
	if d.Line > 0 {
		fmt.Fprintf(w, ",line=%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(w, ",col=%d", d.Col)
		}
	}
	fmt.Fprintf(w, "::%s\n", escapeData(d.Msg))
}

// escapeData escapes an annotation's message as the Actions runner
// unescapes it: a newline in a message must not start a new command.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a property value (file=...), where ',' and ':'
// are separators too.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
