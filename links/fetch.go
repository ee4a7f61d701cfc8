package links

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"
)

// follow asks for raw and follows its redirects by hand, judging each hop.
// A chain that starts with permanent redirects has moved to where they
// end; a temporary redirect anywhere after is the new address's business.
func (c *Checker) follow(ctx context.Context, raw string) *Result {
	r := &Result{URL: raw, Final: raw}
	seen := map[string]bool{}
	permanent := true // every hop so far was permanent
	cur := raw
	for hop := 0; ; hop++ {
		u, err := url.Parse(cur)
		switch {
		case err != nil:
			return r.set(Unreachable, fmt.Sprintf("%s is not a valid address: %v", cur, err))
		case u.Scheme != "http" && u.Scheme != "https":
			return r.set(Refused, fmt.Sprintf("%s is not an http or https address", cur))
		case u.Host == "":
			return r.set(Unreachable, fmt.Sprintf("%s has no host", cur))
		}
		seen[cur] = true
		code, loc, err := c.request(ctx, u)
		r.Code = code
		if err != nil {
			return c.failure(ctx, r, err)
		}
		if !isRedirect(code) || loc == "" {
			return r.final(code, hop > 0)
		}
		next, err := u.Parse(loc)
		if err != nil {
			return r.set(Unreachable, fmt.Sprintf("%s redirects to an invalid address %q", cur, loc))
		}
		nextS := next.String()
		if code == http.StatusMovedPermanently || code == http.StatusPermanentRedirect {
			if permanent {
				r.MovedTo = nextS
			}
		} else {
			permanent = false
		}
		if seen[nextS] {
			r.Final = nextS
			return r.set(Unreachable, fmt.Sprintf("redirect loop: %s redirects back to %s", cur, nextS))
		}
		if hop+1 >= maxRedirects {
			return r.set(Unreachable, fmt.Sprintf("more than %d redirects", maxRedirects))
		}
		r.Final, cur = nextS, nextS
	}
}

func isRedirect(code int) bool {
	switch code {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}

func (r *Result) set(s Status, detail string) *Result {
	r.Status, r.Detail = s, detail
	if s != Moved {
		r.MovedTo = ""
	}
	return r
}

// final judges the last answer of a chain.
func (r *Result) final(code int, redirected bool) *Result {
	text := fmt.Sprintf("%d %s", code, http.StatusText(code))
	via := ""
	if redirected {
		via = fmt.Sprintf(" (redirected to %s)", r.Final)
	}
	switch {
	case code >= 200 && code < 300:
		if r.MovedTo != "" {
			return r.set(Moved, "")
		}
		return r.set(OK, "")
	case code == http.StatusNotFound || code == http.StatusGone:
		return r.set(Gone, text+via)
	case code == http.StatusTooManyRequests:
		return r.set(Busy, text+via)
	case code >= 500:
		return r.set(Unreachable, "server error "+text+via)
	}
	return r.set(Blocked, text+via)
}

// failure judges an error of the transport.
func (c *Checker) failure(run context.Context, r *Result, err error) *Result {
	var (
		blocked *BlockedError
		dns     *net.DNSError
		cert    *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		host    x509.HostnameError
		invalid x509.CertificateInvalidError
		record  tls.RecordHeaderError
		neterr  net.Error
	)
	switch {
	case errors.As(err, &blocked):
		return r.set(Refused, blocked.Error()+"; links are checked on public addresses only (-allow-private allows others)")
	case run.Err() != nil:
		return r.set(Skipped, "the run's time ran out")
	case errors.As(err, &dns):
		if dns.IsNotFound {
			return r.set(Unreachable, fmt.Sprintf("no such host %s", dns.Name))
		}
		return r.set(Unreachable, "DNS: "+dns.Error())
	case errors.Is(err, syscall.ECONNREFUSED):
		return r.set(Unreachable, "connection refused")
	case errors.Is(err, syscall.ECONNRESET):
		return r.set(Unreachable, "connection reset")
	case errors.As(err, &cert), errors.As(err, &unknown), errors.As(err, &host), errors.As(err, &invalid), errors.As(err, &record):
		return r.set(Unreachable, "TLS: "+lastErr(err))
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &neterr) && neterr.Timeout():
		return r.set(Unreachable, fmt.Sprintf("no answer within %s", c.opts.RequestTimeout))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return r.set(Unreachable, "the connection closed without an answer")
	}
	return r.set(Unreachable, lastErr(err))
}

// lastErr is err's message without the "Head \"url\": " that net/http puts
// before it: the URL is in the report already.
func lastErr(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

// request asks for u: HEAD first, GET when the answer to HEAD is not
// fine (some servers refuse HEAD, 405 or 501, and some answer it wrongly
// with 400, 403 or 404: a failure is confirmed with GET before it is
// reported). A 429 or a 5xx is asked again after a pause, Retry-After's
// when it gives one, up to Retries times.
func (c *Checker) request(ctx context.Context, u *url.URL) (code int, location string, err error) {
	method := http.MethodHead
	for try := 0; ; {
		var retryAfter string
		code, location, retryAfter, err = c.once(ctx, method, u)
		if err != nil {
			return 0, "", err
		}
		if method == http.MethodHead && code >= 400 && !retriable(code) {
			method = http.MethodGet
			continue
		}
		if !retriable(code) || try >= c.opts.Retries {
			return code, location, nil
		}
		wait, ok := c.backoff(try, retryAfter)
		if !ok {
			return code, location, nil
		}
		if err := c.opts.Sleep(ctx, wait); err != nil {
			return 0, "", err
		}
		try++
	}
}

func retriable(code int) bool {
	return code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable ||
		code == http.StatusBadGateway || code == http.StatusGatewayTimeout
}

// backoff is the pause before try+1: Retry-After's, else 1 s doubled at
// each try. A Retry-After longer than MaxRetryAfter is not waited for.
func (c *Checker) backoff(try int, retryAfter string) (time.Duration, bool) {
	wait := time.Second << try
	if retryAfter != "" {
		if s, err := strconv.Atoi(retryAfter); err == nil && s >= 0 {
			wait = time.Duration(s) * time.Second
		} else if t, err := http.ParseTime(retryAfter); err == nil {
			wait = max(t.Sub(c.opts.Now()), 0)
		}
	}
	return wait, wait <= c.opts.MaxRetryAfter
}

// once makes one request, holding one of the host's slots while it runs.
func (c *Checker) once(ctx context.Context, method string, u *url.URL) (code int, location, retryAfter string, err error) {
	release, err := c.acquire(ctx, hostOf(u.String()))
	if err != nil {
		return 0, "", "", err
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, c.opts.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), nil)
	if err != nil {
		return 0, "", "", err
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8")
	resp, err := c.client.Do(req)
	if err != nil {
		return 0, "", "", err
	}
	// Enough of a body to let the connection be reused for a small page,
	// never a whole large one.
	_, _ = io.CopyN(io.Discard, resp.Body, maxBody)
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location"), resp.Header.Get("Retry-After"), nil
}
