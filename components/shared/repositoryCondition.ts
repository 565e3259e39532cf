/** ARM request attribute holding the repository name, as used in ACR's ABAC conditions. */
const repositoryNameAttribute = "@Request[Microsoft.ContainerRegistry/registries/repositories:name]";

/** Data actions a repository-scoped role carries, in the order the conditions list them. */
export const repositoryDataActions = {
    read: [
        "Microsoft.ContainerRegistry/registries/repositories/content/read",
        "Microsoft.ContainerRegistry/registries/repositories/metadata/read",
    ],
    write: [
        "Microsoft.ContainerRegistry/registries/repositories/content/read",
        "Microsoft.ContainerRegistry/registries/repositories/content/write",
        "Microsoft.ContainerRegistry/registries/repositories/metadata/read",
        "Microsoft.ContainerRegistry/registries/repositories/metadata/write",
    ],
    delete: [
        "Microsoft.ContainerRegistry/registries/repositories/content/read",
        "Microsoft.ContainerRegistry/registries/repositories/content/write",
        "Microsoft.ContainerRegistry/registries/repositories/content/delete",
        "Microsoft.ContainerRegistry/registries/repositories/metadata/read",
        "Microsoft.ContainerRegistry/registries/repositories/metadata/write",
        "Microsoft.ContainerRegistry/registries/repositories/metadata/delete",
    ],
} as const;

/** Condition syntax version of {@link repositoryCondition}. */
export const repositoryConditionVersion = "2.0";

/**
 * ABAC condition (syntax 2.0) that lets `actions` through only for the given repositories, in the form Microsoft
 * documents for ACR ("Microsoft Entra attribute-based access control for repository permissions"): an entry ending
 * in `/` is a prefix (`StringStartsWithIgnoreCase`), any other entry one repository (`StringEqualsIgnoreCase`).
 * Other actions of the role are not restricted by the condition.
 */
export function repositoryCondition(actions: readonly string[], repositories: readonly string[]): string {
    const notActions = actions.map((action) => `!(ActionMatches{'${action}'})`).join(" AND ");
    const allowed = repositories
        .map((repository) =>
            repository.endsWith("/")
                ? `${repositoryNameAttribute} StringStartsWithIgnoreCase '${repository}'`
                : `${repositoryNameAttribute} StringEqualsIgnoreCase '${repository}'`,
        )
        .join(" OR ");
    return `((${notActions}) OR (${allowed}))`;
}
