package links

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// BlockedError is a refusal to contact an address that is not public.
type BlockedError struct {
	Host string     // the name that was asked for
	Addr netip.Addr // what it resolved to
	Why  string     // "loopback", "private", ...
}

func (e *BlockedError) Error() string {
	if e.Host != "" && e.Host != e.Addr.String() {
		return fmt.Sprintf("%s resolves to %s, a %s address", e.Host, e.Addr, e.Why)
	}
	return fmt.Sprintf("%s is a %s address", e.Addr, e.Why)
}

// Ranges that are not the public internet beyond what netip's predicates
// cover: shared (carrier-grade NAT), benchmarking, documentation, reserved
// and discard addresses. A link checker run on a pull request must not be
// a way to reach what sits beside the runner.
var nonPublic = []struct {
	prefix netip.Prefix
	why    string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), `"this network"`},
	{netip.MustParsePrefix("100.64.0.0/10"), "shared (carrier-grade NAT)"},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol"},
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation"},
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"}, // with 255.255.255.255
	{netip.MustParsePrefix("::/96"), "IPv4-compatible (deprecated)"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "local NAT64"},
	{netip.MustParsePrefix("100::/64"), "discard"},
	{netip.MustParsePrefix("2001::/32"), "Teredo"},
	{netip.MustParsePrefix("2001:db8::/32"), "documentation"},
	{netip.MustParsePrefix("fec0::/10"), "site-local"},
}

// Prefixes that carry an IPv4 address inside an IPv6 one: the IPv4
// address is judged instead.
var (
	nat64 = netip.MustParsePrefix("64:ff9b::/96")
	sixTo = netip.MustParsePrefix("2002::/16")
)

// Public reports whether a is an address of the public internet; if not,
// it says what kind of address it is.
func Public(a netip.Addr) (ok bool, why string) {
	if !a.IsValid() {
		return false, "invalid"
	}
	if a.Zone() != "" {
		return false, "scoped"
	}
	a = a.Unmap() // ::ffff:127.0.0.1 is 127.0.0.1
	if a.Is6() {
		b := a.As16()
		switch {
		case nat64.Contains(a):
			return Public(netip.AddrFrom4([4]byte(b[12:16])))
		case sixTo.Contains(a):
			return Public(netip.AddrFrom4([4]byte(b[2:6])))
		}
	}
	switch {
	case a.IsUnspecified():
		return false, "unspecified"
	case a.IsLoopback():
		return false, "loopback"
	case a.IsPrivate():
		return false, "private"
	case a.IsLinkLocalUnicast():
		return false, "link-local"
	case a.IsMulticast(), a.IsLinkLocalMulticast(), a.IsInterfaceLocalMulticast():
		return false, "multicast"
	}
	for _, r := range nonPublic {
		if r.prefix.Contains(a) {
			return false, r.why
		}
	}
	return true, ""
}

// dialer connects only to allowed addresses. The check is made twice: on
// the resolved addresses before dialling, for a message that names the
// host, and in the socket's Control hook, on the very address connected
// to, which no resolver trick or redirect can get past.
type dialer struct {
	allow    func(netip.Addr) (bool, string)
	lookupIP func(ctx context.Context, host string) ([]netip.Addr, error)
	net      net.Dialer
}

func newDialer(allow func(netip.Addr) (bool, string), lookupIP func(context.Context, string) ([]netip.Addr, error)) *dialer {
	d := &dialer{allow: allow, lookupIP: lookupIP}
	if d.lookupIP == nil {
		d.lookupIP = func(ctx context.Context, host string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		}
	}
	d.net = net.Dialer{Timeout: 10 * time.Second, Control: d.control}
	return d
}

func (d *dialer) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("refusing to connect to %q: not an address", address)
	}
	if ok, why := d.allow(ap.Addr()); !ok {
		return &BlockedError{Addr: ap.Addr(), Why: why}
	}
	return nil
}

// DialContext resolves host with the injectable resolver, judges every
// address, and tries the allowed ones in turn.
func (d *dialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else if addrs, err = d.lookupIP(ctx, host); err != nil {
		return nil, err
	}
	var first error
	for _, a := range addrs {
		if ok, why := d.allow(a); !ok {
			if first == nil {
				first = &BlockedError{Host: host, Addr: a.Unmap(), Why: why}
			}
			continue
		}
		c, err := d.net.DialContext(ctx, network, net.JoinHostPort(a.Unmap().String(), port))
		if err == nil {
			return c, nil
		}
		var blocked *BlockedError
		if errors.As(err, &blocked) {
			blocked.Host = host
		}
		if first == nil || isBlocked(first) {
			first = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	if first == nil {
		first = &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
	}
	return nil, first
}

func isBlocked(err error) bool {
	var b *BlockedError
	return errors.As(err, &b)
}

// newTransport is an HTTP transport that dials only through d, never
// through a proxy from the environment (the proxy, not the link's host,
// would be what the check judges).
func newTransport(d *dialer, requestTimeout time.Duration) *http.Transport {
	return &http.Transport{
		Proxy:                  nil,
		DialContext:            d.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    10 * time.Second,
		ResponseHeaderTimeout:  requestTimeout,
		MaxIdleConns:           64,
		MaxIdleConnsPerHost:    2,
		IdleConnTimeout:        30 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
	}
}
