// Command chronicle builds a sourced chronology from Markdown notes.
//
//	chronicle build [-C dir] [-o dir] [-baseurl url] [-drafts] [-force]
//	chronicle check [-C dir] [-drafts]
//	chronicle version
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
