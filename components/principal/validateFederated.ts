import { checkAll, ValidationError } from "../../chart/model/validation";
import { FederatedCredentialArgs, GitHubActionsSubjectArgs } from "./federatedArgs";
import { federatedCredentialSettings } from "./federated";

const credentialName = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/;
const githubRepository = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/** Every credential is checked; the issuer and subject pair must be unique on the application, as Entra ID requires. */
export function validateFederatedCredentials(credentials: readonly FederatedCredentialArgs[] | undefined): void {
    const list = credentials ?? [];
    checkAll(list.map((credential, index) => () => validateCredential(credential, `federatedCredentials[${index}]`)));
    const names = new Set<string>();
    const pairs = new Set<string>();
    for (const credential of list) {
        if (names.has(credential.name)) {
            throw new ValidationError(
                "federatedCredentials",
                `federated credential name '${credential.name}' is used twice; give each its own name`,
            );
        }
        names.add(credential.name);
        const { issuer, subject } = federatedCredentialSettings(credential);
        if (pairs.has(`${issuer} ${subject}`)) {
            throw new ValidationError(
                "federatedCredentials",
                `two federated credentials trust subject '${subject}' of ${issuer}; keep one`,
            );
        }
        pairs.add(`${issuer} ${subject}`);
    }
}

function validateCredential(credential: FederatedCredentialArgs, at: string): void {
    if (typeof credential.name !== "string" || !credentialName.test(credential.name)) {
        throw new ValidationError(
            `${at}.name`,
            `${at}.name must be 3-120 letters, digits, '-' or '_', starting with a letter or digit (got '${credential.name}')`,
        );
    }
    const generic = credential.issuer !== undefined || credential.subject !== undefined;
    if ((credential.github !== undefined) === generic) {
        throw new ValidationError(
            at,
            `${at} needs either github: { repository, branch | tag | environment | pullRequest } or issuer and subject, not both`,
        );
    }
    if (credential.github !== undefined) validateGitHub(credential.github, `${at}.github`);
    else validateIssuerAndSubject(credential, at);
    if (credential.audiences !== undefined && (credential.audiences.length === 0 || credential.audiences.some((a) => a.trim() === ""))) {
        throw new ValidationError(
            `${at}.audiences`,
            `${at}.audiences must list at least one non-empty audience; omit it for api://AzureADTokenExchange`,
        );
    }
}

function validateGitHub(jobs: GitHubActionsSubjectArgs, at: string): void {
    if (!githubRepository.test(jobs.repository ?? "")) {
        throw new ValidationError(`${at}.repository`, `${at}.repository must be 'owner/repository' (got '${jobs.repository}')`);
    }
    const chosen = (["branch", "tag", "environment", "pullRequest"] as const).filter(
        (key) => jobs[key] !== undefined && jobs[key] !== false,
    );
    if (chosen.length !== 1) {
        throw new ValidationError(
            at,
            `${at} must name exactly one of branch, tag, environment or pullRequest: true (got ${chosen.length === 0 ? "none" : chosen.join(", ")})`,
        );
    }
    for (const key of ["branch", "tag", "environment"] as const) {
        const value = jobs[key];
        if (value !== undefined && (value.trim() === "" || /[\s:]/.test(value))) {
            throw new ValidationError(`${at}.${key}`, `${at}.${key} must be a non-empty name without spaces or ':' (got '${value}')`);
        }
    }
}

function validateIssuerAndSubject(credential: FederatedCredentialArgs, at: string): void {
    if (typeof credential.issuer !== "string" || !/^https:\/\/[^\s/]+/.test(credential.issuer)) {
        throw new ValidationError(`${at}.issuer`, `${at}.issuer must be the issuer's https URL (got '${credential.issuer}')`);
    }
    if (typeof credential.subject !== "string" || credential.subject.trim() === "" || credential.subject.length > 600) {
        throw new ValidationError(`${at}.subject`, `${at}.subject must be the token's subject claim, 1-600 characters`);
    }
}
