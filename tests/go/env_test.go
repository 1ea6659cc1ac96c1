package zoomtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// repo is the checkout this file is in.
var repo = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}()

// The SDK's module path and the version every part of a release carries.
const (
	sdkModule = "github.com/zoom-blocklist-provider/zoom-blocklist-provider/sdk"
	version   = "0.1.0"
	require   = "ZOOM_BLOCKLIST_REQUIRE_CLI"
)

var (
	toolsOnce sync.Once
	tools     string // the folder of `pulumi` and its hosts
	venvBin   string // the clone's .venv/bin: pulumi-resource-zoom, zoom-blocklist
	missing   string // why the end-to-end tests cannot run here, if they cannot
)

// needCLI finds the Pulumi CLI and the clone's virtualenv once, and puts both first on PATH, as a developer's shell
// has them after `source .venv/bin/activate`: the Automation API runs the `pulumi` it finds there, and the engine
// finds the plugin there (the PATH route of the development guide). It skips the test where either is missing,
// or fails it under ZOOM_BLOCKLIST_REQUIRE_CLI.
func needCLI(t *testing.T) {
	t.Helper()
	toolsOnce.Do(func() {
		found, err := exec.Command(filepath.Join(repo, "scripts", "pulumi-tools.sh"), "--find").Output()
		if err != nil {
			missing = "the Go end-to-end tests need the Pulumi CLI: run make cli"
			if exit, ok := err.(*exec.ExitError); ok {
				missing += " (" + strings.TrimSpace(string(exit.Stderr)) + ")"
			}
			return
		}
		lines := strings.Split(strings.TrimSpace(string(found)), "\n")
		tools = lines[len(lines)-1]
		venvBin = filepath.Join(repo, ".venv", "bin")
		for _, name := range []string{"pulumi-resource-zoom", "zoom-blocklist"} {
			if _, err := os.Stat(filepath.Join(venvBin, name)); err != nil {
				missing = "the Go end-to-end tests need the clone's .venv (the plugin and the emulator): run make setup"
				return
			}
		}
		os.Setenv("PATH", tools+string(os.PathListSeparator)+venvBin+string(os.PathListSeparator)+os.Getenv("PATH"))
	})
	if missing == "" {
		return
	}
	if os.Getenv(require) != "" {
		t.Fatalf("%s (%s is set, so they may not skip)", missing, require)
	}
	t.Skip(missing)
}
