import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { isUnknown, MockRecorder, PropertyMap } from "../support/mocks";

export { isUnknown };

export const releaseType = "kubernetes:helm.sh/v3:Release";
export const namespaceType = "kubernetes:core/v1:Namespace";
export const downloadType = "acr-helm:index:ChartDownload";

/** Stands in for the chart publication: a custom resource whose `version` and `digest` outputs the release consumes. */
export class FakePublication extends pulumi.CustomResource {
    declare readonly version: pulumi.Output<string>;
    declare readonly digest: pulumi.Output<string>;

    constructor(name: string) {
        super("acr-helm:test:FakePublication", name, { version: undefined, digest: undefined });
    }
}

/** Manifest digest the FakePublication reports for a pushed `version`. */
export function publishedDigest(version: string): string {
    return `sha256:${crypto.createHash("sha256").update(`published ${version}`).digest("hex")}`;
}

/**
 * MockRecorder plus what a Helm release reports after an install, the provider reference each resource
 * was registered with, and, in preview mode, an unknown publication version and digest (as on a stack's
 * first preview, before the chart is pushed).
 */
export class ReleaseRecorder extends MockRecorder {
    readonly providers = new Map<string, string | undefined>();

    constructor(
        private readonly publishedVersion: string,
        private readonly preview: boolean,
    ) {
        super();
    }

    override newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
        this.providers.set(args.name, args.provider);
        const result = super.newResource(args);
        if (args.type === "acr-helm:test:FakePublication" && !this.preview) {
            result.state = { ...result.state, version: this.publishedVersion, digest: publishedDigest(this.publishedVersion) };
        }
        if (args.type === releaseType) {
            result.state = { ...result.state, status: releaseStatus(result.state) };
        }
        return result;
    }
}

function releaseStatus(inputs: Record<string, unknown>) {
    return {
        name: inputs.name,
        namespace: inputs.namespace,
        chart: "hello-acr",
        version: inputs.version,
        appVersion: "1.27.3",
        revision: 1,
        status: "deployed",
    };
}

/** Installs a ReleaseRecorder as the mock engine (preview mode when `preview`). */
export async function installReleaseMocks(options: { publishedVersion?: string; preview?: boolean } = {}) {
    const recorder = new ReleaseRecorder(options.publishedVersion ?? "0.1.0", options.preview ?? false);
    await pulumi.runtime.setMocks(recorder, "acr-helm", "test", options.preview ?? false);
    return recorder;
}

/** Options of every resource created under a component, captured by a transformation (dependsOn, provider). */
export function captureOptions(): {
    transformation: pulumi.ResourceTransformation;
    optionsOf: (name: string) => pulumi.CustomResourceOptions;
} {
    const captured = new Map<string, pulumi.CustomResourceOptions>();
    return {
        transformation: (args) => {
            captured.set(args.name, args.opts as pulumi.CustomResourceOptions);
            return undefined;
        },
        optionsOf: (name) => {
            const opts = captured.get(name);
            if (!opts) throw new Error(`no resource named ${name} was created`);
            return opts;
        },
    };
}

/** Inputs without what the Kubernetes SDK adds on its own: Helm's `compat` flag. */
export function ownInputs(inputs: PropertyMap): PropertyMap {
    const own = { ...inputs };
    delete own.compat;
    return own;
}

/** Dotted paths under which `needle` occurs as a plain value in `value`. */
export function pathsOf(value: unknown, needle: string, path = ""): string[] {
    if (value === needle) return [path];
    if (value === null || typeof value !== "object") return [];
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => pathsOf(item, needle, path ? `${path}.${key}` : key));
}
