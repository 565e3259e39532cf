import { stringify } from "yaml";

export interface KubeconfigInput {
    server: string;
    caCertPem: string;
    token: string;
    /** Name used for the cluster, user and context entries. */
    name: string;
}

/** A kubeconfig with one context that authenticates with a bearer token and trusts only `caCertPem`. */
export function renderKubeconfig(input: KubeconfigInput): string {
    return stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [
            {
                name: input.name,
                cluster: {
                    server: input.server,
                    "certificate-authority-data": Buffer.from(input.caCertPem, "utf8").toString("base64"),
                },
            },
        ],
        users: [{ name: input.name, user: { token: input.token } }],
        contexts: [{ name: input.name, context: { cluster: input.name, user: input.name } }],
        "current-context": input.name,
        preferences: {},
    });
}
