import * as pulumi from "@pulumi/pulumi";
import type { ProvenanceSetting } from "../../chart/packaging/provenance";

export type { ExplicitProvenance, ProvenanceSetting } from "../../chart/packaging/provenance";

/**
 * Registry credentials as Pulumi inputs: each field may be an Output, e.g. `{ username: "ci", password:
 * config.requireSecret("registryPassword") }`. The forms match the publishing library's `RegistryCredentials`.
 */
export type RegistryCredentialsInput =
    | { readonly kind?: "basic"; readonly username: pulumi.Input<string>; readonly password: pulumi.Input<string> }
    | { readonly kind: "refreshToken"; readonly refreshToken: pulumi.Input<string> }
    | { readonly kind: "aadAccessToken"; readonly accessToken: pulumi.Input<string>; readonly tenantId?: pulumi.Input<string> }
    | AzureCredentialsInput
    | { readonly kind: "anonymous" };

/**
 * The Azure identity where the deployment runs (DefaultAzureCredential of @azure/identity: environment variables,
 * workload identity, managed identity, Azure CLI). No secret is given, and none is stored: each run asks the
 * identity for an Entra token. `tenantId` picks the tenant; AZURE_CLIENT_ID picks a user-assigned identity.
 */
export interface AzureCredentialsInput {
    readonly kind: "azure";
    readonly tenantId?: pulumi.Input<string>;
}

/**
 * Keys a publication signs with. Each field may be an Output (e.g. `config.requireSecret("pgpKey")`); the whole
 * object is stored as a secret.
 */
export interface ChartSigningArgs {
    /**
     * ASCII-armored OpenPGP secret key (`gpg --armor --export-secret-keys <id>`): the chart gets a Helm provenance
     * file, pushed as the provenance layer of its manifest, that `helm pull --verify` and `helm verify` check.
     */
    readonly pgpPrivateKey?: pulumi.Input<string>;
    /** Passphrase of `pgpPrivateKey`, when it has one. */
    readonly pgpPassphrase?: pulumi.Input<string>;
    /**
     * ECDSA P-256 private key in PEM (PKCS#8, or encrypted PKCS#8 with `cosignPassphrase`): the manifest digest is
     * signed for `cosign verify --key`, in the forms `cosignFormats` names.
     */
    readonly cosignPrivateKey?: pulumi.Input<string>;
    /** Passphrase of an encrypted `cosignPrivateKey`. */
    readonly cosignPassphrase?: pulumi.Input<string>;
    /**
     * `bundle`: a Sigstore bundle attached as an OCI referrer (cosign v3, Flux); `legacy`: the `sha256-<hex>.sig`
     * image (cosign v2). Unset: both, except where a legacy signature was published before bundles existed.
     */
    readonly cosignFormats?: pulumi.Input<pulumi.Input<"bundle" | "legacy">[]>;
    /**
     * PEM certificates, the leaf first, then intermediates and the root: with `notationPrivateKey` the chart gets a
     * Notary Project (Notation) signature attached as an OCI referrer.
     */
    readonly notationCertificateChain?: pulumi.Input<string>;
    /** PEM private key of the chain's leaf certificate. */
    readonly notationPrivateKey?: pulumi.Input<string>;
    /** Passphrase of an encrypted `notationPrivateKey`. */
    readonly notationPassphrase?: pulumi.Input<string>;
    /**
     * Keyless signing: a Sigstore bundle referrer signed with a ten-minute Fulcio certificate for an OIDC identity
     * (in GitHub Actions, the workflow). It needs Fulcio and a fresh token, so `up` signs after the push and a preview
     * shows it due; an unchanged chart keeps its signature and asks Fulcio nothing.
     */
    readonly keyless?: pulumi.Input<KeylessSigningArgs>;
}

/** Keyless signing of a publication: where the OIDC token comes from, and the Fulcio and timestamp authority to ask. */
export interface KeylessSigningArgs {
    /** Where the OIDC identity token comes from. Default: GitHub Actions' token (`permissions: id-token: write`). */
    readonly identityToken?: pulumi.Input<IdentityTokenSourceArgs>;
    /** Fulcio's base URL. Default: the public-good instance, https://fulcio.sigstore.dev. */
    readonly fulcioUrl?: pulumi.Input<string>;
    /**
     * An RFC 3161 timestamp authority's base URL, e.g. https://timestamp.sigstore.dev. Give one: without a signed
     * timestamp (no transparency log is written) the ten-minute certificate cannot be checked at signing time.
     */
    readonly timestampAuthorityUrl?: pulumi.Input<string>;
}

/**
 * Where keyless signing reads the OIDC identity token, when it signs: the token is never an input, nor stored.
 * `githubActions`: the job's token, audience `sigstore`; `file`: a file holding it (`path`, absolute); `environment`:
 * a variable in the environment `pulumi` runs in (`variable`).
 */
export type IdentityTokenSourceArgs =
    | { readonly kind?: "githubActions" }
    | { readonly kind: "file"; readonly path: pulumi.Input<string> }
    | { readonly kind: "environment"; readonly variable: pulumi.Input<string> };

export interface ChartPublicationArgs {
    /** Chart directory or packaged .tgz. Relative paths resolve against the program's working directory. */
    readonly chartPath: pulumi.Input<string>;
    /** Registry host, e.g. `myregistry.azurecr.io` (a `host:port` for local registries). */
    readonly loginServer: pulumi.Input<string>;
    /** Namespace inside the registry: the chart's repository is `<namespace>/<chart name>`. Default `helm`. */
    readonly namespace?: pulumi.Input<string>;
    /** @deprecated The namespace under its former name; use `namespace`. */
    readonly repository?: pulumi.Input<string>;
    /** Registry credentials; stored only as a secret. Default: anonymous. */
    readonly credentials?: pulumi.Input<RegistryCredentialsInput>;
    /** Extra manifest annotations; they override those generated from Chart.yaml (except title and version). */
    readonly annotations?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Provenance annotations (source, revision, created, authors). Default `true`: taken from git when the chart is in a checkout. */
    readonly provenance?: pulumi.Input<ProvenanceSetting>;
    /** Allow different content under an existing version. Default `false`: bump the chart version instead. */
    readonly allowOverwrite?: pulumi.Input<boolean>;
    /**
     * Delete the current version's manifest from the registry when this resource is destroyed (or moved to another
     * registry or repository). Default `false`: published versions are history that clusters and other teams pin
     * to, so they stay, and a new chart version never removes an older one.
     */
    readonly deleteFromRegistryOnDestroy?: pulumi.Input<boolean>;
    /** @deprecated Versions are kept by default; kept so that existing programs that set it keep working. */
    readonly retainOnDelete?: pulumi.Input<boolean>;
    /** Talk plain HTTP: only for a registry on this machine. Default `false`. */
    readonly plainHttp?: pulumi.Input<boolean>;
    /** PEM bundle of extra certificate authorities for a registry with a private CA. Default: the system's. */
    readonly caCert?: pulumi.Input<string>;
    /**
     * Sign the chart: a Helm provenance file (OpenPGP) and/or a cosign signature. Stored as a secret. An unchanged
     * chart with unchanged keys keeps its signatures: it is not signed again and nothing is uploaded. Default: unsigned.
     */
    readonly signing?: pulumi.Input<ChartSigningArgs>;
}
