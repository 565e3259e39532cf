import { entraTokenExchangeAudience, FederatedCredentialArgs, GitHubActionsSubjectArgs, githubActionsIssuer } from "./federatedArgs";

/** Subject claim of GitHub Actions OIDC tokens for the jobs described. */
export function githubActionsSubject(jobs: GitHubActionsSubjectArgs): string {
    const repo = `repo:${jobs.repository}`;
    if (jobs.branch !== undefined) return `${repo}:ref:refs/heads/${jobs.branch}`;
    if (jobs.tag !== undefined) return `${repo}:ref:refs/tags/${jobs.tag}`;
    if (jobs.environment !== undefined) return `${repo}:environment:${jobs.environment}`;
    return `${repo}:pull_request`;
}

/** The federated identity credential's inputs after defaults are applied. */
export interface FederatedCredentialSettings {
    displayName: string;
    issuer: string;
    subject: string;
    audiences: string[];
    description?: string;
}

export function federatedCredentialSettings(credential: FederatedCredentialArgs): FederatedCredentialSettings {
    const fromGitHub = credential.github !== undefined;
    return {
        displayName: credential.name,
        issuer: fromGitHub ? githubActionsIssuer : (credential.issuer as string),
        subject: fromGitHub ? githubActionsSubject(credential.github as GitHubActionsSubjectArgs) : (credential.subject as string),
        audiences: [...(credential.audiences ?? [entraTokenExchangeAudience])],
        ...(credential.description !== undefined ? { description: credential.description } : {}),
    };
}
