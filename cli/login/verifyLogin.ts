import { RegistryClient, RegistryClientOptions } from "../../chart/distribution/client";
import { OciError } from "../../chart/distribution/errors";

/**
 * Checks credentials before they are stored, as `helm registry login` does: GET /v2/ with them (through the
 * registry's token service when it has one). Wrong credentials fail with the client's 401 error.
 */
export async function verifyLogin(options: RegistryClientOptions): Promise<void> {
    const client = new RegistryClient(options);
    try {
        await client.operation(undefined, async () => {
            const response = await client.send({
                operation: "authenticate",
                repository: "",
                actions: [],
                scope: "",
                method: "GET",
                path: "/v2/",
            });
            if (response.status !== 200) {
                throw new OciError(
                    `authenticate ${client.registry} failed: /v2/ returned HTTP ${response.status}; is ${client.registry} an OCI registry?`,
                    {
                        operation: "authenticate",
                        registry: client.registry,
                        status: response.status,
                    },
                );
            }
        });
    } finally {
        client.close();
    }
}
