package fetchspec

// IsSafelistedMethod reports whether m is a CORS-safelisted method (Fetch
// standard, section 2.2.1, "CORS-safelisted method"): GET, HEAD or POST,
// compared byte for byte. Such a request needs no preflight for its method,
// and a preflight answer never has to list it. Normalize m first
// (NormalizeMethod) when it comes from a page: "get" is sent as GET.
func IsSafelistedMethod(m string) bool {
	switch m {
	case "GET", "HEAD", "POST":
		return true
	}
	return false
}

// IsForbiddenMethod reports whether m is a forbidden method (Fetch
// standard, section 2.2.1, "forbidden method"): a byte-case-insensitive
// match for CONNECT, TRACE or TRACK. Browsers refuse to send these from
// scripts.
func IsForbiddenMethod(m string) bool {
	return EqualFoldLower(m, "connect") || EqualFoldLower(m, "trace") || EqualFoldLower(m, "track")
}

// normalizedMethods are the methods that the Fetch standard's "normalize"
// upper-cases (section 2.2.1), in lower and upper case. PATCH is not one of
// them.
var normalizedMethods = [...]struct{ lower, upper string }{
	{"delete", "DELETE"}, {"get", "GET"}, {"head", "HEAD"},
	{"options", "OPTIONS"}, {"post", "POST"}, {"put", "PUT"},
}

// NormalizeMethod normalizes m as browsers do (Fetch standard, section
// 2.2.1, "normalize" a method): a byte-case-insensitive match for DELETE,
// GET, HEAD, OPTIONS, POST or PUT is byte-uppercased; any other method,
// PATCH included, is returned as written. So fetch("/x", {method: "patch"})
// sends "patch", which a server that allows only "PATCH" refuses.
func NormalizeMethod(m string) string {
	for _, n := range normalizedMethods {
		if EqualFoldLower(m, n.lower) {
			return n.upper
		}
	}
	return m
}
