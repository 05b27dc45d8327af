package fetch

// Version is the credfetch release this package belongs to. The wasm module
// reports it to pages as credfetch.version.
const Version = "0.1.0-dev"
