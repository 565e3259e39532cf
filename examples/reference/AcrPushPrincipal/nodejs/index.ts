import * as pulumi from "@pulumi/pulumi";
import * as acr_helm from "@pulumi-acr-helm/sdk";

const config = new pulumi.Config();
const registryId = config.require("registryId");
const pusher = new acr_helm.principal.AcrPushPrincipal("pusher", {
    registryId: registryId,
    repositories: ["charts/*"],
    federatedCredentials: [{
        name: "main-branch",
        github: {
            repository: "my-org/platform-charts",
            branch: "main",
        },
    }],
});
export const clientId = pusher.clientId;
