/** Issuer of GitHub Actions OIDC tokens. */
export const githubActionsIssuer = "https://token.actions.githubusercontent.com";

/** Audience Entra ID expects in a token exchanged through a federated identity credential. */
export const entraTokenExchangeAudience = "api://AzureADTokenExchange";

/** Which GitHub Actions jobs may log in: one repository, and exactly one of branch, tag, environment or pull request. */
export interface GitHubActionsSubjectArgs {
    /** `owner/repository`. Required. */
    readonly repository: string;
    /** Jobs running on this branch (`repo:<owner>/<repo>:ref:refs/heads/<branch>`). */
    readonly branch?: string;
    /** Jobs running on this tag (`repo:<owner>/<repo>:ref:refs/tags/<tag>`). */
    readonly tag?: string;
    /** Jobs that reference this deployment environment (`repo:<owner>/<repo>:environment:<name>`). */
    readonly environment?: string;
    /** Jobs triggered by a pull request (`repo:<owner>/<repo>:pull_request`). */
    readonly pullRequest?: boolean;
}

/** A federated identity credential on the application. */
export interface FederatedCredentialArgs {
    /** Credential name, unique on the application: 3-120 letters, digits, `-` or `_`. Required. */
    readonly name: string;
    /** GitHub Actions jobs that may log in. Set this or `issuer` and `subject`. */
    readonly github?: GitHubActionsSubjectArgs;
    /** Token issuer URL (https), for identity providers other than GitHub Actions. */
    readonly issuer?: string;
    /** Subject claim the token must carry, with `issuer`. */
    readonly subject?: string;
    /** Audiences the token must carry. Default: `["api://AzureADTokenExchange"]`. */
    readonly audiences?: readonly string[];
    /** Description shown in Entra ID. Default: none. */
    readonly description?: string;
}
