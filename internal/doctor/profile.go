package doctor

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// profilePrefix starts the name of every profile folder; the owner's process
// id follows, so that a later start can remove the folders of test binaries
// that exited before closing their browser.
const profilePrefix = "credfetch-doctor-profile-"

// newProfile creates this process's profile folder, after removing those of
// processes that are gone.
func newProfile() (string, error) {
	removeStaleProfiles(os.TempDir())
	dir, err := os.MkdirTemp("", fmt.Sprintf("%s%d-", profilePrefix, os.Getpid()))
	if err != nil {
		return "", fmt.Errorf("create a browser profile folder: %w (is TMPDIR writable?)", err)
	}
	return dir, nil
}

// removeStaleProfiles removes the profile folders in dir whose owner process
// no longer runs.
func removeStaleProfiles(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, profilePrefix+"*"))
	for _, m := range matches {
		rest := strings.TrimPrefix(filepath.Base(m), profilePrefix)
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		_ = os.RemoveAll(m)
	}
}
