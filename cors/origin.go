package cors

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/credfetch/credfetch/internal/fetchspec"
)

// originKind tells how a Config.Origins entry matches request origins.
type originKind uint8

const (
	originExact      originKind = iota // one origin, byte for byte
	originAny                          // "*"
	originSubdomains                   // "https://*.example.com"
	originAnyPort                      // "http://localhost:*"
)

// originEntry is one parsed Config.Origins entry.
type originEntry struct {
	kind   originKind
	scheme string // "http" or "https"
	host   string // serialized host; for originSubdomains the base domain
	port   string // decimal port, "" for the scheme's default, "*" for any
}

// entryProblem is why a Config.Origins entry is refused, and the fix.
type entryProblem struct{ problem, fix string }

// defaultPort returns the port that browsers omit from origins of scheme.
func defaultPort(scheme string) string {
	if scheme == "https" {
		return "443"
	}
	return "80"
}

// parseOriginEntry parses one Config.Origins entry. A nil problem means the
// entry is valid.
func parseOriginEntry(s string, credentials bool) (originEntry, *entryProblem) {
	switch {
	case s == "":
		return originEntry{}, &entryProblem{"is empty",
			`write an origin such as "https://app.example.com"`}
	case s == "*":
		if credentials {
			return originEntry{}, &entryProblem{
				"allows every origin, but browsers refuse Access-Control-Allow-Origin: * on credentialed responses",
				"list the exact origins, or set Credentials to false"}
		}
		return originEntry{kind: originAny}, nil
	case strings.EqualFold(s, "null"):
		return originEntry{}, &entryProblem{
			"is the opaque origin of sandboxed iframes, file: pages and some redirects, which any site can make a browser send",
			"remove it"}
	}
	if p := checkOriginBytes(s); p != nil {
		return originEntry{}, p
	}
	i := strings.Index(s, "://")
	if i < 0 {
		return originEntry{}, &entryProblem{"has no scheme",
			fmt.Sprintf("write %q", "https://"+s)}
	}
	scheme, rest := s[:i], s[i+3:]
	if lower := fetchspec.LowerASCII(scheme); lower != "http" && lower != "https" {
		return originEntry{}, &entryProblem{
			fmt.Sprintf("has the scheme %q, but only http and https origins can be allowed", scheme),
			"use https (or http on a loopback host for local development)"}
	} else if lower != scheme {
		return originEntry{}, &entryProblem{
			"has an upper-case scheme, but browsers send schemes in lower case",
			fmt.Sprintf("write %q", lower+"://"+rest)}
	}
	authority, tail := rest, ""
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		authority, tail = rest[:j], rest[j:]
	}
	if k := strings.LastIndexByte(authority, '@'); k >= 0 {
		return originEntry{}, &entryProblem{
			fmt.Sprintf("has userinfo %q, which browsers never send in Origin", authority[:k+1]),
			fmt.Sprintf("write %q", scheme+"://"+authority[k+1:])}
	}
	if tail != "" {
		fix := fmt.Sprintf("write %q", scheme+"://"+authority)
		switch {
		case tail == "/":
			return originEntry{}, &entryProblem{"has a trailing slash, but an origin has no path", fix}
		case tail[0] == '/':
			return originEntry{}, &entryProblem{"has a path, but an origin has none", fix}
		case tail[0] == '?':
			return originEntry{}, &entryProblem{"has a query, but an origin has none", fix}
		default:
			return originEntry{}, &entryProblem{"has a fragment, but an origin has none", fix}
		}
	}
	host, port, hasColon, ok := splitHostPort(authority)
	if !ok {
		return originEntry{}, &entryProblem{"has a malformed host or port",
			"write scheme://host[:port], with IPv6 addresses in brackets"}
	}
	e := originEntry{kind: originExact, scheme: scheme, host: host, port: port}
	if p := checkPort(scheme, host, port, hasColon); p != nil {
		return originEntry{}, p
	}
	if port == "*" {
		e.kind = originAnyPort
	}
	if strings.HasPrefix(host, "*.") && !strings.Contains(host[2:], "*") {
		e.kind, e.host = originSubdomains, host[2:]
		if e.port == "*" {
			return originEntry{}, &entryProblem{
				"combines a subdomain wildcard with a port wildcard",
				"use one wildcard per entry"}
		}
	} else if strings.Contains(host, "*") {
		return originEntry{}, &entryProblem{
			"has a wildcard that is neither the whole leftmost label of the host nor the whole port",
			`write patterns as "https://*.example.com" (subdomains) or "http://localhost:*" (ports)`}
	}
	isIP, p := checkHost(e.host)
	if p != nil {
		return originEntry{}, p
	}
	if e.kind == originSubdomains {
		if isIP {
			return originEntry{}, &entryProblem{
				"puts a subdomain wildcard in front of an IP address",
				"use a domain name after \"*.\""}
		}
		if ps, _ := publicsuffix.PublicSuffix(e.host); ps == e.host {
			return originEntry{}, &entryProblem{
				fmt.Sprintf("would allow every site under the public suffix %q", e.host),
				fmt.Sprintf("name your own domain, e.g. %q", scheme+"://*.example."+e.host)}
		}
	}
	if e.kind == originAnyPort && !isLoopbackHost(e.host) {
		return originEntry{}, &entryProblem{
			"has a port wildcard on a host that is not loopback; port wildcards are for local development",
			"list the ports, or use a loopback host such as \"http://localhost:*\""}
	}
	if credentials && scheme == "http" && (e.kind == originSubdomains || !isLoopbackHost(e.host)) {
		return originEntry{}, &entryProblem{
			"is plain http, so with Credentials anyone on the network path could act as this origin",
			"use https (plain http is accepted with Credentials only on loopback hosts: localhost, 127.0.0.1, [::1])"}
	}
	return e, nil
}

// checkOriginBytes refuses a space, a line break or another control
// character anywhere in a Config.Origins entry, naming it: no origin holds
// one, and it would otherwise be reported as a bad port or host.
func checkOriginBytes(s string) *entryProblem {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c > ' ' && c != 0x7f {
			continue
		}
		what := fmt.Sprintf("the control character %q", s[i:i+1])
		switch c {
		case ' ':
			what = "a space"
		case '\r', '\n':
			what = "a line break"
		case '\t':
			what = "a tab"
		}
		fix := "remove it"
		if t := strings.TrimSpace(s); t != s && checkOriginBytes(t) == nil {
			fix = fmt.Sprintf("write %q", t)
		}
		return &entryProblem{fmt.Sprintf("has %s at byte %d, which no origin holds", what, i), fix}
	}
	return nil
}

// splitHostPort splits the authority of an origin into host and port.
// hasColon reports whether a colon introduced the port.
func splitHostPort(authority string) (host, port string, hasColon, ok bool) {
	if strings.HasPrefix(authority, "[") {
		k := strings.IndexByte(authority, ']')
		if k < 0 {
			return "", "", false, false
		}
		host, after := authority[:k+1], authority[k+1:]
		if after == "" {
			return host, "", false, true
		}
		if after[0] != ':' {
			return "", "", false, false
		}
		return host, after[1:], true, true
	}
	k := strings.IndexByte(authority, ':')
	if k < 0 {
		return authority, "", false, true
	}
	host, port = authority[:k], authority[k+1:]
	if strings.IndexByte(port, ':') >= 0 {
		return "", "", false, false
	}
	return host, port, true, true
}

// checkPort checks the port of a Config.Origins entry.
func checkPort(scheme, host, port string, hasColon bool) *entryProblem {
	base := scheme + "://" + host
	switch {
	case !hasColon, port == "*":
		return nil
	case port == "":
		return &entryProblem{"ends with a colon but no port",
			fmt.Sprintf("write %q", base)}
	}
	n, err := strconv.Atoi(port)
	if err != nil || port[0] == '+' || port[0] == '-' || n < 1 || n > 65535 {
		return &entryProblem{fmt.Sprintf("has the port %q, which is not a number from 1 to 65535", port),
			"write a valid port, or \"*\" on a loopback host for any port"}
	}
	if canon := strconv.Itoa(n); canon != port {
		return &entryProblem{"writes its port with leading zeros, which browsers drop",
			fmt.Sprintf("write %q", base+":"+canon)}
	}
	if port == defaultPort(scheme) {
		return &entryProblem{
			fmt.Sprintf("writes out port %s, the default of %s, which browsers omit from Origin", port, scheme),
			fmt.Sprintf("write %q", base)}
	}
	return nil
}

// checkHost checks that host is written as browsers serialize it and tells
// whether it is an IP address.
func checkHost(host string) (isIP bool, p *entryProblem) {
	if host == "" {
		return false, &entryProblem{"has no host", "write scheme://host[:port]"}
	}
	if host[0] == '[' {
		inner := strings.TrimSuffix(host[1:], "]")
		addr, err := netip.ParseAddr(inner)
		if err != nil || !addr.Is6() || addr.Zone() != "" || !strings.HasSuffix(host, "]") {
			return true, &entryProblem{"has an invalid IPv6 address", "write it in brackets, e.g. \"[::1]\""}
		}
		if canon := "[" + serializeIPv6(addr) + "]"; canon != host {
			return true, &entryProblem{
				"writes its IPv6 address differently from browsers",
				fmt.Sprintf("write the host as %q", canon)}
		}
		return true, nil
	}
	for i := 0; i < len(host); i++ {
		if host[i] >= 0x80 {
			return false, &entryProblem{
				"has a non-ASCII host, but browsers send internationalized names in their ASCII (xn--) form",
				"write the host's xn-- form"}
		}
	}
	if lower := fetchspec.LowerASCII(host); lower != host {
		return false, &entryProblem{"has upper-case letters in its host, but browsers send hosts in lower case",
			fmt.Sprintf("write the host as %q", lower)}
	}
	labels := strings.Split(host, ".")
	for _, l := range labels {
		if l == "" {
			return false, &entryProblem{"has an empty label in its host (a leading, trailing or doubled dot)",
				"remove the extra dot"}
		}
		if len(l) > 63 {
			return false, &entryProblem{"has a host label longer than 63 bytes", "use a valid host name"}
		}
		for i := 0; i < len(l); i++ {
			if !hostChar(l[i]) {
				return false, &entryProblem{fmt.Sprintf("has %q in its host, which host names do not use", l[i:i+1]),
					"use letters, digits, hyphens and dots only"}
			}
		}
	}
	if len(host) > 253 {
		return false, &entryProblem{"has a host longer than 253 bytes", "use a valid host name"}
	}
	if endsInNumber(labels[len(labels)-1]) {
		addr, err := netip.ParseAddr(host)
		if err != nil || !addr.Is4() {
			return true, &entryProblem{"has a host that browsers read as an IPv4 address but that is not in dotted-decimal form",
				"write four decimal numbers without leading zeros, e.g. \"127.0.0.1\""}
		}
		return true, nil
	}
	return false, nil
}

// hostChar reports whether c may appear in a host label of an allowed
// origin (lower case, as browsers serialize hosts).
func hostChar(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// endsInNumber reports whether label makes a host an IPv4 address in the
// URL standard's host parser: all decimal digits, or 0x followed by hex.
func endsInNumber(label string) bool {
	if strings.HasPrefix(label, "0x") {
		for i := 2; i < len(label); i++ {
			c := label[i]
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
		return true
	}
	for i := 0; i < len(label); i++ {
		if label[i] < '0' || label[i] > '9' {
			return false
		}
	}
	return label != ""
}

// isLoopbackHost reports whether host, as serialized in an origin, names
// this machine: localhost, a subdomain of localhost, 127.0.0.0/8 or [::1].
func isLoopbackHost(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || host == "[::1]" {
		return true
	}
	addr, err := netip.ParseAddr(host)
	return err == nil && addr.Is4() && addr.IsLoopback()
}

// serializeIPv6 writes addr as the URL standard serializes IPv6 hosts:
// lower-case hex pieces, the first longest run of two or more zero pieces
// compressed to "::", and never an embedded IPv4 form.
func serializeIPv6(addr netip.Addr) string {
	b := addr.As16()
	var pieces [8]uint16
	for i := range pieces {
		pieces[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	bestStart, bestLen := -1, 1
	for i := 0; i < 8; {
		if pieces[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && pieces[j] == 0 {
			j++
		}
		if j-i > bestLen {
			bestStart, bestLen = i, j-i
		}
		i = j
	}
	var sb strings.Builder
	for i := 0; i < 8; i++ {
		if i == bestStart {
			sb.WriteString("::")
			i += bestLen - 1
			continue
		}
		if i > 0 && i != bestStart+bestLen {
			sb.WriteByte(':')
		}
		sb.WriteString(strconv.FormatUint(uint64(pieces[i]), 16))
	}
	return sb.String()
}
