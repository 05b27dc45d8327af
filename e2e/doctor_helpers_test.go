//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/credfetch/credfetch/internal/doctor"
)

// doctorBin is credfetch-doctor, built once per run of the suite.
var doctorBin struct {
	once sync.Once
	path string
	err  error
}

// buildDoctor builds cmd/credfetch-doctor into a temporary folder.
func buildDoctor(t *testing.T) string {
	t.Helper()
	doctorBin.once.Do(func() {
		dir, err := os.MkdirTemp("", "credfetch-doctor-bin-")
		if err != nil {
			doctorBin.err = err
			return
		}
		doctorBin.path = filepath.Join(dir, "credfetch-doctor")
		if out, err := exec.Command("go", "build", "-C", suite.root, "-o", doctorBin.path, "./cmd/credfetch-doctor").CombinedOutput(); err != nil {
			doctorBin.err = &buildError{err: err, out: out}
		}
	})
	if doctorBin.err != nil {
		t.Fatalf("build cmd/credfetch-doctor: %v", doctorBin.err)
	}
	return doctorBin.path
}

// buildError is a failed go build with its output.
type buildError struct {
	err error
	out []byte
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + string(e.out) }

// runDoctor runs credfetch-doctor -json with args and returns its results
// and exit status. The browser is the suite's Chromium.
func runDoctor(t *testing.T, args ...string) ([]doctor.Result, int) {
	t.Helper()
	chrome, err := chromePath()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(buildDoctor(t), append([]string{"-json"}, args...)...)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chrome)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	code := cmd.ProcessState.ExitCode()
	if err != nil && code != 1 {
		t.Fatalf("credfetch-doctor %v: %v\n%s", args, err, stderr.String())
	}
	var results []doctor.Result
	if err := json.Unmarshal(stdout.Bytes(), &results); err != nil {
		t.Fatalf("credfetch-doctor %v wrote no JSON array: %v\n%s\n%s", args, err, stdout.String(), stderr.String())
	}
	return results, code
}

// corsStatuses lists Chrome's CorsErrorStatus of every failed load, waiting
// up to a second for one when wait is set.
func (w *netWatch) corsStatuses(wait bool) []network.CorsErrorStatus {
	for i := 0; ; i++ {
		w.mu.Lock()
		var out []network.CorsErrorStatus
		for _, f := range w.failed {
			if f.CorsErrorStatus != nil {
				out = append(out, *f.CorsErrorStatus)
			}
		}
		w.mu.Unlock()
		if len(out) > 0 || !wait || i == 20 {
			return out
		}
		time.Sleep(50 * time.Millisecond)
	}
}
