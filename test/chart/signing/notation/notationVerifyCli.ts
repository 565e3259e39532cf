import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { installedTool } from "../../../support/tools";

export interface VerifyResult {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/**
 * notation-verify (scripts/notation-verify, notation-go v1.3.2) with a trust store and a trust policy written into
 * `dir`: one store `ca:<store>` holding `caPems`, trusted for every registry scope and identity at level strict.
 */
export class NotationVerifyCli {
    readonly binary = installedTool("notation-verify");

    constructor(
        private readonly dir: string,
        private readonly credentials: { username: string; password: string },
    ) {}

    /** A trust store folder (x509/ca/<store>/*.pem) and the policy trusting it; returns both paths. */
    trust(name: string, store: string, caPems: string[]): { trustStore: string; trustPolicy: string } {
        const trustStore = path.join(this.dir, name, "truststore");
        const certificates = path.join(trustStore, "x509", "ca", store);
        fs.mkdirSync(certificates, { recursive: true });
        caPems.forEach((pem, index) => fs.writeFileSync(path.join(certificates, `ca-${index + 1}.pem`), pem));
        const trustPolicy = path.join(this.dir, name, "trustpolicy.json");
        const policy = {
            version: "1.0",
            trustPolicies: [
                {
                    name: "charts",
                    registryScopes: ["*"],
                    signatureVerification: { level: "strict" },
                    trustStores: [`ca:${store}`],
                    trustedIdentities: ["*"],
                },
            ],
        };
        fs.writeFileSync(trustPolicy, JSON.stringify(policy, null, 2));
        return { trustStore, trustPolicy };
    }

    verify(reference: string, trust: { trustStore: string; trustPolicy: string }): VerifyResult {
        const args = ["--trust-policy", trust.trustPolicy, "--trust-store", trust.trustStore, "--plain-http"];
        const run = spawnSync(this.binary, [...args, "--username", this.credentials.username, "--password-stdin", reference], {
            input: this.credentials.password,
            encoding: "utf8",
            timeout: 60_000,
        });
        if (run.error) throw run.error;
        return { code: run.status, stdout: run.stdout, stderr: run.stderr };
    }
}
