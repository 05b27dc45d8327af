package jsapi

import (
	"strconv"
	"strings"

	"github.com/credfetch/credfetch/fetch"
)

// readRetry reads a retry policy field: limit, delay and maxDelay (ms),
// methods and status codes (lists), separated by Item.
func readRetry(s string) (fetch.RetryPolicy, error) {
	parts := strings.Split(s, Item)
	if len(parts) != 5 {
		return fetch.RetryPolicy{}, errMalformed("retry", s)
	}
	var p fetch.RetryPolicy
	var err error
	if p.Limit, err = strconv.Atoi(parts[0]); err != nil {
		return p, errMalformed("retry.limit", parts[0])
	}
	if p.Delay, err = millis(parts[1]); err != nil {
		return p, err
	}
	if p.MaxDelay, err = millis(parts[2]); err != nil {
		return p, err
	}
	p.Methods = list(parts[3])
	if codes := list(parts[4]); codes != nil {
		p.StatusCodes = make([]int, len(codes))
		for i, c := range codes {
			if p.StatusCodes[i], err = strconv.Atoi(c); err != nil {
				return p, errMalformed("retry.statusCodes", c)
			}
		}
	}
	return p, nil
}

// formatRetry writes p as readRetry reads it.
func formatRetry(p fetch.RetryPolicy) string {
	var codes []string
	if p.StatusCodes != nil {
		codes = make([]string, len(p.StatusCodes))
		for i, c := range p.StatusCodes {
			codes[i] = strconv.Itoa(c)
		}
	}
	return strconv.Itoa(p.Limit) + Item + formatMillis(p.Delay) + Item + formatMillis(p.MaxDelay) + Item +
		formatList(p.Methods) + Item + formatList(codes)
}
