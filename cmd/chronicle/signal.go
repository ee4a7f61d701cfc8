package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
)

// signalContext returns a context that SIGINT or SIGTERM cancels, with the
// signal as its cause, and a function that stops listening. Install it
// before anything is created, so that no signal can land between the
// creating and the handler.
func signalContext() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	stop := make(chan struct{})
	go func() {
		select {
		case s := <-signals:
			cancel(signalError{s})
		case <-stop:
		}
	}()
	return ctx, func() {
		signal.Stop(signals)
		close(stop)
		cancel(nil)
	}
}

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig os.Signal }

func (e signalError) Error() string { return "interrupted by " + e.sig.String() }

// signalStatus is the exit status of a command stopped by the signal that
// cancelled ctx: 128 and the signal's number, as shells report it (130 for
// SIGINT, 143 for SIGTERM).
func signalStatus(ctx context.Context) int {
	var se signalError
	if errors.As(context.Cause(ctx), &se) {
		if s, ok := se.sig.(syscall.Signal); ok {
			return 128 + int(s)
		}
	}
	return 130
}
