package date

import (
	"testing"
	"time"
)

// TestHumanInRepeatedHour: when the clocks go back, one wall time happens
// twice; two instants an hour apart must not be shown as the same time.
// Kyiv went from EEST (UTC+3) to EET (UTC+2) at 04:00 on 26 October 2025.
func TestHumanInRepeatedHour(t *testing.T) {
	kyiv, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		t.Skip(err)
	}
	for _, tt := range []struct {
		d    Date
		want string
	}{
		{Date{Year: 2025, Month: 10, Day: 26, Hour: 0, Min: 30, Prec: Offset}, "26 October 2025, 03:30 EEST"},
		{Date{Year: 2025, Month: 10, Day: 26, Hour: 1, Min: 30, Prec: Offset}, "26 October 2025, 03:30 EET"},
		{Date{Year: 2025, Month: 10, Day: 26, Hour: 5, Min: 30, OffsetSec: 3 * 3600, Prec: Offset}, "26 October 2025, 04:30 EET"},
		{Date{Year: 2025, Month: 3, Day: 30, Hour: 0, Min: 59, Prec: Offset}, "30 March 2025, 02:59 EET"},
		{Date{Year: 2025, Month: 3, Day: 30, Hour: 1, Min: 0, Prec: Offset}, "30 March 2025, 04:00 EEST"},
	} {
		if got := tt.d.HumanIn(kyiv); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.d, got, tt.want)
		}
	}
}
