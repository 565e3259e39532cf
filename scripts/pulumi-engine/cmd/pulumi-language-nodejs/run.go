package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// exitCodeReported is the exit code with which @pulumi/pulumi's runner says it has already reported the error.
const exitCodeReported = 32

// runProgram starts the program with @pulumi/pulumi's own runner script, the way the official host does.
func runProgram(ctx context.Context, req *pulumirpc.RunRequest, engineAddress string) (*pulumirpc.RunResponse, error) {
	programDir := req.GetInfo().GetProgramDirectory()
	if programDir == "" {
		programDir = req.GetPwd()
	}
	runner, err := resolveRunner(ctx, programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	env, err := programEnvironment(req)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	args := append(nodeArguments(req), runner)
	args = append(args, runnerFlags(req, engineAddress)...)
	args = append(args, entryPoint(req))
	args = append(args, req.GetArgs()...)

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	err = cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exitErr) && exitErr.ExitCode() == exitCodeReported:
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exitErr):
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("program exited with code %d", exitErr.ExitCode())}, nil
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not start node: %v", err)}, nil
	}
}

// resolveRunner finds @pulumi/pulumi/cmd/run the way the program itself would resolve it.
func resolveRunner(ctx context.Context, programDir string) (string, error) {
	cmd := exec.CommandContext(ctx, "node", "-e", `process.stdout.write(require.resolve("@pulumi/pulumi/cmd/run"))`)
	cmd.Dir = programDir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cannot find @pulumi/pulumi from %s: run 'npm install' in the project first (%v)", programDir, err)
	}
	return strings.TrimSpace(string(out)), nil
}

func runnerFlags(req *pulumirpc.RunRequest, engineAddress string) []string {
	flags := []string{
		"--monitor", req.GetMonitorAddress(),
		"--engine", engineAddress,
		"--project", req.GetProject(),
		"--stack", req.GetStack(),
		"--pwd", req.GetPwd(),
		"--parallel", strconv.Itoa(int(req.GetParallel())),
	}
	if req.GetOrganization() != "" {
		flags = append(flags, "--organization", req.GetOrganization())
	}
	if root := req.GetInfo().GetRootDirectory(); root != "" {
		flags = append(flags, "--root-directory", root)
	}
	if req.GetDryRun() {
		flags = append(flags, "--dry-run")
	}
	return flags
}

func entryPoint(req *pulumirpc.RunRequest) string {
	if entry := req.GetInfo().GetEntryPoint(); entry != "" {
		return entry
	}
	if req.GetProgram() != "" {
		return req.GetProgram()
	}
	return "."
}

// nodeArguments are the runtime option `nodeargs` from Pulumi.yaml, split on spaces.
func nodeArguments(req *pulumirpc.RunRequest) []string {
	if value, ok := runtimeOption(req, "nodeargs").(string); ok {
		return strings.Fields(value)
	}
	return nil
}

func runtimeOption(req *pulumirpc.RunRequest, name string) interface{} {
	options := req.GetInfo().GetOptions()
	if options == nil {
		return nil
	}
	return options.AsMap()[name]
}

// programEnvironment carries the stack's configuration and runtime options to @pulumi/pulumi.
func programEnvironment(req *pulumirpc.RunRequest) ([]string, error) {
	configJSON, err := configForProgram(req.GetConfig())
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	typescript := true
	if value, ok := runtimeOption(req, "typescript").(bool); ok {
		typescript = value
	}
	env := []string{
		"PULUMI_CONFIG=" + configJSON,
		"PULUMI_CONFIG_SECRET_KEYS=" + string(secretKeysJSON),
		"PULUMI_NODEJS_TYPESCRIPT=" + strconv.FormatBool(typescript),
	}
	if tsconfig, ok := runtimeOption(req, "tsconfig").(string); ok && tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}
	return env, nil
}

// configForProgram writes keys as `<namespace>:config:<name>`, the spelling every @pulumi/pulumi version reads.
func configForProgram(values map[string]string) (string, error) {
	converted := make(map[string]string, len(values))
	for raw, value := range values {
		key, err := config.ParseKey(raw)
		if err != nil {
			return "", fmt.Errorf("configuration key %q: %w", raw, err)
		}
		converted[key.Namespace()+":config:"+key.Name()] = value
	}
	data, err := json.Marshal(converted)
	return string(data), err
}
