import type * as pulumi from "@pulumi/pulumi";

/**
 * The generated SDK classes ask for the plugin version and download server of the SDK, which put their resources
 * under a default provider named after them (`default_0_2_0_github_…`). Resources of this package's classes have
 * always been under the unversioned default provider; moving them would swap the provider of every chart resource
 * in each stack's state on its next update, unasked. An explicit `undefined` wins over the SDK's default when the
 * options are merged. The plugin itself is found through this package's `pulumi` entry in package.json.
 */
export function withoutPluginVersion<T extends pulumi.CustomResourceOptions>(opts: T): T {
    return { ...opts, version: opts.version, pluginDownloadURL: opts.pluginDownloadURL };
}
