package zoomtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"zoom-blocklist-provider/tests/go/harness"
)

// TestAutomationToolAppliesABlocklistFile builds examples/automation-go as docs/guides/automation-api.md says and runs
// it as a platform team would, on the CSV of examples/from-file: against a file backend and the emulator, the
// account's credentials in ZOOM_* variables. Each step prints the line the guide quotes.
func TestAutomationToolAppliesABlocklistFile(t *testing.T) {
	harness.NeedCLI(t)
	t.Parallel() // each has its own emulator, stack and folders
	emu := harness.StartEmulator(t)
	dir := t.TempDir()
	tool := filepath.Join(dir, "blocklist-apply")
	build := exec.Command("go", "build", "-o", tool, ".")
	build.Dir = filepath.Join(harness.Repo, "examples", "automation-go")
	build.Env = append(os.Environ(), "GOFLAGS=-mod=readonly", "GOTOOLCHAIN=local")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if err := os.Mkdir(filepath.Join(dir, "backend"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := os.Environ()
	for key, value := range harness.LocalOnly(dir) {
		env = append(env, key+"="+value)
	}
	env = append(env, "ZOOM_API_URL="+emu.APIURL(), "ZOOM_OAUTH_URL="+emu.OAuthURL(), "ZOOM_ACCOUNT_ID="+harness.AccountID,
		"ZOOM_CLIENT_ID="+harness.ClientID, "ZOOM_CLIENT_SECRET="+harness.ClientSecret)
	blocklist := filepath.Join(dir, "blocklist.csv")
	apply := func(t *testing.T, flags ...string) string {
		t.Helper()
		emu.ClearLog(t)
		cmd := exec.Command(tool, append([]string{"-file", blocklist}, flags...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("blocklist-apply %v: %v\n%s", flags, err, out)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		return lines[len(lines)-1]
	}
	write := func(text string) {
		if err := os.WriteFile(blocklist, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	examples, err := os.ReadFile(filepath.Join(harness.Repo, "examples", "from-file", "blocklist.csv"))
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(examples), "tax office,", "tax office (INC-4902),", 1)
	write(string(examples))
	steps := []struct {
		name, csv string
		flags     []string
		summary   string
		calls     map[string]int
	}{
		{"a preview plans the file and calls nothing", "", []string{"-preview"}, "planned: 5 create", map[string]int{}},
		{"applying creates each line", "", nil, "applied: 5 create", map[string]int{"POST": 4}},
		{"a changed comment is one PATCH", changed, nil, "applied: 1 update, 4 same", map[string]int{"PATCH": 1}},
		{"destroy unblocks every line", "", []string{"-destroy"}, "destroyed: 5 delete", map[string]int{"DELETE": 4}},
	}
	for _, step := range steps {
		ok := t.Run(step.name, func(t *testing.T) {
			if step.csv != "" {
				write(step.csv)
			}
			if got := apply(t, step.flags...); got != step.summary {
				t.Errorf("it printed %q, want %q", got, step.summary)
			}
			if got := countMethods(emu.Calls(t)); !reflect.DeepEqual(got, step.calls) {
				t.Errorf("it made %v, want %v", got, step.calls)
			}
		})
		if !ok {
			return
		}
	}
	if left := emu.Entries(t); len(left) != 0 {
		t.Errorf("Zoom still blocks %v", left)
	}
}

// TestTheGuideQuotesTheGoToolAsItIs: the Go block of docs/guides/automation-api.md marked as checked by this file is
// a part of examples/automation-go/main.go, word for word.
func TestTheGuideQuotesTheGoToolAsItIs(t *testing.T) {
	guide, err := os.ReadFile(filepath.Join(harness.Repo, "docs", "guides", "automation-api.md"))
	if err != nil {
		t.Fatal(err)
	}
	tool, err := os.ReadFile(filepath.Join(harness.Repo, "examples", "automation-go", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, found := strings.Cut(string(guide), "<!-- checked by: tests/go/automation_test.go -->\n```go\n")
	quoted, _, closed := strings.Cut(after, "```\n")
	if !found || !closed || !strings.Contains(string(tool), quoted) {
		t.Errorf("the guide's Go block is not a part of main.go:\n%s", quoted)
	}
}
