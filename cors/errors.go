package cors

import "fmt"

// ConfigError describes one problem that New found in a Config. New returns
// every problem it finds, each as a *ConfigError, combined with errors.Join.
type ConfigError struct {
	// Field names the offending field, with the index for list fields, for
	// example "Config.Origins[2]" or "Config.MaxAge".
	Field string
	// Value is the offending value as written in the Config.
	Value string
	// Problem says what is wrong with Value.
	Problem string
	// Fix says how to correct it.
	Fix string
}

// Error returns the problem as one line: field, quoted value, problem, fix.
func (e *ConfigError) Error() string {
	return fmt.Sprintf("cors: %s %q %s; %s", e.Field, e.Value, e.Problem, e.Fix)
}

// configErrors collects the problems of one Config.
type configErrors []error

// add records a problem with the value of a list field at index i.
func (c *configErrors) add(field string, i int, value, problem, fix string) {
	*c = append(*c, &ConfigError{
		Field:   fmt.Sprintf("Config.%s[%d]", field, i),
		Value:   value,
		Problem: problem,
		Fix:     fix,
	})
}
