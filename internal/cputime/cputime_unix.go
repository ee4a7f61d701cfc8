//go:build unix

// Package cputime reads the processor time of this process, which
// benchmarks report beside the elapsed time: unlike the wall clock, it
// hardly grows when other processes crowd the machine.
package cputime

import (
	"syscall"
	"time"
)

// Used is the processor time this process has used, user and system.
func Used() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
