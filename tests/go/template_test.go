package zoomtest

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"

	"zoom-blocklist-provider/tests/go/harness"
)

// moduleProxy is a Go module proxy folder (GOPROXY=file://...) holding the SDK's module as the tag sdk/v<version>
// would: the files of sdk/ that git knows. Its version is a pseudo-version after the release's that names a digest
// of those files, so that Go's module cache (shared by every run and clone on the machine, and never refreshed for
// a version it holds) can never hand an earlier run's SDK to this one.
func moduleProxy(t *testing.T) (string, string) {
	t.Helper()
	listed, err := exec.Command("git", "-C", harness.Repo, "ls-files", "--cached", "--others", "--exclude-standard",
		"sdk").Output()
	if err != nil {
		t.Fatal(err)
	}
	tree, digest := t.TempDir(), sha256.New()
	for _, name := range strings.Fields(string(listed)) {
		text, err := os.ReadFile(filepath.Join(harness.Repo, name))
		if os.IsNotExist(err) {
			continue // deleted, not yet committed
		}
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(digest, "%s %d\n", name, len(text))
		digest.Write(text)
		path := filepath.Join(tree, strings.TrimPrefix(name, "sdk/"))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, text, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	proxy := t.TempDir()
	at := filepath.Join(proxy, harness.SDKModule, "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		t.Fatal(err)
	}
	var major, minor, patch int
	if _, err := fmt.Sscanf(harness.Version, "%d.%d.%d", &major, &minor, &patch); err != nil {
		t.Fatal(err)
	}
	release := fmt.Sprintf("v%d.%d.%d-0.20261208000000-%x", major, minor, patch+1, digest.Sum(nil)[:6])
	zipped, err := os.Create(filepath.Join(at, release+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zipped.Close()
	if err := modzip.CreateFromDir(zipped, module.Version{Path: harness.SDKModule, Version: release}, tree); err != nil {
		t.Fatal(err)
	}
	info, _ := json.Marshal(map[string]any{"Version": release, "Time": time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC)})
	gomod, err := os.ReadFile(filepath.Join(tree, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string][]byte{"list": []byte(release + "\n"), release + ".info": info, release + ".mod": gomod} {
		if err := os.WriteFile(filepath.Join(at, name), text, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return proxy, release
}

// goGetLine is the installation page's `go get` of the SDK, as a reader copies it.
func goGetLine(t *testing.T) []string {
	t.Helper()
	page, err := os.Open(filepath.Join(harness.Repo, "docs", "installation-configuration.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer page.Close()
	lines := bufio.NewScanner(page)
	for lines.Scan() {
		if strings.HasPrefix(lines.Text(), "go get ") {
			command, _, _ := strings.Cut(lines.Text(), "#")
			return strings.Fields(command)
		}
	}
	t.Fatal("docs/installation-configuration.md has no `go get` line")
	return nil
}

// TestTemplateMakesAProjectWhoseProgramApplies makes a project of templates/zoom-go with `pulumi new`, as its README
// says, gets the SDK from a Go module proxy as a user does, builds it, and runs its program through the Automation
// API against the emulator with the stack config `pulumi new` wrote.
func TestTemplateMakesAProjectWhoseProgramApplies(t *testing.T) {
	harness.NeedCLI(t)
	t.Parallel() // each has its own emulator, stack and folders
	emu := harness.StartEmulator(t)
	dir := t.TempDir()
	project := filepath.Join(dir, "blocked-numbers")
	if err := os.Mkdir(filepath.Join(dir, "backend"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := os.Environ()
	for key, value := range harness.LocalOnly(dir) {
		env = append(env, key+"="+value)
	}
	proxy, release := moduleProxy(t)
	upstream, err := exec.Command("go", "env", "GOPROXY").Output()
	if err != nil {
		t.Fatal(err)
	}
	env = append(env, "GOPROXY=file://"+proxy+","+strings.TrimSpace(string(upstream)), "GONOSUMDB="+harness.SDKModule,
		"GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	run := func(t *testing.T, folder string, command ...string) string {
		t.Helper()
		cmd := exec.Command(command[0], command[1:]...)
		cmd.Dir, cmd.Env = folder, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(command, " "), err, out)
		}
		return string(out)
	}

	run(t, dir, "pulumi", "plugin", "install", "resource", "zoom", harness.Version, "--file",
		filepath.Join(harness.VenvBin, "pulumi-resource-zoom"))
	created := exec.Command("pulumi", "new", filepath.Join(harness.Repo, "templates", "zoom-go"), "--dir", project,
		"--name", "blocked-numbers", "--stack", "dev", "--yes", "--non-interactive",
		"--config", "zoom:accountId="+harness.AccountID, "--config", "zoom:clientId="+harness.ClientID)
	created.Dir, created.Env = dir, env
	out, _ := created.CombinedOutput()
	// The project and its stack are made; then pulumi new asks the Go host to install the dependencies, and stops
	// there, before it saves the config it was given: this host is not served here.
	want := "error: failed to load language plugin go: no language plugin 'pulumi-language-go' found in the " +
		"workspace or on your $PATH\n"
	if !strings.Contains(string(out), "Created stack 'dev'") || !strings.HasSuffix(string(out), want) {
		t.Fatalf("pulumi new printed:\n%s", out)
	}
	run(t, project, "pulumi", "config", "set-all", "--plaintext", "zoom:accountId="+harness.AccountID,
		"--plaintext", "zoom:clientId="+harness.ClientID, "--secret", "zoom:clientSecret="+harness.ClientSecret,
		"--plaintext", "zoom:apiUrl="+emu.APIURL(), "--plaintext", "zoom:oauthUrl="+emu.OAuthURL())
	get := goGetLine(t) // the page's line names the release; this run's SDK has a version of its own
	wanted := harness.SDKModule + "@v" + harness.Version
	if get[len(get)-1] != wanted {
		t.Fatalf("the installation page's go get names %s, want %s", get[len(get)-1], wanted)
	}
	run(t, project, append(get[:len(get)-1], harness.SDKModule+"@"+release)...)
	run(t, project, "go", "mod", "tidy")

	// The same program through the Automation API: a test of the project's own package, which can call `program`.
	test := `package main

import (
	"context"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
)

func TestProgramThroughTheAutomationAPI(t *testing.T) {
	stack, err := auto.SelectStackInlineSource(context.Background(), "dev", "blocked-numbers", program, auto.WorkDir("."))
	if err != nil {
		t.Fatal(err)
	}
	up, err := stack.Up(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("robocallerNumber=%v %v", up.Outputs["robocallerNumber"].Value, *up.Summary.ResourceChanges)
}
`
	if err := os.WriteFile(filepath.Join(project, "automation_test.go"), []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	applied := run(t, project, "go", "test", "-count=1", "-v", "./...")
	if !strings.Contains(applied, "robocallerNumber=+19075550100 map[create:3]") {
		t.Errorf("the program did not apply as declared:\n%s", applied)
	}
	if got := countMethods(emu.Calls(t)); got["POST"] != 3 || len(got) != 1 {
		t.Errorf("applying made %v, want 3 POSTs", got)
	}
}
