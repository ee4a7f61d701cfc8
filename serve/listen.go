package serve

import (
	"errors"
	"fmt"
	"net"
	"syscall"
)

// Listen listens on addr (host:port) over TCP. A busy port gives an error
// that says what to do about it.
func Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		return ln, nil
	}
	// WSAEADDRINUSE is Windows' own number for it.
	if errors.Is(err, syscall.EADDRINUSE) || errors.Is(err, syscall.Errno(10048)) {
		return nil, fmt.Errorf("%s is already in use, perhaps by another chronicle serve: stop it, or choose another port with -addr, such as -addr %s", addr, nextPort(addr))
	}
	return nil, fmt.Errorf("cannot listen on %s: %w (give a host and port with -addr, such as -addr 127.0.0.1:1313)", addr, err)
}

// nextPort suggests the address after addr.
func nextPort(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "127.0.0.1:1314"
	}
	var n int
	if _, err := fmt.Sscan(port, &n); err != nil || n <= 0 || n >= 65535 {
		return net.JoinHostPort(host, "1314")
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, fmt.Sprint(n+1))
}

// SiteURL is the address to open for the site served on addr under base.
func SiteURL(addr net.Addr, base string) string {
	host, port := "127.0.0.1", "0"
	if tcp, ok := addr.(*net.TCPAddr); ok {
		port = fmt.Sprint(tcp.Port)
		if !tcp.IP.IsUnspecified() {
			host = tcp.IP.String()
		}
	}
	return "http://" + net.JoinHostPort(host, port) + base
}

// Exposure warns when addr is reachable from other machines, and is ""
// when it is a loopback address.
func Exposure(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || tcp.IP.IsLoopback() {
		return ""
	}
	where := "on " + tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		where = "on every network interface"
	}
	return fmt.Sprintf("warning: listening %s, so other machines on the network can read the site and its drafts; use -addr 127.0.0.1:%d to keep it to this computer", where, tcp.Port)
}
