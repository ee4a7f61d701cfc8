//go:build unix

package site

import (
	"syscall"
	"time"
)

// cpuTime is the processor time this process has used, user and system.
// Unlike the wall clock it hardly grows when other processes crowd the
// machine, so benchmarks report it beside the elapsed time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
