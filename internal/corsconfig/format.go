// Package corsconfig writes a cors.Config as the Go code that builds it, for
// the demo's lab and for credfetch-doctor's fixes.
package corsconfig

import (
	"fmt"
	"strings"

	"github.com/credfetch/credfetch/cors"
)

// Format renders cfg as the gofmt-formatted Go composite literal that builds
// it, listing only the fields that are set.
func Format(cfg cors.Config) string {
	type field struct{ name, value string }
	var fields []field
	list := func(name string, v []string) {
		if len(v) == 0 {
			return
		}
		quoted := make([]string, len(v))
		for i, s := range v {
			quoted[i] = fmt.Sprintf("%q", s)
		}
		fields = append(fields, field{name, "[]string{" + strings.Join(quoted, ", ") + "}"})
	}
	list("Origins", cfg.Origins)
	if cfg.Credentials {
		fields = append(fields, field{"Credentials", "true"})
	}
	list("Methods", cfg.Methods)
	list("Headers", cfg.Headers)
	list("Expose", cfg.Expose)
	if cfg.MaxAge > 0 {
		fields = append(fields, field{"MaxAge", DurationLiteral(int64(cfg.MaxAge.Seconds()))})
	}
	width := 0
	for _, f := range fields {
		width = max(width, len(f.name))
	}
	var b strings.Builder
	b.WriteString("cors.Config{\n")
	for _, f := range fields {
		fmt.Fprintf(&b, "\t%-*s %s,\n", width+1, f.name+":", f.value)
	}
	b.WriteString("}")
	return b.String()
}

// DurationLiteral writes a whole number of seconds as Go code.
func DurationLiteral(s int64) string {
	switch {
	case s%3600 == 0:
		return fmt.Sprintf("%d * time.Hour", s/3600)
	case s%60 == 0:
		return fmt.Sprintf("%d * time.Minute", s/60)
	default:
		return fmt.Sprintf("%d * time.Second", s)
	}
}
