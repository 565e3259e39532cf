package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// schemaFileLoader serves each package from a schema file named on the command line. A schema without a version
// takes the one it is referred to with, as the provider plugin stamps it.
type schemaFileLoader struct {
	files map[string]string
	mu    sync.Mutex
	bound map[string]schema.PackageReference
}

func newSchemaFileLoader(files map[string]string) *schemaFileLoader {
	return &schemaFileLoader{files: files, bound: map[string]schema.PackageReference{}}
}

func (l *schemaFileLoader) LoadPackage(name string, version *semver.Version) (*schema.Package, error) {
	return l.LoadPackageV2(context.Background(), &schema.PackageDescriptor{Name: name, Version: version})
}

func (l *schemaFileLoader) LoadPackageV2(ctx context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	ref, err := l.LoadPackageReferenceV2(ctx, d)
	if err != nil {
		return nil, err
	}
	return ref.Definition()
}

func (l *schemaFileLoader) LoadPackageReference(name string, version *semver.Version) (schema.PackageReference, error) {
	return l.LoadPackageReferenceV2(context.Background(), &schema.PackageDescriptor{Name: name, Version: version})
}

func (l *schemaFileLoader) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	file, ok := l.files[d.Name]
	if !ok {
		return nil, fmt.Errorf("package %s: name its schema file with -package %s=FILE", d.Name, d.Name)
	}
	l.mu.Lock()
	ref, ok := l.bound[d.Name]
	l.mu.Unlock()
	if ok {
		return ref, nil
	}
	// Bound without the lock held: binding loads the packages this one refers to through this loader.
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if spec.Version == "" && d.Version != nil {
		spec.Version = d.Version.String()
	}
	pkg, diags, err := schema.BindSpec(spec, l, schema.ValidationOptions{})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s: %w", file, diags)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.bound[d.Name] = pkg.Reference()
	return l.bound[d.Name], nil
}
