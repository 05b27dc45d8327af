module github.com/credfetch/credfetch/benchmarks

go 1.26.0

replace github.com/credfetch/credfetch => ../

require (
	github.com/credfetch/credfetch v0.0.0-00010101000000-000000000000
	github.com/jub0bs/cors v1.0.5
	github.com/rs/cors v1.11.1
)

require (
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)
