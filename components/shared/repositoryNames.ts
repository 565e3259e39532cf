import { ValidationError } from "../../chart/model/validation";
import { RoleAssignmentMode } from "./permissionsMode";

/** A repository path (`a/b-c`), optionally ending in `/` for every repository below it. */
const repositoryOrPrefix = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*\/?$/;

/**
 * Checks repository conditions: lowercase repository paths, `prefix/` for a namespace (without the slash a
 * prefix would also match `prefix-other`), and only on an ABAC-mode registry.
 */
export function validateRepositories(property: string, repositories: readonly string[] | undefined, mode: RoleAssignmentMode): void {
    if (repositories === undefined) return;
    if (mode !== "AbacRepositoryPermissions" && repositories.length > 0) {
        throw new ValidationError(
            property,
            `${property} needs roleAssignmentMode 'AbacRepositoryPermissions'; a '${mode}' registry grants roles on the whole registry only`,
        );
    }
    for (const repository of repositories) {
        if (!repositoryOrPrefix.test(repository)) {
            throw new ValidationError(
                property,
                `${property} entries must be repository names such as 'charts/app' or prefixes ending in '/' such as 'charts/' (got '${repository}')`,
            );
        }
    }
}
