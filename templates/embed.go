// Package templates holds Chronicle's default templates and stylesheet. A
// site overrides any of them with a file of the same name in its own
// templates/ folder.
package templates

import "embed"

// FS holds the default templates (*.html) and assets (*.css, *.js).
//
//go:embed *.html *.css *.js
var FS embed.FS
