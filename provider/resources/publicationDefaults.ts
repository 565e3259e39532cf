import type * as pulumi from "@pulumi/pulumi";
import { UNKNOWN } from "../../chart/publication/inputs";
import type { Props } from "../resourceHandler";

/** Inputs a program may leave out, with the values the schema documents. */
const DEFAULTS: Props = {
    annotations: {},
    provenance: true,
    allowOverwrite: false,
    deleteFromRegistryOnDestroy: false,
    retainOnDelete: false,
    plainHttp: false,
};

const DEFAULT_NAMESPACE = "helm";

/**
 * The inputs with every default applied and the namespace stored under `repository`, its key in state since
 * before `namespace` existed (so that older stacks see no change), or the failure of a namespace given twice.
 */
export function withPublicationDefaults(given: Props): { inputs: Props } | { failures: pulumi.provider.CheckFailure[] } {
    const { namespace, ...rest } = given;
    const repository = rest.repository;
    if (namespace !== undefined && repository !== undefined && namespace !== repository && ![namespace, repository].includes(UNKNOWN)) {
        const reason =
            `namespace '${String(namespace)}' and its deprecated name repository '${String(repository)}' disagree; ` + "set only namespace";
        return { failures: [{ property: "namespace", reason }] };
    }
    const defaults = Object.fromEntries(Object.entries(DEFAULTS).filter(([key]) => rest[key] === undefined || rest[key] === null));
    return { inputs: { ...rest, ...defaults, repository: namespace ?? repository ?? DEFAULT_NAMESPACE } };
}
