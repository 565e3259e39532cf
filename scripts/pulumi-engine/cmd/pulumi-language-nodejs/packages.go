package main

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// resourcePackage is an npm package that brings a Pulumi resource plugin ("pulumi": {"resource": true}).
type resourcePackage struct {
	name, version, server string
}

type packageJSON struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Pulumi  struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

// resourcePackages lists the plugin packages in the node_modules folders from dir up to the file system root,
// the same folders Node.js resolves modules from; the nearest copy of a package wins.
func resourcePackages(dir string) ([]resourcePackage, error) {
	seen := map[string]resourcePackage{}
	for current := dir; current != ""; current = parentOf(current) {
		if err := scanNodeModules(filepath.Join(current, "node_modules"), seen); err != nil {
			return nil, err
		}
	}
	result := make([]resourcePackage, 0, len(seen))
	for _, p := range seen {
		result = append(result, p)
	}
	sort.Slice(result, func(i, j int) bool { return result[i].name < result[j].name })
	return result, nil
}

func scanNodeModules(folder string, seen map[string]resourcePackage) error {
	entries, err := os.ReadDir(folder)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	for _, entry := range entries {
		name := entry.Name()
		if strings.HasPrefix(name, "@") {
			scoped, err := os.ReadDir(filepath.Join(folder, name))
			if err != nil {
				continue
			}
			for _, inner := range scoped {
				addPackage(filepath.Join(folder, name, inner.Name()), seen)
			}
			continue
		}
		addPackage(filepath.Join(folder, name), seen)
	}
	return nil
}

func addPackage(dir string, seen map[string]resourcePackage) {
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return
	}
	var pkg packageJSON
	if json.Unmarshal(data, &pkg) != nil || !pkg.Pulumi.Resource {
		return
	}
	name := pkg.Pulumi.Name
	if name == "" {
		name = strings.TrimPrefix(pkg.Name, "@pulumi/")
	}
	version := pkg.Pulumi.Version
	if version == "" {
		version = pkg.Version
	}
	if _, nearer := seen[name]; nearer {
		return
	}
	seen[name] = resourcePackage{name: name, version: "v" + strings.TrimPrefix(version, "v"), server: pkg.Pulumi.Server}
}

func parentOf(dir string) string {
	parent := filepath.Dir(dir)
	if parent == dir {
		return ""
	}
	return parent
}
