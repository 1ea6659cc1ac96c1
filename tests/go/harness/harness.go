// Package harness is what the Go tests share: the Pulumi CLI and the clone's .venv found once and put on PATH, the
// emulator as a process of its own steered over its admin path, and inline programs' stacks in a local backend.
// The docs samples' test builds a module of its own on it (samples_test.go), hence a package and not _test files.
package harness

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Repo is the checkout this file is in.
var Repo = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}()

// The SDK's module path and the version every part of a release carries.
const (
	SDKModule = "github.com/zoom-blocklist-provider/zoom-blocklist-provider/sdk"
	Version   = "0.1.0"
	require   = "ZOOM_BLOCKLIST_REQUIRE_CLI"
)

var (
	toolsOnce sync.Once
	// Tools is the folder of `pulumi` and its hosts, and VenvBin the clone's .venv/bin (pulumi-resource-zoom,
	// zoom-blocklist), once NeedCLI found them.
	Tools   string
	VenvBin string
	missing string // why the end-to-end tests cannot run here, if they cannot
)

// NeedCLI finds the Pulumi CLI and the clone's virtualenv once, and puts both first on PATH, as a developer's shell
// has them after `source .venv/bin/activate`: the Automation API runs the `pulumi` it finds there, and the engine
// finds the plugin there (the PATH route of the development guide). It skips the test where either is missing,
// or fails it under ZOOM_BLOCKLIST_REQUIRE_CLI.
func NeedCLI(t testing.TB) {
	t.Helper()
	toolsOnce.Do(func() {
		found, err := exec.Command(filepath.Join(Repo, "scripts", "pulumi-tools.sh"), "--find").Output()
		if err != nil {
			missing = "the Go end-to-end tests need the Pulumi CLI: run make cli"
			if exit, ok := err.(*exec.ExitError); ok {
				missing += " (" + strings.TrimSpace(string(exit.Stderr)) + ")"
			}
			return
		}
		lines := strings.Split(strings.TrimSpace(string(found)), "\n")
		Tools = lines[len(lines)-1]
		VenvBin = filepath.Join(Repo, ".venv", "bin")
		for _, name := range []string{"pulumi-resource-zoom", "zoom-blocklist"} {
			if _, err := os.Stat(filepath.Join(VenvBin, name)); err != nil {
				missing = "the Go end-to-end tests need the clone's .venv (the plugin and the emulator): run make setup"
				return
			}
		}
		os.Setenv("PATH", Tools+string(os.PathListSeparator)+VenvBin+string(os.PathListSeparator)+os.Getenv("PATH"))
	})
	if missing == "" {
		return
	}
	if os.Getenv(require) != "" {
		t.Fatalf("%s (%s is set, so they may not skip)", missing, require)
	}
	t.Skip(missing)
}

// The emulator's own credentials, as `zoom-blocklist emulator` prints them.
const (
	AccountID    = "emulator-account"
	ClientID     = "emulator-client"
	ClientSecret = "emulator-secret"
)

// Emulator is a `zoom-blocklist emulator` process of the clone's .venv, steered over its admin path.
type Emulator struct {
	URL string // http://127.0.0.1:<port>, from its readiness line
}

// loopback reaches the emulator directly: an HTTP(S)_PROXY of the environment must not capture its calls.
var loopback = &http.Client{Transport: &http.Transport{Proxy: nil}, Timeout: 30 * time.Second}

// StartEmulator starts an emulator on a free port, its ids drawn from a fixed seed, and stops it when t ends.
func StartEmulator(t testing.TB, args ...string) *Emulator {
	t.Helper()
	args = append([]string{"emulator", "--port", "0", "--id-seed", "26"}, args...)
	cmd := exec.Command(filepath.Join(VenvBin, "zoom-blocklist"), args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	drained := make(chan struct{})
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		<-drained
		_ = cmd.Wait()
	})
	lines := bufio.NewScanner(out)
	first, readiness := lines.Scan(), lines.Text()
	go func() { // the lines under the first, read so that the pipe never fills
		defer close(drained)
		for lines.Scan() {
		}
	}()
	if !first {
		t.Fatalf("the emulator exited before its readiness line: %s", stderr.String())
	}
	url, ok := strings.CutPrefix(readiness, "Zoom emulator listening on ")
	if !ok {
		t.Fatalf("the emulator's first line is not its readiness line: %q", readiness)
	}
	return &Emulator{URL: url}
}

// APIURL is the emulator's base URL of Zoom's API, as zoom:apiUrl takes it.
func (e *Emulator) APIURL() string { return e.URL + "/v2" }

// OAuthURL is the emulator's token endpoint, as zoom:oauthUrl takes it.
func (e *Emulator) OAuthURL() string { return e.URL + "/oauth/token" }

// Admin calls the admin path and decodes its JSON answer into out (when out is not nil).
func (e *Emulator) Admin(t testing.TB, method, path string, body, out any) {
	t.Helper()
	var sent bytes.Buffer
	if body != nil {
		if err := json.NewEncoder(&sent).Encode(body); err != nil {
			t.Fatal(err)
		}
	}
	request, err := http.NewRequest(method, e.URL+"/_emulator"+path, &sent)
	if err != nil {
		t.Fatal(err)
	}
	request.Header.Set("Content-Type", "application/json")
	response, err := loopback.Do(request)
	if err != nil {
		t.Fatalf("%s /_emulator%s: %v", method, path, err)
	}
	defer response.Body.Close()
	if response.StatusCode >= 300 {
		t.Fatalf("%s /_emulator%s: HTTP %d", method, path, response.StatusCode)
	}
	if out != nil {
		if err := json.NewDecoder(response.Body).Decode(out); err != nil {
			t.Fatalf("%s /_emulator%s: %v", method, path, err)
		}
	}
}

// requests is every request the emulator answered, token requests included, as "METHOD /path".
func (e *Emulator) Requests(t testing.TB) []string {
	t.Helper()
	var logged []struct{ Method, Path string }
	e.Admin(t, http.MethodGet, "/requests", nil, &logged)
	answered := []string{}
	for _, request := range logged {
		answered = append(answered, request.Method+" "+request.Path)
	}
	return answered
}

// calls is every call of Zoom's API the emulator answered (no token request), as "METHOD /path".
func (e *Emulator) Calls(t testing.TB) []string {
	t.Helper()
	api := []string{}
	for _, request := range e.Requests(t) {
		if request != "POST /oauth/token" {
			api = append(api, request)
		}
	}
	return api
}

// ClearLog empties the request log, so that the next calls are counted alone.
func (e *Emulator) ClearLog(t testing.TB) { e.Admin(t, http.MethodDelete, "/requests", nil, nil) }

// entry is one entry of the blocked list as the emulator stores it.
type Entry struct {
	ID          string `json:"id"`
	PhoneNumber string `json:"phone_number"`
	MatchType   string `json:"match_type"`
	BlockType   string `json:"block_type"`
	Status      string `json:"status"`
	Comment     string `json:"comment"`
}

// entries is the account's blocked list, by id.
func (e *Emulator) Entries(t testing.TB) map[string]Entry {
	t.Helper()
	var stored []Entry
	e.Admin(t, http.MethodGet, "/entries", nil, &stored)
	byID := map[string]Entry{}
	for _, one := range stored {
		byID[one.ID] = one
	}
	return byID
}

// AddEntry blocks a number as someone in the Zoom portal would, outside any stack; it returns the entry's id.
func (e *Emulator) AddEntry(t testing.TB, fields map[string]string) string {
	t.Helper()
	var added struct{ ID string }
	e.Admin(t, http.MethodPost, "/entries", fields, &added)
	if added.ID == "" {
		t.Fatalf("the emulator gave no id for %v", fields)
	}
	return added.ID
}

func (e Entry) String() string {
	return fmt.Sprintf("%s %s/%s/%s %s %q", e.ID, e.PhoneNumber, e.MatchType, e.BlockType, e.Status, e.Comment)
}

// LocalOnly is what keeps a Pulumi local: its own PULUMI_HOME, a file backend, an empty passphrase, no update
// check, and the emulator reached without a proxy.
func LocalOnly(dir string) map[string]string {
	return map[string]string{
		"PULUMI_HOME":              filepath.Join(dir, "home"),
		"PULUMI_BACKEND_URL":       "file://" + filepath.Join(dir, "backend"),
		"PULUMI_CONFIG_PASSPHRASE": "",
		"PULUMI_SKIP_UPDATE_CHECK": "true",
		"NO_PROXY":                 "127.0.0.1,localhost",
		"no_proxy":                 "127.0.0.1,localhost",
	}
}

// EmulatorConfig is the stack config that points the default zoom provider at e.
func EmulatorConfig(e *Emulator) auto.ConfigMap {
	return auto.ConfigMap{
		"zoom:apiUrl":       {Value: e.APIURL()},
		"zoom:oauthUrl":     {Value: e.OAuthURL()},
		"zoom:accountId":    {Value: AccountID},
		"zoom:clientId":     {Value: ClientID},
		"zoom:clientSecret": {Value: ClientSecret, Secret: true},
	}
}

// InlineStack is a stack "dev" of an inline program in a local file backend, configured for the emulator: the
// Automation API serves program in this process, and the CLI's engine connects to it (--client). The CLI runs with
// ZOOM_API_URL and ZOOM_OAUTH_URL pointing at the emulator too, where an explicit provider with no URLs of its own
// falls back to them.
func InlineStack(t testing.TB, e *Emulator, project string, program pulumi.RunFunc) auto.Stack {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "backend"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := LocalOnly(dir)
	env["ZOOM_API_URL"], env["ZOOM_OAUTH_URL"] = e.APIURL(), e.OAuthURL()
	settings := workspace.Project{Name: tokens.PackageName(project), Runtime: workspace.NewProjectRuntimeInfo("go", nil)}
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", project, program,
		auto.Project(settings), auto.WorkDir(dir), auto.EnvVars(env))
	if err != nil {
		t.Fatal(err)
	}
	if err := stack.SetAllConfig(ctx, EmulatorConfig(e)); err != nil {
		t.Fatal(err)
	}
	return stack
}

// Sample is a docs sample's program, by the page and line of its block.
type Sample struct {
	ID      string
	Program pulumi.RunFunc
}

// ApplySamples runs `pulumi up` of each sample's program in turn on one stack, configured for the emulator as the
// default account and as `emea` (the several-accounts samples' second provider), and checks after each that every
// entry it declares is in Zoom under the id the state records (what an earlier sample made and this one does not
// declare, the engine has deleted).
func ApplySamples(t *testing.T, samples []Sample) {
	t.Helper()
	ctx := context.Background()
	e := StartEmulator(t)
	var current pulumi.RunFunc
	stack := InlineStack(t, e, "docs-go", func(ctx *pulumi.Context) error { return current(ctx) })
	emea := auto.ConfigMap{
		"emea:accountId":    {Value: AccountID},
		"emea:clientId":     {Value: ClientID},
		"emea:clientSecret": {Value: ClientSecret, Secret: true},
	}
	if err := stack.SetAllConfig(ctx, emea); err != nil {
		t.Fatal(err)
	}
	for _, sample := range samples {
		current = sample.Program
		t.Run(sample.ID, func(t *testing.T) {
			if _, err := stack.Up(ctx); err != nil {
				t.Fatal(err)
			}
			recorded := map[string]bool{}
			for _, state := range Resources(t, stack, "zoom:phone:BlockedNumber", "zoom:phone:Blocklist") {
				if state.Type == "zoom:phone:BlockedNumber" {
					recorded[state.ID] = true
					continue
				}
				for _, id := range state.Outputs["ids"].(map[string]any) {
					recorded[id.(string)] = true
				}
			}
			inZoom := map[string]bool{}
			for id := range e.Entries(t) {
				inZoom[id] = true
			}
			if len(recorded) == 0 || !maps.Equal(recorded, inZoom) {
				t.Errorf("the state records the entries %v; Zoom holds %v", recorded, inZoom)
			}
		})
	}
}

// StateResource is one resource of a stack's state.
type StateResource struct {
	URN     string         `json:"urn"`
	Type    string         `json:"type"`
	ID      string         `json:"id"`
	Outputs map[string]any `json:"outputs"`
}

// Resources is each resource of the types named in the stack's state, by name.
func Resources(t testing.TB, stack auto.Stack, types ...string) map[string]StateResource {
	t.Helper()
	exported, err := stack.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var deployment struct{ Resources []StateResource }
	if err := json.Unmarshal(exported.Deployment, &deployment); err != nil {
		t.Fatal(err)
	}
	byName := map[string]StateResource{}
	for _, one := range deployment.Resources {
		if slices.Contains(types, one.Type) {
			byName[one.URN[strings.LastIndex(one.URN, "::")+2:]] = one
		}
	}
	return byName
}
