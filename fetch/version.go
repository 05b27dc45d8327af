package fetch

import "github.com/credfetch/credfetch/internal/version"

// Version is the credfetch release this package belongs to (package
// internal/version holds it). The wasm module reports it to pages as
// credfetch.version.
const Version = version.Version
