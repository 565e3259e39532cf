import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { demoChartPath } from "../../components/platform/demoChart";

/** One chart the team publishes and releases. */
export interface AppChart {
    /** `path`: chart directory or .tgz; a relative one is from the project directory (where Pulumi.yaml is). */
    readonly path: string;
    /** `namespace` in the registry: the chart's repository is `<namespace>/<chart>`. Default: `helm`. */
    readonly namespace: string;
    /** `releaseName` of its Helm release. Default: the chart directory's name. */
    readonly releaseName: string;
    /** `releaseNamespace` it is installed into. Default: the app's `releaseNamespace`. */
    readonly releaseNamespace: string;
}

/** Every setting the application stack uses, after defaults are applied. */
export interface AppConfig {
    /** `platformStack`: the platform stack to read. Default: `organization/acr-helm-platform/<this stack's name>`. */
    readonly platformStack: string;
    /** `charts`: the team's charts. Default: the package's demo chart `hello-acr` under namespace `helm`. */
    readonly charts: AppChart[];
    /** `skipAwait`: do not wait for the released workloads to become ready. Default: `false`. */
    readonly skipAwait: boolean;
    /**
     * `recoverPendingRelease`: end a Helm revision an interrupted deployment left pending (older than the release's
     * timeout) before the next upgrade, instead of failing the preview with how to do it by hand. Default: `false`.
     */
    readonly recoverPendingRelease: boolean;
    /**
     * `registryUsername` and `registryPassword` (secret): registry credentials used instead of the push identity the
     * platform hands over, e.g. pull-only ones for pull request previews (a preview only reads). Default: the platform's.
     */
    readonly registryCredentials?: { readonly username: string; readonly password: pulumi.Output<string> };
}

export type ChartSetting = { path?: string; namespace?: string; releaseName?: string; releaseNamespace?: string };

/** Reads the application stack's configuration; every key and its default is here. */
export function readAppConfig(): AppConfig {
    const config = new pulumi.Config();
    const stack = pulumi.getStack();
    const releaseNamespace = config.get("releaseNamespace") ?? stack;
    const settings = config.getObject<ChartSetting[]>("charts") ?? [{ path: demoChartPath() }];
    return {
        platformStack: config.get("platformStack") ?? `organization/acr-helm-platform/${stack}`,
        charts: settings.map((setting, index) => chartOf(setting, index, releaseNamespace, pulumi.runtime.getRootDirectory())),
        skipAwait: config.getBoolean("skipAwait") ?? false,
        recoverPendingRelease: config.getBoolean("recoverPendingRelease") ?? false,
        registryCredentials: registryCredentialsOf(config),
    };
}

/** `registryUsername` with `registryPassword`, or neither. */
export function registryCredentialsOf(config: {
    get(key: string): string | undefined;
    getSecret(key: string): pulumi.Output<string> | undefined;
}): AppConfig["registryCredentials"] {
    const username = config.get("registryUsername");
    const password = config.getSecret("registryPassword");
    if ((username === undefined) !== (password === undefined))
        throw new Error(
            "config registryUsername and registryPassword go together: set both (pulumi config set registryUsername <name>; " +
                "pulumi config set --secret registryPassword) or neither, to use the platform's push identity",
        );
    return username === undefined || password === undefined ? undefined : { username, password };
}

/**
 * One `charts` entry with its defaults. The program runs in the compiled dist/ and the provider resolves paths from
 * there, so a relative path is made absolute from `projectDir` (the project's root directory; `""` when unknown).
 */
export function chartOf(setting: ChartSetting, index: number, releaseNamespace: string, projectDir: string): AppChart {
    if (typeof setting?.path !== "string" || setting.path === "") {
        throw new Error(`config charts[${index}].path is missing: give the chart's directory or .tgz, e.g. {"path": "charts/my-app"}`);
    }
    return {
        path: projectDir === "" ? setting.path : path.resolve(projectDir, setting.path),
        namespace: setting.namespace ?? "helm",
        releaseName: setting.releaseName ?? path.basename(setting.path).replace(/\.tgz$/, ""),
        releaseNamespace: setting.releaseNamespace ?? releaseNamespace,
    };
}
