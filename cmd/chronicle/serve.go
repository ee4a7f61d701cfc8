package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/chronicle-tools/chronicle/serve"
)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [-C dir] [-addr 127.0.0.1:1313] [-drafts] [-poll]", "chronicle serve -C mysite", stderr)
	dir := fs.String("C", ".", "the site's folder, which holds config.toml and content/")
	addr := fs.String("addr", "127.0.0.1:1313", "the host and port to listen on; a host other than 127.0.0.1 shows the site to the network")
	drafts := fs.Bool("drafts", false, "include notes marked draft = true")
	poll := fs.Bool("poll", false, "find changes by polling, for file systems that do not report them")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := serve.Listen(*addr)
	if err != nil {
		fmt.Fprintln(stderr, "chronicle serve:", err)
		return 1
	}
	defer ln.Close()
	srv, err := serve.New(serve.Options{Dir: *dir, Drafts: *drafts, Poll: *poll, Log: stderr})
	if err != nil {
		fmt.Fprintln(stderr, "chronicle serve:", err)
		return 1
	}
	defer srv.Close()
	fmt.Fprintln(stdout, "serving", serve.SiteURL(ln.Addr(), srv.BasePath()))
	if w := serve.Exposure(ln.Addr()); w != "" {
		fmt.Fprintln(stderr, w)
	}
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintln(stderr, "chronicle serve:", err)
		return 1
	}
	fmt.Fprintln(stderr, "stopped")
	return 0
}
