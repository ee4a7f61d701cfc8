package site

// The keys of a note and of a source, for the test that holds every key to
// a place where readers and the data show it (fields_test.go).
var (
	NoteKeys   = noteKeys
	SourceKeys = sourceKeys
)
