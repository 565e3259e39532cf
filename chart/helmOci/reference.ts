import { OciError } from "../distribution/errors";
import { TAG } from "../distribution/names";

/** Full repository of a chart under a namespace, the way `helm push x.tgz oci://reg/<namespace>` names it. */
export function chartRepository(namespace: string | undefined, chartName: string): string {
    const ns = (namespace ?? "").replace(/^\/+|\/+$/g, "");
    return ns ? `${ns}/${chartName}` : chartName;
}

/** Helm turns "+" (not allowed in OCI tags) into "_" when tagging (helm issue #10166). */
export function versionToTag(version: string): string {
    const tag = version.replace(/\+/g, "_");
    if (!TAG.test(tag)) {
        throw new OciError(
            `Chart version "${version}" cannot be used as an OCI tag: use a SemVer version such as 1.2.3 or 1.2.3-rc.1+build.4.`,
            { operation: "validate", registry: "", code: "NAME_INVALID" },
        );
    }
    return tag;
}

/** Inverse of versionToTag, as Helm's Tags() does when listing. */
export function tagToVersion(tag: string): string {
    return tag.replace(/_/g, "+");
}
