package build

import "testing"

// TestCollectOften: the pages of a large site are rendered collecting more
// often; a small site's, or any when the user set GOGC, are not.
func TestCollectOften(t *testing.T) {
	tests := []struct {
		gogc string
		live uint64
		want bool
	}{
		{"", 100 << 20, false},     // 10,000 notes
		{"", largeHeap - 1, false}, // just below
		{"", largeHeap, true},      // from the bound on
		{"", 900 << 20, true},      // 100,000 notes
		{"100", 900 << 20, false},  // the user's choice
		{"off", 900 << 20, false},  // even this one
		{"200", 10 << 20, false},   // and on a small site
	}
	for _, tt := range tests {
		if got := collectOften(tt.gogc, tt.live); got != tt.want {
			t.Errorf("collectOften(%q, %d MB) = %v, want %v", tt.gogc, tt.live>>20, got, tt.want)
		}
	}
}
