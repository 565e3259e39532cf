import { OciError } from "../errors";

/** Username ACR uses to say "the password is an ACR refresh token" (az acr login --expose-token). */
export const ACR_NULL_GUID_USERNAME = "00000000-0000-0000-0000-000000000000";

export type RegistryCredentials =
    /** Admin user, service principal (appId/password), repository-scoped token, or null-GUID + ACR refresh token. */
    | { kind?: "basic"; username: string; password: string }
    /** ACR refresh token, exchanged for access tokens with an OAuth2 refresh_token POST. */
    | { kind: "refreshToken"; refreshToken: string }
    /**
     * Azure AD access token, exchanged at ACR's /oauth2/exchange for a refresh token. Its `aud` must be `audience`
     * (default https://containerregistry.azure.net; https://management.azure.com/ where the registry allows ARM tokens).
     */
    | { kind: "aadAccessToken"; accessToken: string; tenantId?: string; audience?: string }
    /**
     * The Azure identity of the environment, found by @azure/identity's DefaultAzureCredential (environment
     * variables, workload identity, managed identity, Azure CLI): an Entra token for `audience` exchanged like
     * aadAccessToken, asked for again whenever the exchanged token is due for renewal. Holds no secret.
     */
    | AzureCredentials
    | { kind: "anonymous" };

/** `{ kind: "azure" }`: `tenantId` picks the tenant; AZURE_CLIENT_ID picks a user-assigned or workload identity. */
export interface AzureCredentials {
    kind: "azure";
    tenantId?: string;
    audience?: string;
}

/** The credential forms the auth code works with after normalisation. */
export type NormalizedCredentials =
    | { kind: "basic"; username: string; password: string }
    | { kind: "refreshToken"; refreshToken: string }
    | { kind: "aadAccessToken"; accessToken: string; tenantId?: string; audience?: string }
    | AzureCredentials
    | { kind: "anonymous" };

const KINDS = ["basic", "refreshToken", "aadAccessToken", "azure", "anonymous"];

/** Null-GUID basic credentials carry a refresh token: treat them as such (OAuth2 POST), like azure-cli does. */
export function normalizeCredentials(credentials: RegistryCredentials | undefined, registry = ""): NormalizedCredentials {
    // Inputs from other languages and YAML programs are not type-checked.
    const kind: unknown = credentials?.kind;
    if (kind !== undefined && !KINDS.includes(kind as string)) {
        throw new OciError(`credentials.kind must be one of ${KINDS.join(", ")} (got ${JSON.stringify(kind)})`, {
            operation: "validate",
            registry,
            code: "CREDENTIALS_INVALID",
        });
    }
    if (!credentials || credentials.kind === "anonymous") {
        return { kind: "anonymous" };
    }
    if (credentials.kind === "refreshToken" || credentials.kind === "aadAccessToken" || credentials.kind === "azure") {
        return credentials;
    }
    if (credentials.username === ACR_NULL_GUID_USERNAME) {
        return { kind: "refreshToken", refreshToken: credentials.password };
    }
    return { kind: "basic", username: credentials.username, password: credentials.password };
}

/** Who we are, for error messages: the username, or the kind of token — never the secret itself. */
export function describeIdentity(credentials: NormalizedCredentials): string {
    switch (credentials.kind) {
        case "basic":
            return `user "${credentials.username}"`;
        case "refreshToken":
            return "the ACR refresh token (null-GUID user)";
        case "aadAccessToken":
            return "the Azure AD access token";
        case "azure":
            return "the Azure identity (@azure/identity)";
        case "anonymous":
            return "anonymous access (no credentials given)";
    }
}

export function basicAuthorization(username: string, password: string): string {
    return "Basic " + Buffer.from(`${username}:${password}`, "utf8").toString("base64");
}

/** Secret strings to scrub from any text that might end up in an error. */
export function secretsOf(credentials: NormalizedCredentials): string[] {
    switch (credentials.kind) {
        case "basic":
            return [credentials.password, basicAuthorization(credentials.username, credentials.password).slice(6)];
        case "refreshToken":
            return [credentials.refreshToken];
        case "aadAccessToken":
            return [credentials.accessToken];
        case "azure":
        case "anonymous":
            return [];
    }
}
