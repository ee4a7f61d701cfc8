// Package templates holds Chronicle's default stylesheet and filter
// script. A site replaces either with a file of the same name in its own
// templates/ folder; the pages themselves are written in render/*.templ.
package templates

import "embed"

// FS holds the default assets (*.css, *.js).
//
//go:embed *.css *.js
var FS embed.FS
