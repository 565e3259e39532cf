import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AcrPushPrincipal, githubActionsSubject } from "../../components/principal";
import { installMocks, mockGuid, MockRecorder, mockSubscriptionId, promiseOf } from "../support/mocks";

const registryId = `/subscriptions/${mockSubscriptionId}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/acrhelmtest`;
const federatedType = "azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential";
const passwordType = "azuread:index/applicationPassword:ApplicationPassword";

describe("GitHub Actions OIDC subjects", () => {
    it("for a branch, a tag, an environment and pull requests", () => {
        assert.strictEqual(
            githubActionsSubject({ repository: "contoso/charts", branch: "main" }),
            "repo:contoso/charts:ref:refs/heads/main",
        );
        assert.strictEqual(
            githubActionsSubject({ repository: "contoso/charts", tag: "v1.2.0" }),
            "repo:contoso/charts:ref:refs/tags/v1.2.0",
        );
        assert.strictEqual(
            githubActionsSubject({ repository: "contoso/charts", environment: "prod" }),
            "repo:contoso/charts:environment:prod",
        );
        assert.strictEqual(githubActionsSubject({ repository: "contoso/charts", pullRequest: true }), "repo:contoso/charts:pull_request");
    });
});

describe("AcrPushPrincipal with federated credentials", () => {
    let mocks: MockRecorder;

    beforeEach(async () => {
        mocks = await installMocks();
    });

    async function create(name: string, args: ConstructorParameters<typeof AcrPushPrincipal>[1]): Promise<AcrPushPrincipal> {
        const principal = new AcrPushPrincipal(name, args);
        await promiseOf(principal.clientId);
        await mocks.settled();
        return principal;
    }

    describe("only federated credentials: no secret anywhere", () => {
        let principal: AcrPushPrincipal;

        beforeEach(async () => {
            principal = await create("ci", {
                registryId,
                federatedCredentials: [
                    { name: "main", github: { repository: "contoso/charts", branch: "main" } },
                    { name: "release", github: { repository: "contoso/charts", environment: "release" }, description: "release job" },
                    {
                        name: "gitlab",
                        issuer: "https://gitlab.example.com",
                        subject: "project_path:contoso/charts:ref_type:branch:ref:main",
                    },
                ],
            });
        });

        it("creates one credential per entry with the issuer, subject and Entra's exchange audience", () => {
            const applicationId = `/applications/${mockGuid("ci-app/object")}`;
            assert.deepStrictEqual(
                mocks.ofType(federatedType).map((r) => [r.name, r.inputs]),
                [
                    [
                        "ci-federated-gitlab",
                        {
                            applicationId,
                            displayName: "gitlab",
                            issuer: "https://gitlab.example.com",
                            subject: "project_path:contoso/charts:ref_type:branch:ref:main",
                            audiences: ["api://AzureADTokenExchange"],
                        },
                    ],
                    [
                        "ci-federated-main",
                        {
                            applicationId,
                            displayName: "main",
                            issuer: "https://token.actions.githubusercontent.com",
                            subject: "repo:contoso/charts:ref:refs/heads/main",
                            audiences: ["api://AzureADTokenExchange"],
                        },
                    ],
                    [
                        "ci-federated-release",
                        {
                            applicationId,
                            displayName: "release",
                            issuer: "https://token.actions.githubusercontent.com",
                            subject: "repo:contoso/charts:environment:release",
                            audiences: ["api://AzureADTokenExchange"],
                            description: "release job",
                        },
                    ],
                ],
            );
        });

        it("creates no password, sends no secret input and has no secret output", () => {
            assert.deepStrictEqual(mocks.ofType(passwordType), []);
            assert.deepStrictEqual(
                mocks.resources.filter((r) => r.secretPaths.length > 0).map((r) => r.name),
                [],
            );
            assert.strictEqual(principal.clientSecret, undefined);
            const serialized = JSON.stringify(mocks.resources.map((r) => r.inputs));
            assert.doesNotMatch(serialized, /mock-password/);
        });
    });

    it("creates a secret beside federated credentials when asked", async () => {
        const principal = await create("both", {
            registryId,
            federatedCredentials: [{ name: "prs", github: { repository: "contoso/charts", pullRequest: true } }],
            createClientSecret: true,
        });
        assert.strictEqual(mocks.ofType(passwordType).length, 1);
        assert.strictEqual(await pulumi.isSecret(principal.clientSecret as pulumi.Output<string>), true);
    });

    it("rejects federated credentials it cannot create, before creating anything", () => {
        assert.throws(
            () =>
                new AcrPushPrincipal("bad", {
                    registryId,
                    federatedCredentials: [
                        { name: "x", github: { repository: "contoso", branch: "main" } },
                        { name: "both", github: { repository: "contoso/charts", branch: "main", pullRequest: true } },
                        { name: "plain", issuer: "http://issuer.example.com", subject: "s" },
                    ],
                    passwordRotationDays: 30,
                }),
            {
                name: "ValidationError",
                message: [
                    "federatedCredentials[0].name must be 3-120 letters, digits, '-' or '_', starting with a letter or digit (got 'x')",
                    "federatedCredentials[1].github must name exactly one of branch, tag, environment or pullRequest: true (got branch, pullRequest)",
                    "federatedCredentials[2].issuer must be the issuer's https URL (got 'http://issuer.example.com')",
                    "passwordRotationDays applies to a client secret, and none is created with federatedCredentials; set createClientSecret: true or remove passwordRotationDays",
                ].join("\n"),
            },
        );
        assert.strictEqual(mocks.resources.length, 0);
    });
});
