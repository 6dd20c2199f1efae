package ingest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// fetch GETs a URL and reads it like a file: the response's Content-Type
// helps detection, its final URL (after redirects) fills Document.URL. The
// body is bounded by Options.MaxBytes. Unless Options.AllowPrivate is set,
// connections to private, loopback, link-local and other non-public
// addresses are refused at dial time, after DNS resolution, so neither a
// redirect nor a DNS answer that changes between checks can reach them.
func fetch(ctx context.Context, rawURL string, opt Options, fn func(Item) error) error {
	em := &emitter{in: input{name: rawURL, where: rawURL}, fn: fn, opt: opt}
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return em.fail(rawURL, invalidf(rawURL, ErrFetch, "not an http(s) URL"))
	}
	client, err := fetchClient(opt)
	if err != nil {
		return em.fail(rawURL, invalid(rawURL, err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return em.fail(rawURL, invalidf(rawURL, ErrFetch, "%v", err))
	}
	req.Header.Set("User-Agent", "muster (+https://github.com/muster-osint/muster)")
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, text/plain;q=0.9, */*;q=0.5")
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if errors.Is(err, ErrForbidden) {
			return em.fail(rawURL, invalid(rawURL, forbiddenCause(err)))
		}
		return em.fail(rawURL, invalidf(rawURL, ErrFetch, "%v", err))
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return em.fail(rawURL, invalidf(rawURL, ErrFetch, "HTTP status %s", resp.Status))
	}
	if resp.ContentLength > opt.maxBytes() {
		return em.fail(rawURL, invalidf(rawURL, ErrTooLarge, "Content-Length %d is more than %d bytes", resp.ContentLength, opt.maxBytes()))
	}
	in := input{name: rawURL, where: rawURL, contentType: resp.Header.Get("Content-Type"), finalURL: resp.Request.URL.String()}
	return read(ctx, in, resp.Body, opt, fn)
}

// forbiddenCause digs the *addressError out of a client error, whose text
// otherwise repeats the URL several times.
func forbiddenCause(err error) error {
	var ae *addressError
	if errors.As(err, &ae) {
		return ae
	}
	return err
}

// fetchClient returns the client to fetch with: Options.HTTPClient (or a
// default one) with, unless AllowPrivate, a copy of its transport whose
// dialer refuses non-public addresses and which uses no proxy (a proxy would
// make the dialled address meaningless).
func fetchClient(opt Options) (*http.Client, error) {
	base := opt.HTTPClient
	if base == nil {
		base = &http.Client{Timeout: DefaultFetchTimeout}
	}
	if opt.AllowPrivate {
		return base, nil
	}
	var tr *http.Transport
	switch t := base.Transport.(type) {
	case nil:
		tr = http.DefaultTransport.(*http.Transport).Clone()
	case *http.Transport:
		tr = t.Clone()
	default:
		return nil, fmt.Errorf("%w: cannot check addresses with a custom HTTP transport %T; set AllowPrivate to use it as is", ErrForbidden, t)
	}
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: guardAddress}
	tr.DialContext = d.DialContext
	tr.DialTLSContext = nil
	tr.Proxy = nil
	c := *base
	c.Transport = tr
	return &c, nil
}

// addressError is a refused connection.
type addressError struct{ addr string }

func (e *addressError) Error() string {
	return fmt.Sprintf("%v: %s is a private, loopback, link-local or reserved address (AllowPrivate is off)", ErrForbidden, e.addr)
}

func (e *addressError) Unwrap() error { return ErrForbidden }

// guardAddress is a net.Dialer Control function: it runs after resolution,
// on the very address about to be connected, and refuses non-public ones.
func guardAddress(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		host = address
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return &addressError{addr: address}
	}
	if !publicAddr(ip) {
		return &addressError{addr: host}
	}
	return nil
}

// nonPublic lists reserved ranges netip has no predicate for.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // TEST-NET-1
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // TEST-NET-2
	netip.MustParsePrefix("203.0.113.0/24"),  // TEST-NET-3
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and broadcast
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: may embed a private IPv4
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
}

// publicAddr reports whether ip is a public unicast address.
func publicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	if ip.Is6() && ip.Is4In6() {
		return publicAddr(netip.AddrFrom4(ip.As4()))
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// isHTTPURL reports whether an argument names a URL rather than a path.
func isHTTPURL(s string) bool {
	ls := strings.ToLower(s)
	return strings.HasPrefix(ls, "http://") || strings.HasPrefix(ls, "https://")
}
