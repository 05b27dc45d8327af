// Package version holds the one version number of credfetch.
package version

// Version is the credfetch release: the version of the npm package, and what
// pages read as credfetch.version.
const Version = "0.1.0-dev"
