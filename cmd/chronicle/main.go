// Command chronicle builds a sourced chronology from Markdown notes.
//
//	chronicle init [DIR]
//	chronicle build [-C dir] [-o dir] [-baseurl url] [-drafts] [-force]
//	chronicle check [-C dir] [-drafts] [-archived] [-format text|github]
//	chronicle links [-C dir] [-drafts] [-timeout d] [-allow-private] [-format text|github] [-max-age d]
//	chronicle serve [-C dir] [-addr 127.0.0.1:1313] [-drafts]
//	chronicle new [-C dir] [-kind k] [-date YYYY-MM-DD] "Title"
//	chronicle import [-C dir] [-from format] [-kind k] [-group-as storyline|kind] FILE...
//	chronicle version
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
