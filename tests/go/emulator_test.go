package zoomtest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The emulator's own credentials, as `zoom-blocklist emulator` prints them.
const (
	accountID    = "emulator-account"
	clientID     = "emulator-client"
	clientSecret = "emulator-secret"
)

// emulator is a `zoom-blocklist emulator` process of the clone's .venv, steered over its admin path.
type emulator struct {
	URL string // http://127.0.0.1:<port>, from its readiness line
}

// loopback reaches the emulator directly: an HTTP(S)_PROXY of the environment must not capture its calls.
var loopback = &http.Client{Transport: &http.Transport{Proxy: nil}, Timeout: 30 * time.Second}

// startEmulator starts an emulator on a free port, its ids drawn from a fixed seed, and stops it when t ends.
func startEmulator(t *testing.T, args ...string) *emulator {
	t.Helper()
	args = append([]string{"emulator", "--port", "0", "--id-seed", "26"}, args...)
	cmd := exec.Command(filepath.Join(venvBin, "zoom-blocklist"), args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})
	lines := bufio.NewScanner(out)
	if !lines.Scan() {
		t.Fatalf("the emulator exited before its readiness line: %s", stderr.String())
	}
	url, ok := strings.CutPrefix(lines.Text(), "Zoom emulator listening on ")
	if !ok {
		t.Fatalf("the emulator's first line is not its readiness line: %q", lines.Text())
	}
	go func() { // the lines under it, read so that the pipe never fills
		for lines.Scan() {
		}
	}()
	return &emulator{URL: url}
}

func (e *emulator) apiURL() string   { return e.URL + "/v2" }
func (e *emulator) oauthURL() string { return e.URL + "/oauth/token" }

// admin calls the admin path and decodes its JSON answer into out (when out is not nil).
func (e *emulator) admin(t *testing.T, method, path string, body, out any) {
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
func (e *emulator) requests(t *testing.T) []string {
	t.Helper()
	var logged []struct{ Method, Path string }
	e.admin(t, http.MethodGet, "/requests", nil, &logged)
	answered := []string{}
	for _, request := range logged {
		answered = append(answered, request.Method+" "+request.Path)
	}
	return answered
}

// calls is every call of Zoom's API the emulator answered (no token request), as "METHOD /path".
func (e *emulator) calls(t *testing.T) []string {
	t.Helper()
	api := []string{}
	for _, request := range e.requests(t) {
		if request != "POST /oauth/token" {
			api = append(api, request)
		}
	}
	return api
}

// clearLog empties the request log, so that the next calls are counted alone.
func (e *emulator) clearLog(t *testing.T) { e.admin(t, http.MethodDelete, "/requests", nil, nil) }

// entry is one entry of the blocked list as the emulator stores it.
type entry struct {
	ID          string `json:"id"`
	PhoneNumber string `json:"phone_number"`
	MatchType   string `json:"match_type"`
	BlockType   string `json:"block_type"`
	Status      string `json:"status"`
	Comment     string `json:"comment"`
}

// entries is the account's blocked list, by id.
func (e *emulator) entries(t *testing.T) map[string]entry {
	t.Helper()
	var stored []entry
	e.admin(t, http.MethodGet, "/entries", nil, &stored)
	byID := map[string]entry{}
	for _, one := range stored {
		byID[one.ID] = one
	}
	return byID
}

// addEntry blocks a number as someone in the Zoom portal would, outside any stack; it returns the entry's id.
func (e *emulator) addEntry(t *testing.T, fields map[string]string) string {
	t.Helper()
	var added struct{ ID string }
	e.admin(t, http.MethodPost, "/entries", fields, &added)
	if added.ID == "" {
		t.Fatalf("the emulator gave no id for %v", fields)
	}
	return added.ID
}

func (e entry) String() string {
	return fmt.Sprintf("%s %s/%s/%s %s %q", e.ID, e.PhoneNumber, e.MatchType, e.BlockType, e.Status, e.Comment)
}
