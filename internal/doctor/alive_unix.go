//go:build unix

package doctor

import (
	"errors"
	"syscall"
)

// processAlive reports whether process pid may still run.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
