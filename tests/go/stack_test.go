package zoomtest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// localOnly is what keeps a Pulumi local: its own PULUMI_HOME, a file backend, an empty passphrase, no update
// check, and the emulator reached without a proxy.
func localOnly(dir string) map[string]string {
	return map[string]string{
		"PULUMI_HOME":              filepath.Join(dir, "home"),
		"PULUMI_BACKEND_URL":       "file://" + filepath.Join(dir, "backend"),
		"PULUMI_CONFIG_PASSPHRASE": "",
		"PULUMI_SKIP_UPDATE_CHECK": "true",
		"NO_PROXY":                 "127.0.0.1,localhost",
		"no_proxy":                 "127.0.0.1,localhost",
	}
}

// emulatorConfig is the stack config that points the default zoom provider at e.
func emulatorConfig(e *emulator) auto.ConfigMap {
	return auto.ConfigMap{
		"zoom:apiUrl":       {Value: e.apiURL()},
		"zoom:oauthUrl":     {Value: e.oauthURL()},
		"zoom:accountId":    {Value: accountID},
		"zoom:clientId":     {Value: clientID},
		"zoom:clientSecret": {Value: clientSecret, Secret: true},
	}
}

// inlineStack is a stack "dev" of an inline program in a local file backend, configured for the emulator: the
// Automation API serves program in this process, and the CLI's engine connects to it (--client).
func inlineStack(t *testing.T, e *emulator, project string, program pulumi.RunFunc) auto.Stack {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "backend"), 0o755); err != nil {
		t.Fatal(err)
	}
	settings := workspace.Project{Name: tokens.PackageName(project), Runtime: workspace.NewProjectRuntimeInfo("go", nil)}
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", project, program,
		auto.Project(settings), auto.WorkDir(dir), auto.EnvVars(localOnly(dir)))
	if err != nil {
		t.Fatal(err)
	}
	if err := stack.SetAllConfig(ctx, emulatorConfig(e)); err != nil {
		t.Fatal(err)
	}
	return stack
}

// stateResource is one resource of a stack's state.
type stateResource struct {
	URN     string         `json:"urn"`
	Type    string         `json:"type"`
	ID      string         `json:"id"`
	Outputs map[string]any `json:"outputs"`
}

// resources is each resource of type typ in the stack's state, by name.
func resources(t *testing.T, stack auto.Stack, typ string) map[string]stateResource {
	t.Helper()
	exported, err := stack.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var deployment struct{ Resources []stateResource }
	if err := json.Unmarshal(exported.Deployment, &deployment); err != nil {
		t.Fatal(err)
	}
	byName := map[string]stateResource{}
	for _, one := range deployment.Resources {
		if one.Type == typ {
			byName[one.URN[strings.LastIndex(one.URN, "::")+2:]] = one
		}
	}
	return byName
}
