package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/credfetch/credfetch/internal/doctor"
)

// writeTable writes one summary line per case, then the details of each.
func writeTable(w io.Writer, results []*doctor.Result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tMETHOD\tURL\tCREDENTIALS\tTRANSPORT\tOUTCOME\tCHROME'S REASON\tCOOKIES")
	for i, r := range results {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, r.Method, r.URL, r.Credentials, r.Transport, outcome(r), reason(r), cookies(r))
	}
	_ = tw.Flush()
	for i, r := range results {
		fmt.Fprintf(w, "\n#%d %s %s from %s (credentials %s, %s)\n", i+1, r.Method, r.URL, r.From, r.Credentials, r.Transport)
		writeDetails(w, r)
	}
}

// outcome is the OUTCOME column.
func outcome(r *doctor.Result) string {
	if r.Allowed {
		return fmt.Sprintf("allowed (%d)", r.Status)
	}
	return "refused"
}

// reason is the CHROME'S REASON column.
func reason(r *doctor.Result) string {
	switch {
	case r.CORSError != "" && r.FailedParameter != "":
		return r.CORSError + " (" + r.FailedParameter + ")"
	case r.CORSError != "":
		return r.CORSError
	case r.NetworkError != "":
		return r.NetworkError
	case !r.Allowed:
		return r.PageError
	}
	return "-"
}

// cookies is the COOKIES column.
func cookies(r *doctor.Result) string {
	var parts []string
	if r.CookieSent {
		parts = append(parts, "sent "+strings.Join(r.SentCookies, ","))
	}
	for _, b := range r.BlockedCookies {
		parts = append(parts, fmt.Sprintf("%s blocked on %s (%s)", b.Name, b.On, strings.Join(b.Reasons, ",")))
	}
	if len(parts) == 0 {
		return "none sent"
	}
	return strings.Join(parts, "; ")
}

// writeDetails writes one case's exchanges, Chrome's words and the fix.
func writeDetails(w io.Writer, r *doctor.Result) {
	if r.ConsoleMessage != "" {
		fmt.Fprintf(w, "  Chrome's console: %s\n", r.ConsoleMessage)
	}
	switch r.LocalNetwork {
	case "denied":
		fmt.Fprintln(w, "  Local Network Access: Chrome refused this public page access to a loopback or private address (run with -allow-local-network to grant it)")
	case "granted":
		fmt.Fprintf(w, "  Local Network Access: granted for this run (%s)\n", r.LocalNetworkPermission)
	}
	writeExchange(w, "login", r.Login)
	writeExchange(w, "preflight", r.Preflight)
	if r.Preflight == nil {
		fmt.Fprintln(w, "  preflight: none sent")
	}
	if r.Actual != nil && r.Actual.Status == 0 && r.Preflight != nil && !r.Allowed && r.CORSError != "" && r.Preflight.Status != 0 {
		fmt.Fprintf(w, "  actual: %s %s -> not sent: the preflight answer did not allow it\n", r.Actual.Method, r.Actual.URL)
	} else {
		writeExchange(w, "actual", r.Actual)
	}
	if r.Fix == nil {
		fmt.Fprintln(w, "  fix: nothing to fix")
		return
	}
	fmt.Fprintln(w, "  fix:")
	for _, l := range r.Fix.Preflight {
		fmt.Fprintf(w, "    preflight answer: %s\n", l)
	}
	for _, l := range r.Fix.Response {
		fmt.Fprintf(w, "    response:         %s\n", l)
	}
	for _, l := range r.Fix.SetCookie {
		fmt.Fprintf(w, "    cookie:           %s\n", l)
	}
	if r.Fix.Config != "" {
		fmt.Fprintln(w, "    with package cors:")
		for _, l := range strings.Split(r.Fix.Config, "\n") {
			fmt.Fprintf(w, "      %s\n", l)
		}
	}
	for _, n := range r.Fix.Notes {
		fmt.Fprintf(w, "    note: %s\n", n)
	}
}

// shown reports whether an exchange shows a header: the ones CORS and
// cookies turn on.
func shown(name string) bool {
	n := strings.ToLower(name)
	return strings.HasPrefix(n, "access-control-") || n == "origin" || n == "cookie" || n == "set-cookie" || n == "vary"
}

// writeExchange writes one exchange's status and CORS headers.
func writeExchange(w io.Writer, label string, ex *doctor.Exchange) {
	if ex == nil {
		return
	}
	status := "no response"
	if ex.Status != 0 {
		status = fmt.Sprint(ex.Status)
	}
	fmt.Fprintf(w, "  %s: %s %s -> %s\n", label, ex.Method, ex.URL, status)
	writeHeaders(w, ">", ex.RequestHeaders)
	writeHeaders(w, "<", ex.ResponseHeaders)
}

// writeHeaders writes the shown headers, sorted, one line per value.
func writeHeaders(w io.Writer, dir string, h map[string]string) {
	var names []string
	for k := range h {
		if shown(k) {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	for _, k := range names {
		for _, v := range strings.Split(h[k], "\n") {
			fmt.Fprintf(w, "      %s %s: %s\n", dir, k, v)
		}
	}
}
