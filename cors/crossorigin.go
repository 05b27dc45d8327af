package cors

import (
	"fmt"
	"net/http"
	"strings"
)

// CrossOriginProtection returns a net/http CrossOriginProtection that
// trusts the exact origins of the policy's Config.Origins, for servers that
// apply net/http's protection themselves (to handlers the policy does not
// wrap, or with its bypass patterns) and want one origin list. It is a copy:
// a later Reconfigure does not change it.
//
// net/http trusts exact origins only. When Config.Origins holds a pattern
// ("https://*.example.com", "http://localhost:*"), which it cannot express,
// CrossOriginProtection returns an error naming each pattern; the policy's
// own write protection (Config.WriteProtection) trusts patterns too. "*"
// and Config.Public trust no origin, in either.
func (p *Policy) CrossOriginProtection() (*http.CrossOriginProtection, error) {
	cfg := p.cur.Load().cfg
	c := http.NewCrossOriginProtection()
	var patterns []string
	for i, o := range cfg.Origins {
		if o == "*" {
			continue
		}
		if strings.Contains(o, "*") {
			patterns = append(patterns, fmt.Sprintf("Config.Origins[%d] %q", i, o))
			continue
		}
		if err := c.AddTrustedOrigin(o); err != nil {
			return nil, fmt.Errorf("cors: net/http refuses Config.Origins[%d] %q: %w", i, o, err)
		}
	}
	if len(patterns) > 0 {
		return nil, fmt.Errorf("cors: http.CrossOriginProtection trusts exact origins only, so it cannot hold %s; list the origins one by one, or let the policy's Wrap protect the handler (Config.WriteProtection)",
			strings.Join(patterns, ", "))
	}
	return c, nil
}
