package slug

import "testing"

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Odesa region", "odesa-region"},
		{"  Odesa   region  ", "odesa-region"},
		{"RFE/RL", "rfe-rl"},
		{"Київ", "київ"},
		{"Zelensky's office", "zelensky-s-office"},
		{"SBU (Security Service)", "sbu-security-service"},
		{"2025", "2025"},
		{"---", ""},
		{"ÉCOLE", "école"},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Make(Make(tt.in)); got != Make(tt.in) {
			t.Errorf("Make not idempotent on %q: %q", tt.in, got)
		}
	}
}
