package doctor

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestStaleProfilesOfExitedProcessesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	gone := exec.Command("true")
	require.NoError(t, gone.Run())
	stale := filepath.Join(dir, fmt.Sprintf("%s%d-1", profilePrefix, gone.Process.Pid))
	mine := filepath.Join(dir, fmt.Sprintf("%s%d-2", profilePrefix, os.Getpid()))
	other := filepath.Join(dir, profilePrefix+"notapid")
	for _, d := range []string{stale, mine, other} {
		require.NoError(t, os.Mkdir(d, 0o700))
	}
	removeStaleProfiles(dir)
	require.NoDirExists(t, stale)
	require.DirExists(t, mine)
	require.DirExists(t, other, "a name without a process id is not ours to remove")
}
