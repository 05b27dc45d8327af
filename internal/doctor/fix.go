package doctor

// Fix is the smallest server change that lets a request through.
type Fix struct {
	// Headers are the response header lines the server must send.
	Headers []string `json:"headers,omitempty"`
	// Config is the cors.Config, as Go code, that sends them.
	Config string `json:"config,omitempty"`
	// Notes explain what headers cannot (cookie attributes, a refusal no
	// header fixes).
	Notes []string `json:"notes,omitempty"`
}

// FixFor builds the fix for a result.
func FixFor(r *Result) *Fix { return &Fix{} }
