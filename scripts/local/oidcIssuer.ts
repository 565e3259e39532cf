import { generateKeyPairSync, randomBytes, randomUUID } from "crypto";
import * as http from "http";
import { exportJWK, SignJWT } from "jose";
import { AddressInfo } from "net";

/** The workflow a token says it comes from, as GitHub Actions describes a run. */
export interface WorkflowRun {
    /** "org/repo" */
    repository: string;
    /** "refs/heads/main" */
    ref: string;
    /** Path of the workflow file in the repository: ".github/workflows/release.yml" */
    workflowPath: string;
    sha: string;
    eventName: string;
}

export const DEFAULT_WORKFLOW_RUN: WorkflowRun = {
    repository: "example-org/charts",
    ref: "refs/heads/main",
    workflowPath: ".github/workflows/release.yml",
    sha: "4f4c5b0d3e7a9c1b2a6d8e0f1a2b3c4d5e6f7a8b",
    eventName: "push",
};

/** Path of the Actions token request endpoint (ACTIONS_ID_TOKEN_REQUEST_URL). */
const ACTIONS_TOKEN_PATH = "/actions/idtoken";

/**
 * An OpenID Connect issuer on 127.0.0.1 minting RS256 ID tokens shaped like GitHub Actions' ones, with discovery,
 * JWKS and the Actions token request endpoint (bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN, ?audience=…, {"value": jwt}).
 */
export class LocalOidcIssuer {
    url = "";
    /** Audiences asked for at the Actions token endpoint, in order. */
    readonly actionsRequests: string[] = [];
    private readonly requestToken = randomBytes(24).toString("hex");
    private readonly keyId = randomUUID();
    private readonly keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
    private server?: http.Server;

    constructor(readonly run: WorkflowRun = DEFAULT_WORKFLOW_RUN) {}

    async start(): Promise<void> {
        this.server = http.createServer((req, res) => {
            this.handle(req, res).catch((error: Error) => reply(res, 500, { message: error.message }));
        });
        await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    async stop(): Promise<void> {
        if (!this.server) return;
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }

    /** The certificate identity Fulcio derives from this issuer's tokens: the job workflow ref as a github.com URL. */
    get workflowIdentity(): string {
        return `https://github.com/${this.jobWorkflowRef}`;
    }

    /** The variables GitHub Actions sets in a job with `id-token: write`. */
    actionsEnvironment(): Record<string, string> {
        return {
            ACTIONS_ID_TOKEN_REQUEST_URL: `${this.url}${ACTIONS_TOKEN_PATH}?api-version=2.0`,
            ACTIONS_ID_TOKEN_REQUEST_TOKEN: this.requestToken,
        };
    }

    /** An ID token for the workflow run; `claims` override or add claims (e.g. a wrong `iss` to test refusal). */
    async mint(audience = "sigstore", claims: Record<string, unknown> = {}, ttlSeconds = 300): Promise<string> {
        const now = Math.floor(Date.now() / 1000);
        const { repository, ref, sha, eventName } = this.run;
        const [owner] = repository.split("/");
        const workflowRef = this.jobWorkflowRef;
        return new SignJWT({
            jti: randomUUID(),
            sub: `repo:${repository}:ref:${ref}`,
            aud: audience,
            ref,
            sha,
            repository,
            repository_owner: owner,
            repository_owner_id: "1000001",
            repository_id: "2000002",
            repository_visibility: "public",
            run_id: "3000003",
            run_number: "7",
            run_attempt: "1",
            actor: "release-bot",
            actor_id: "4000004",
            workflow: "release",
            event_name: eventName,
            ref_type: "branch",
            ref_protected: "true",
            workflow_ref: workflowRef,
            workflow_sha: sha,
            job_workflow_ref: workflowRef,
            job_workflow_sha: sha,
            runner_environment: "github-hosted",
            iss: this.url,
            iat: now,
            nbf: now - 5,
            exp: now + ttlSeconds,
            ...claims,
        })
            .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: this.keyId })
            .sign(this.keys.privateKey);
    }

    private get jobWorkflowRef(): string {
        return `${this.run.repository}/${this.run.workflowPath}@${this.run.ref}`;
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const url = new URL(req.url ?? "/", this.url);
        if (req.method !== "GET") return reply(res, 405, { message: "method not allowed" });
        if (url.pathname === "/.well-known/openid-configuration") {
            return reply(res, 200, {
                issuer: this.url,
                jwks_uri: `${this.url}/.well-known/jwks`,
                subject_types_supported: ["public", "pairwise"],
                response_types_supported: ["id_token"],
                id_token_signing_alg_values_supported: ["RS256"],
                scopes_supported: ["openid"],
                claims_supported: ["sub", "aud", "exp", "iat", "iss", "jti", "nbf", "ref", "repository", "job_workflow_ref"],
            });
        }
        if (url.pathname === "/.well-known/jwks") {
            const jwk = await exportJWK(this.keys.publicKey);
            return reply(res, 200, { keys: [{ ...jwk, kid: this.keyId, alg: "RS256", use: "sig" }] });
        }
        if (url.pathname === ACTIONS_TOKEN_PATH) {
            if (req.headers.authorization !== `Bearer ${this.requestToken}`) {
                return reply(res, 401, { message: "bad or missing ACTIONS_ID_TOKEN_REQUEST_TOKEN" });
            }
            const audience = url.searchParams.get("audience") ?? "sigstore";
            this.actionsRequests.push(audience);
            return reply(res, 200, { count: 1, value: await this.mint(audience) });
        }
        return reply(res, 404, { message: "not found" });
    }
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
}
