package demo

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
)

// maxEntryBytes bounds the JSON of one exchange in the live log, so that a
// hostile request (a preflight asking for ten thousand headers, say) costs
// the log no more than an ordinary one.
const maxEntryBytes = 16 << 10

// maxShortText and maxShortHeaders are what a shortened exchange keeps of
// each text and of each header set.
const (
	maxShortText    = 512
	maxShortHeaders = 24
)

// encodeBounded returns the JSON of e, at most maxEntryBytes long: when the
// whole exchange is longer, it cuts long texts and header sets, drops the
// fix, marks e Shortened and encodes it again.
func encodeBounded(e *Exchange) []byte {
	data, err := json.Marshal(e)
	if err == nil && len(data) <= maxEntryBytes {
		return data
	}
	e.Shortened = true
	e.Fix = nil
	for _, s := range []*string{&e.URL, &e.Path, &e.Origin, &e.Policy.Message, &e.Policy.Text,
		&e.Browser.Message, &e.Browser.FailedParameter, &e.Browser.Redirect} {
		*s = cutText(*s, maxShortText)
	}
	e.Request.Header = fewHeaders(e.Request.Header)
	e.Response.Header = fewHeaders(e.Response.Header)
	e.Policy.Header = fewHeaders(e.Policy.Header)
	e.Browser.Exposed = fewNames(e.Browser.Exposed)
	e.Browser.Hidden = fewNames(e.Browser.Hidden)
	data, err = json.Marshal(e)
	if err != nil || len(data) > maxEntryBytes {
		data, _ = json.Marshal(map[string]any{"seq": e.Seq, "method": cutText(e.Method, maxShortText), "path": e.Path, "shortened": true})
	}
	return data
}

// cutText cuts s to n bytes, saying how long it was.
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return fmt.Sprintf("%s… [%d bytes, cut short in the log]", s[:n], len(s))
}

// fewHeaders keeps the first maxShortHeaders header names of h in name
// order, each value cut to maxShortText, and says how many it left out.
func fewHeaders(h http.Header) http.Header {
	if h == nil {
		return nil
	}
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	slices.Sort(names)
	out := http.Header{}
	for i, k := range names {
		if i == maxShortHeaders {
			out["…"] = []string{fmt.Sprintf("%d more header names left out of the log", len(names)-i)}
			break
		}
		v := h[k]
		if len(v) > 4 {
			v = append(v[:4:4], fmt.Sprintf("… %d more lines", len(v)-4))
		}
		kept := make([]string, len(v))
		for j, s := range v {
			kept[j] = cutText(s, maxShortText)
		}
		out[k] = kept
	}
	return out
}

// fewNames keeps the first maxShortHeaders names of a list.
func fewNames(names []string) []string {
	if len(names) <= maxShortHeaders {
		return names
	}
	return append(names[:maxShortHeaders:maxShortHeaders], fmt.Sprintf("… %d more", len(names)-maxShortHeaders))
}
