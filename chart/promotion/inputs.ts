import { isHelmVersion } from "../model/helmVersion";
import type { RegistryCredentials } from "../distribution/auth/credentials";
import { SHA256_DIGEST } from "../distribution/digest";
import { validateRepositoryName } from "../distribution/names";
import { versionToTag } from "../helmOci/reference";
import { ValidationError } from "../model/validation";
import { invalidInput, readLoginServer } from "../publication/inputs";

/** One end of a promotion as the provider sees it. */
export interface PromotionEndpoint {
    readonly loginServer: string;
    /** full repository path, `<namespace>/<chart>` */
    readonly repositoryPath: string;
    readonly credentials?: RegistryCredentials;
    readonly plainHttp: boolean;
    readonly caCert?: string;
}

export interface PromotionInputs {
    readonly source: PromotionEndpoint;
    readonly destination: PromotionEndpoint;
    readonly version: string;
    readonly tag: string;
    readonly digest?: string;
    readonly deleteFromRegistryOnDestroy: boolean;
}

/** Reads and checks the resource's inputs, offline; a bad one throws naming the property and the fix. */
export function readPromotionInputs(raw: Record<string, unknown>): PromotionInputs {
    const chart = requiredString(raw, "chart");
    const version = requiredString(raw, "version");
    if (!isHelmVersion(version)) {
        throw invalidInput(
            "version",
            `'${version}' is not a chart version; use the version as Chart.yaml gives it, such as 1.2.3, v1.2.3 or 1.2.3-rc.1`,
        );
    }
    const tag = versionToTag(version);
    const digest = raw.digest === undefined || raw.digest === null || raw.digest === "" ? undefined : String(raw.digest);
    if (digest !== undefined && !SHA256_DIGEST.test(digest)) {
        throw invalidInput(
            "digest",
            `'${digest}' is not a manifest digest; give sha256:<64 hex digits>, e.g. a ChartPublication's digest output`,
        );
    }
    return {
        source: endpoint(raw, "source", chart),
        destination: endpoint(raw, "destination", chart),
        version,
        tag,
        digest,
        deleteFromRegistryOnDestroy: raw.deleteFromRegistryOnDestroy === true,
    };
}

function endpoint(raw: Record<string, unknown>, side: "source" | "destination", chart: string): PromotionEndpoint {
    const value = raw[side];
    if (typeof value !== "object" || value === null) throw invalidInput(side, "is required: { loginServer, namespace?, credentials? }");
    const end = value as Record<string, unknown>;
    let loginServer: string;
    try {
        loginServer = readLoginServer(end.loginServer);
    } catch (error) {
        throw invalidInput(`${side}.loginServer`, (error as ValidationError).reason);
    }
    // The component stores the namespace under `repository`, its former name, so that older stacks see no change.
    const namespace = (typeof end.repository === "string" && end.repository !== "" ? end.repository : "helm").replace(/^\/+|\/+$/g, "");
    const repositoryPath = `${namespace}/${chart}`;
    try {
        validateRepositoryName(repositoryPath, loginServer);
    } catch (error) {
        throw invalidInput(`${side}.namespace`, (error as Error).message);
    }
    return {
        loginServer,
        repositoryPath,
        credentials: (raw[`${side}Credentials`] ?? undefined) as RegistryCredentials | undefined,
        plainHttp: end.plainHttp === true,
        caCert: typeof end.caCert === "string" && end.caCert !== "" ? end.caCert : undefined,
    };
}

function requiredString(raw: Record<string, unknown>, name: string): string {
    const value = raw[name];
    if (typeof value !== "string" || value.trim() === "") throw invalidInput(name, "is required and must be a non-empty string");
    return value.trim();
}
