import type { AccessToken, TokenCredential } from "@azure/core-auth";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import * as https from "https";
import { AAD_TEST_TENANT, TokenIssuer } from "../../scripts/local/tokenIssuer";
import { signAadToken } from "../../scripts/local/tokenIssuerJwt";

/** Pipeline options for Microsoft's clients that trust the stand-in's self-signed certificate (and nothing else changes). */
export function trustingOptions(caCertPem: string): { additionalPolicies: { policy: PipelinePolicy; position: "perCall" }[] } {
    const agent = new https.Agent({ ca: caCertPem });
    const policy: PipelinePolicy = {
        name: "trust-stand-in-ca",
        sendRequest: (request, next) => {
            request.agent = agent;
            return next(request);
        },
    };
    return { additionalPolicies: [{ policy, position: "perCall" }] };
}

/**
 * A TokenCredential as @azure/identity's credentials are: Entra access tokens for the scopes asked, here signed by
 * the local issuer's test tenant for `objectId`. `scopesAsked` records what the client asked for.
 */
export function entraCredential(issuer: TokenIssuer, objectId: string, scopesAsked: string[][] = []): TokenCredential {
    return {
        async getToken(scopes: string | string[]): Promise<AccessToken> {
            const list = Array.isArray(scopes) ? scopes : [scopes];
            scopesAsked.push(list);
            const audience = list[0].replace(/\/\.default$/, "");
            const token = await signAadToken(issuer.aadKeys.privateKey, AAD_TEST_TENANT, objectId, 3600, audience);
            return { token, expiresOnTimestamp: Date.now() + 3600_000 };
        },
    };
}
