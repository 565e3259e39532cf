import type * as pulumi from "@pulumi/pulumi";

/**
 * The generated SDK classes ask for the plugin version of the SDK, which puts their resources under a default
 * provider named after that version (`default_0_2_0`). Resources of this package's classes have always been under
 * the unversioned default provider; moving them would swap the provider of every chart resource in each stack's
 * state on its next update, unasked. An explicit `version: undefined` wins over the SDK's default when the options
 * are merged.
 */
export function withoutPluginVersion<T extends pulumi.CustomResourceOptions>(opts: T): T {
    return { ...opts, version: opts.version };
}
