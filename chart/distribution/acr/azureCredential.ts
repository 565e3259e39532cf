import type { TokenCredential } from "@azure/core-auth";
import type { AzureCredentials } from "../auth/credentials";
import { ACR_AUDIENCE, normalizeAudience } from "./entraToken";
import { OciError } from "../errors";
import { ErrorContext } from "../errorMessages";

/**
 * Where `{ kind: "azure" }` gets its TokenCredential. By default @azure/identity's DefaultAzureCredential, which
 * tries environment variables (client secret or certificate), workload identity (AZURE_FEDERATED_TOKEN_FILE),
 * managed identity and the Azure CLI in turn. Replaceable, so that a program or a test can supply its own
 * TokenCredential (any @azure/identity credential works).
 */
export const azureCredentialSource: { create: (credentials: AzureCredentials) => TokenCredential } = {
    create: (credentials) => {
        // Loaded on first use: the other credential kinds never pay for @azure/identity.
        const identity = require("@azure/identity") as typeof import("@azure/identity");
        return new identity.DefaultAzureCredential(credentials.tenantId ? { tenantId: credentials.tenantId } : {});
    },
};

/** An Entra access token for the registry's audience, from the Azure identity of the environment. */
export async function azureAccessToken(credential: TokenCredential, credentials: AzureCredentials, ctx: ErrorContext): Promise<string> {
    const scope = `${normalizeAudience(credentials.audience ?? ACR_AUDIENCE)}/.default`;
    let token: { token: string } | null;
    try {
        token = await credential.getToken(scope, credentials.tenantId ? { tenantId: credentials.tenantId } : {});
    } catch (error) {
        throw noAzureToken(ctx, scope, `: ${(error as Error).name}: ${firstLine((error as Error).message)}`);
    }
    if (!token?.token) throw noAzureToken(ctx, scope, " (the credential returned no token)");
    return token.token;
}

function noAzureToken(ctx: ErrorContext, scope: string, detail: string): OciError {
    return new OciError(
        `${ctx.operation} failed: no Azure identity gave an access token for ${scope} to reach ${ctx.registry}${detail}. ` +
            'credentials { kind: "azure" } use the environment\'s identity: set AZURE_TENANT_ID and AZURE_CLIENT_ID with ' +
            "AZURE_FEDERATED_TOKEN_FILE (workload identity) or AZURE_CLIENT_SECRET, run on a managed identity (AZURE_CLIENT_ID " +
            "picks a user-assigned one), or run `az login`.",
        { ...ctx, code: "AZURE_CREDENTIAL_UNAVAILABLE", cause: { message: detail.replace(/^[: (]+|\)$/g, "") } },
    );
}

/** The first line of @azure/identity's message (its chained messages repeat every credential tried). */
function firstLine(message: string): string {
    return message.split("\n")[0].slice(0, 500).replace(/\.+$/, "");
}
