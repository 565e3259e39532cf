// Generated from provider/schema.json by `npm run generate`; do not edit.

/** How a registry is logged in to. */
export type CredentialsKind =
    /** A username and password: an admin user, a service principal (application id and secret), a repository-scoped token, or the null-GUID user with an ACR refresh token. */
    | "basic"
    /** An ACR refresh token, exchanged for access tokens. */
    | "refreshToken"
    /** An Entra ID access token, exchanged at the registry for an ACR refresh token. */
    | "aadAccessToken"
    /** The Azure identity the program runs as (environment, workload or managed identity, Azure CLI): no secret. */
    | "azure"
    /** No credentials: anonymous pull. */
    | "anonymous";

/** How a release logs in to pull its chart. */
export type ChartCredentialsKind =
    /** A username and password. */
    | "basic"
    /** The Azure identity the program runs as: no secret. */
    | "azure";

/** A form of cosign signature. */
export type CosignFormat =
    /** A Sigstore bundle v0.3 attached to the chart manifest as an OCI 1.1 referrer (cosign v3's default). */
    | "bundle"
    /** A layer of the `sha256-<hex>.sig` signature image (cosign v2's form). */
    | "legacy";

/** Where keyless signing gets the OIDC identity token that Fulcio certifies. */
export type IdentityTokenKind =
    /** The GitHub Actions job's token, audience `sigstore` (the job needs `permissions: id-token: write`). */
    | "githubActions"
    /** A file holding the token: a projected service-account token, a CI secret file. */
    | "file"
    /** An environment variable of the provider holding the token, e.g. SIGSTORE_ID_TOKEN. */
    | "environment";

/** Registry credentials, stored only as a secret. `kind` picks the form: basic (username and password, the default), refreshToken (an ACR refresh token), aadAccessToken (an Entra access token exchanged for an ACR token), azure (the Azure identity the program runs as: no secret), anonymous. */
export interface RegistryCredentials {
    /** How to log in; the other properties each kind needs are listed with it. Default: `"basic"`. */
    readonly kind?: CredentialsKind;
    /** User name (basic), e.g. a service principal's application id. */
    readonly username?: string;
    /** Password (basic). */
    readonly password?: string;
    /** ACR refresh token (refreshToken). */
    readonly refreshToken?: string;
    /** Entra access token (aadAccessToken). */
    readonly accessToken?: string;
    /** Tenant of the access token (aadAccessToken) or of the Azure identity (azure). */
    readonly tenantId?: string;
}

/** Keys a publication signs with; stored only as a secret. */
export interface ChartSigning {
    /** ASCII-armored OpenPGP secret key: the chart gets a Helm provenance file. */
    readonly pgpPrivateKey?: string;
    /** Passphrase of pgpPrivateKey. */
    readonly pgpPassphrase?: string;
    /** ECDSA P-256 private key in PEM: the manifest digest is signed for `cosign verify --key`, in the forms cosignFormats names. */
    readonly cosignPrivateKey?: string;
    /** Passphrase of an encrypted cosignPrivateKey. */
    readonly cosignPassphrase?: string;
    /** How the cosign signature is stored. `bundle`: a Sigstore bundle v0.3 attached as an OCI referrer, what cosign v3 and Flux read. `legacy`: a layer of the `sha256-<hex>.sig` image, what cosign v2 and older verifiers read. Unset: both, except on a publication that already holds a legacy signature and no bundle (published by a version before bundles), which keeps `legacy` only so that upgrading writes nothing; set it to add the bundle there. */
    readonly cosignFormats?: CosignFormat[];
    /** PEM certificates, the leaf first, then intermediates and the root: with notationPrivateKey the chart gets a Notary Project (Notation) signature, a JWS envelope attached as an OCI referrer that `notation verify` and Flux check. */
    readonly notationCertificateChain?: string;
    /** PEM private key of the leaf certificate (RSA 2048+ or ECDSA P-256/384/521). */
    readonly notationPrivateKey?: string;
    /** Passphrase of an encrypted notationPrivateKey. */
    readonly notationPassphrase?: string;
    /** Keyless signing: a Sigstore bundle referrer signed with a ten-minute Fulcio certificate for an OIDC identity (in GitHub Actions, the workflow). It needs Fulcio and a fresh token, so it is made when the chart is pushed, not in preview (which shows it due); it is kept while the manifest, Fulcio and timestamp authority stay the same. */
    readonly keyless?: KeylessSigning;
}

/** Keyless signing of a publication: where the OIDC identity token comes from, and the Fulcio and timestamp authority to ask. */
export interface KeylessSigning {
    /** Where the OIDC identity token comes from. Default: GitHub Actions' token. */
    readonly identityToken?: IdentityTokenSource;
    /** Fulcio's base URL. Default: the public-good instance, https://fulcio.sigstore.dev. */
    readonly fulcioUrl?: string;
    /** An RFC 3161 timestamp authority's base URL (its API is `<url>/api/v1/timestamp`), e.g. https://timestamp.sigstore.dev. Give one: no transparency log is written, so without a signed timestamp the ten-minute certificate can be checked only against the current time, and `verify.cosignIdentity` refuses the bundle. */
    readonly timestampAuthorityUrl?: string;
}

/** Where keyless signing reads the OIDC identity token: the token itself is never an input and never stored. */
export interface IdentityTokenSource {
    /** The token's source; the other properties each kind needs are listed with it. Unset: `githubActions`. */
    readonly kind?: IdentityTokenKind;
    /** The file holding the token (file), read by the provider when it signs. */
    readonly path?: string;
    /** The environment variable holding the token (environment), read by the provider when it signs. */
    readonly variable?: string;
}

/** Provenance annotations given as they are. */
export interface ExplicitProvenance {
    readonly source?: string;
    readonly revision?: string;
    readonly created?: string;
    readonly authors?: string;
}

/** Credentials a release pulls the chart with: username and password, or kind azure for the Azure identity the program runs as (no secret). */
export interface ChartRegistryCredentials {
    /** How to log in: basic (username and password) or azure. Default: `"basic"`. */
    readonly kind?: ChartCredentialsKind;
    readonly username?: string;
    /** Stored only as a secret. */
    readonly password?: string;
    /** Tenant of the Azure identity (azure). */
    readonly tenantId?: string;
}

/** A keyless signer: the identity in its short-lived Fulcio certificate, the OIDC issuer of that identity, and the trusted root to check the certificate with. */
export interface CosignIdentity {
    /** The certificate's subject alternative name, exactly; for GitHub Actions the workflow, `https://github.com/<org>/<repo>/.github/workflows/<file>@refs/heads/<branch>`. */
    readonly subject: string;
    /** The OIDC issuer, e.g. `https://token.actions.githubusercontent.com`. */
    readonly issuer: string;
    /** Sigstore trusted root JSON with the Fulcio CA (and timestamp authority) to trust; for the public-good instance its `trusted_root.json`. The bundle must carry a signed timestamp. */
    readonly trustedRoot: string;
}

/** Signatures a chart must carry before it is installed. */
export interface ChartVerify {
    /** OpenPGP public key(s): ASCII-armored, or a binary keyring in base64. */
    readonly keyring?: string;
    /** ECDSA P-256 public key in PEM: the chart needs a cosign signature made with it, as a Sigstore bundle referrer or in the legacy form. */
    readonly cosignPublicKey?: string;
    /** Keyless: the chart needs a Sigstore bundle whose certificate names this identity. */
    readonly cosignIdentity?: CosignIdentity;
    /** PEM CA certificate(s), a Notary Project trust store: the chart needs a Notation signature (JWS, notary.x509) whose certificate chain holds one of them, checked at level strict. */
    readonly notationCertificates?: string;
}

/** One end of a promotion: a registry and the namespace the chart lives under there. */
export interface PromotionEndpoint {
    /** Registry host, e.g. devregistry.azurecr.io. */
    readonly loginServer: string;
    /** Namespace inside the registry. Default: `"helm"`. */
    readonly namespace?: string;
    /** The namespace under its former name; a value here moves to namespace. @deprecated use namespace */
    readonly repository?: string;
    /** Credentials for this registry; stored only as a secret. */
    readonly credentials?: RegistryCredentials;
    /** Talk plain HTTP: only for a registry on this machine. Default: `false`. */
    readonly plainHttp?: boolean;
    /** PEM bundle of extra certificate authorities. */
    readonly caCert?: string;
}

/** Where a promoted chart is read or written, as PromotedChart stores it. */
export interface PromotedEndpoint {
    readonly loginServer: string;
    readonly repository?: string;
    readonly plainHttp?: boolean;
    readonly caCert?: string;
}

/** A webhook that posts registry events to an HTTP(S) endpoint. */
export interface RegistryWebhook {
    /** Webhook name in the registry: 5-50 letters and digits. */
    readonly name: string;
    /** Endpoint that receives the notifications (http or https). */
    readonly serviceUri: string;
    /** Events that trigger a notification, at least one: push, delete, quarantine, chart_push, chart_delete. */
    readonly actions: string[];
    /** Repositories the webhook applies to, e.g. helm/* or app:latest. Default: every repository. */
    readonly scope?: string;
    /** Whether notifications are sent. Default true. */
    readonly enabled?: boolean;
}

/** Sends registry logs and metrics to a Log Analytics workspace. */
export interface RegistryDiagnostics {
    /** Resource id of the Log Analytics workspace. */
    readonly logAnalyticsWorkspaceId: string;
    /** Name of the diagnostic setting on the registry. Default send-to-log-analytics. */
    readonly name?: string;
}

/** The cluster's system node pool. */
export interface SystemNodePool {
    /** Node pool name: 1-12 lowercase letters and digits, starting with a letter. Default system. */
    readonly name?: string;
    /** VM size of every node (at least 2 vCPUs and 4 GiB). Default Standard_D2s_v5. */
    readonly vmSize?: string;
    /** Number of nodes (1-1000); with autoscaling, the initial count. Default: minCount when autoscaling, else 1. */
    readonly count?: number;
    /** Lowest node count for the cluster autoscaler; set together with maxCount. Default: autoscaling off. */
    readonly minCount?: number;
    /** Highest node count for the cluster autoscaler; set together with minCount. Default: autoscaling off. */
    readonly maxCount?: number;
}

/** A registry the kubelet identity may pull from. */
export interface AttachedRegistry {
    /** Resource id of the registry; the role is assigned on it, from the registry's own subscription. */
    readonly registryId: string;
    /** Role assignment permissions mode of the registry: AbacRepositoryPermissions or LegacyRegistryPermissions. Repository Reader is granted in ABAC mode, AcrPull in the legacy mode. Default AbacRepositoryPermissions. */
    readonly roleAssignmentMode?: string;
    /** Repositories (name) or prefixes (prefix/) the nodes may pull from; ABAC mode only. Default: the whole registry. */
    readonly repositories?: string[];
}

/** Which GitHub Actions jobs may log in: one repository, and exactly one of branch, tag, environment or pullRequest. */
export interface GitHubActionsSubject {
    /** owner/repository. */
    readonly repository: string;
    /** Jobs running on this branch. */
    readonly branch?: string;
    /** Jobs running on this tag. */
    readonly tag?: string;
    /** Jobs that reference this deployment environment. */
    readonly environment?: string;
    /** Jobs triggered by a pull request. */
    readonly pullRequest?: boolean;
}

/** A federated identity credential on the application: a trust in an issuer's tokens; it holds no secret. */
export interface FederatedCredential {
    /** Credential name, unique on the application: 3-120 letters, digits, - or _. */
    readonly name: string;
    /** GitHub Actions jobs that may log in. Set this or issuer and subject. */
    readonly github?: GitHubActionsSubject;
    /** Token issuer URL (https), for identity providers other than GitHub Actions. */
    readonly issuer?: string;
    /** Subject claim the token must carry, with issuer. */
    readonly subject?: string;
    /** Audiences the token must carry. Default ["api://AzureADTokenExchange"]. */
    readonly audiences?: string[];
    /** Description shown in Entra ID. Default: none. */
    readonly description?: string;
}

/** The registry settings a platform chooses. The admin user and anonymous pull are not offered. */
export interface PlatformRegistry {
    /** Globally unique registry name: 5-50 letters and digits; the login server is <name>.azurecr.io. */
    readonly registryName: string;
    /** Role assignment permissions mode of the registry: AbacRepositoryPermissions or LegacyRegistryPermissions. Pass the same mode to the principals and clusters that use the registry. Default AbacRepositoryPermissions. */
    readonly roleAssignmentMode?: string;
    /** Service tier: Basic, Standard or Premium. Default Standard. */
    readonly sku?: string;
    /** Azure locations to geo-replicate to. Premium only. Default: none. */
    readonly geoReplications?: string[];
    /** Spreads the registry (and its replicas) across availability zones. Premium only. Default false. */
    readonly zoneRedundancy?: boolean;
    /** Days (0-365) untagged manifests are kept before they are purged. Premium only. Default: kept forever. */
    readonly untaggedRetentionDays?: number;
    /** Allow or Deny for requests that match no IP rule; Deny is Premium only. Default Allow. */
    readonly networkDefaultAction?: string;
    /** IPv4 addresses or CIDR ranges allowed when networkDefaultAction is Deny. Premium only. Default: none. */
    readonly ipAllowList?: string[];
    /** Whether the registry is reachable from the public internet; disabling it is Premium only. Default true. */
    readonly publicNetworkAccess?: boolean;
    /** Webhooks to create. Default: none. */
    readonly webhooks?: RegistryWebhook[];
    /** Sends all registry logs and metrics to Log Analytics. Default: no diagnostic setting. */
    readonly diagnostics?: RegistryDiagnostics;
}

/** The cluster settings a platform chooses; the registry attachment is always made. */
export interface PlatformCluster {
    /** Name of the managed cluster resource. Default: the component name plus a random suffix. */
    readonly clusterName?: string;
    /** DNS prefix of the API server FQDN: 1-54 letters, digits and hyphens. Default: the component name with other characters removed. */
    readonly dnsPrefix?: string;
    /** Kubernetes version such as 1.33 or 1.33.2. Default: the AKS default version of the region. */
    readonly kubernetesVersion?: string;
    /** The system node pool. Default: one Standard_D2s_v5 node named system, no autoscaling. */
    readonly systemNodePool?: SystemNodePool;
}

/** The push principal's identity, password lifetime and CI logins. It always has a client secret: the platform publishes the chart with it. */
export interface PlatformPrincipal {
    /** Display name of the Entra ID application and service principal. Default: the component name. */
    readonly displayName?: string;
    /** Object ids of users or principals that own the application. Default: none. */
    readonly owners?: string[];
    /** Fixed expiry of the password as an RFC 3339 time, e.g. 2027-01-31T00:00:00Z. Default: two years after creation. */
    readonly passwordEndDate?: string;
    /** Rotation period in days (1-365): two passwords overlap and are replaced in turn. Default: one password, no scheduled rotation. */
    readonly passwordRotationDays?: number;
    /** Extra keys whose change replaces the password(s) (e.g. a rotation counter). Default: none. */
    readonly rotateWhenChanged?: Record<string, string>;
    /** Federated identity credentials: CI jobs (GitHub Actions or any OIDC issuer) log in as the application with their own token, no secret. Default: none. */
    readonly federatedCredentials?: FederatedCredential[];
    /** May list every repository name. Default false. */
    readonly listCatalog?: boolean;
}

/** Which chart is published, and where in the registry. */
export interface PlatformChart {
    /** Chart directory or packaged .tgz. Default: the demo chart charts/hello-acr shipped with this package. */
    readonly chartPath?: string;
    /** Namespace inside the registry: the chart's repository is <namespace>/<chart name>. Default helm. */
    readonly namespace?: string;
    /** Deprecated: the namespace under its former name. @deprecated use namespace */
    readonly repository?: string;
    /** Extra manifest annotations. Default: none. */
    readonly annotations?: Record<string, string>;
    /** Provenance annotations: true reads git (the default), false adds none, an object is used as given. */
    readonly provenance?: boolean | ExplicitProvenance;
    /** Allow different content under an existing version. Default false. */
    readonly allowOverwrite?: boolean;
    /** Delete the published version from the registry when the platform is destroyed. Default false. */
    readonly deleteFromRegistryOnDestroy?: boolean;
    /** Deprecated: versions are kept by default. @deprecated versions are kept by default */
    readonly retainOnDelete?: boolean;
    /** Keys to sign the chart with; the release then verifies with their public halves. Stored only as a secret. Default: unsigned. */
    readonly signing?: ChartSigning;
}

/** How the published chart is installed into the cluster. */
export interface PlatformRelease {
    /** Helm release name (DNS label, at most 53 characters). Default acr-helm-demo-1. */
    readonly releaseName?: string;
    /** Namespace the release is installed into; created with Pod Security enforcement. Default acr-helm-demo. */
    readonly namespace?: string;
    /** Pod Security Standard enforced on the namespace: restricted (default), baseline, privileged. */
    readonly podSecurity?: string;
    /** Chart values. Default: the chart's own defaults. */
    readonly values?: Record<string, unknown>;
    /** Sets the value image.registry to the registry's login server, so the pods pull their image from the platform's registry. Default false. */
    readonly imageFromRegistry?: boolean;
    /** Seconds Helm waits for each operation. Default 300. */
    readonly timeout?: number;
    /** Do not wait for the chart's resources to become ready. Default false. */
    readonly skipAwait?: boolean;
    /** Recover the release when an interrupted operation left it pending for longer than timeout (see ChartRelease). The platform always checks for one with the cluster's kubeconfig. Default false. */
    readonly recoverPendingRelease?: boolean;
}

/** Who signed what was verified: SHA-256 fingerprints of the keys whose signatures checked out. */
export interface VerifiedSignatures {
    /** Fingerprint of the OpenPGP key that signed the Helm provenance file, when `verify.keyring` was given. */
    readonly provenanceKey?: string;
    /** Fingerprint of the cosign key whose signature (Sigstore bundle or legacy) verified, when `verify.cosignPublicKey` was given. */
    readonly cosignKey?: string;
    /** `<subject> from <issuer>` of the keyless signature that verified, when `verify.cosignIdentity` was given. */
    readonly cosignIdentity?: string;
    /** Subject of the certificate whose Notation signature verified, when `verify.notationCertificates` was given. */
    readonly notationSigner?: string;
}

/** Inputs of acr-helm:index:ChartPublication. */
export interface ChartPublicationInputs {
    /** Chart directory or packaged .tgz. Relative paths resolve against the program's directory. */
    readonly chartPath: string;
    /** Registry host, e.g. myregistry.azurecr.io (a host:port for local registries). */
    readonly loginServer: string;
    /** Namespace inside the registry: the chart's repository is <namespace>/<chart name>. Default: `"helm"`. */
    readonly namespace: string;
    /** The namespace under its former name; a value here moves to namespace. @deprecated use namespace */
    readonly repository?: string;
    /** Registry credentials; stored only as a secret. Default: anonymous. */
    readonly credentials?: RegistryCredentials;
    /** Extra manifest annotations. */
    readonly annotations?: Record<string, string>;
    /** Provenance annotations: true reads git, false adds none, an object is used as given. Default: `true`. */
    readonly provenance: boolean | ExplicitProvenance;
    /** Allow different content under an existing version: bump the chart version instead. Default: `false`. */
    readonly allowOverwrite: boolean;
    /** Delete the current version's manifest when this resource is destroyed. Published versions otherwise stay. Default: `false`. */
    readonly deleteFromRegistryOnDestroy: boolean;
    /** Kept so that programs that set it keep working. Default: `false`. @deprecated versions are kept by default */
    readonly retainOnDelete: boolean;
    /** Talk plain HTTP: only for a registry on this machine. Default: `false`. */
    readonly plainHttp: boolean;
    /** PEM bundle of extra certificate authorities for a registry with a private CA. */
    readonly caCert?: string;
    /** Sign the chart (Helm provenance and/or cosign); stored only as a secret. Default: unsigned. */
    readonly signing?: ChartSigning;
}

/** Outputs of acr-helm:index:ChartPublication. */
export interface ChartPublicationOutputs {
    /** oci://<server>/<namespace>/<name>, ready for a Helm release's chart. */
    readonly ref: string;
    /** Chart name. */
    readonly name: string;
    /** Chart version, known once the chart is in the registry. */
    readonly version: string;
    /** The OCI tag: the version with + written as _. */
    readonly tag: string;
    /** Manifest digest in the registry. */
    readonly digest: string;
    /** Digest of the packaged .tgz. */
    readonly chartDigest: string;
    /** Bytes of chart, config and manifest. */
    readonly size: number;
    /** What helm lint would complain about in the chart, which is published anyway. */
    readonly chartWarnings: string[];
    readonly chartPath: string;
    readonly loginServer: string;
    /** The namespace the chart is published under. */
    readonly repository: string;
    readonly credentials?: RegistryCredentials;
    readonly signing?: ChartSigning;
}

/** Inputs of acr-helm:index:ChartDownload. */
export interface ChartDownloadInputs {
    /** oci://<registry>/<namespace>/<chart>. */
    readonly chart: string;
    /** Exact chart version. */
    readonly version: string;
    /** Manifest digest the chart must have. */
    readonly expectedDigest?: string;
    /** Stored only as a secret. */
    readonly credentials: ChartRegistryCredentials;
    readonly caCert?: string;
    readonly plainHttp?: boolean;
    /** Signatures the chart must carry. */
    readonly verify?: ChartVerify;
}

/** Outputs of acr-helm:index:ChartDownload. */
export interface ChartDownloadOutputs {
    /** Path of the verified .tgz relative to the program's directory. */
    readonly path: string;
    /** Manifest digest of what was pulled. */
    readonly digest: string;
}

/** Inputs of acr-helm:index:PromotedChart. */
export interface PromotedChartInputs {
    readonly chart: string;
    readonly version: string;
    readonly digest?: string;
    readonly source: PromotedEndpoint;
    readonly destination: PromotedEndpoint;
    readonly sourceCredentials?: RegistryCredentials;
    readonly destinationCredentials?: RegistryCredentials;
    readonly deleteFromRegistryOnDestroy?: boolean;
}

/** Outputs of acr-helm:index:PromotedChart. */
export interface PromotedChartOutputs {
    readonly ref: string;
    readonly tag: string;
    readonly promotedDigest: string;
    readonly signatures: string[];
}

/** Inputs of acr-helm:index:ReleaseGuard. */
export interface ReleaseGuardInputs {
    /** Kubeconfig of the cluster; stored only as a secret. */
    readonly kubeconfig: string;
    /** Namespace of the Helm release. */
    readonly namespace: string;
    /** Name of the Helm release. */
    readonly releaseName: string;
    /** End a revision pending longer than pendingTimeout before Helm runs (a failed mark after a deployed revision, an uninstall when none was deployed). */
    readonly recoverPendingRelease: boolean;
    /** Seconds a revision must have been pending before it counts as interrupted: the release's timeout. */
    readonly pendingTimeout: number;
}

/** Outputs of acr-helm:index:ReleaseGuard. */
export interface ReleaseGuardOutputs {
    readonly kubeconfig: string;
    readonly namespace: string;
    readonly releaseName: string;
    readonly recoverPendingRelease: boolean;
    readonly pendingTimeout: number;
    /** During a preview that found the release stuck: its pending revision, since when, and how it is recovered. */
    readonly stuckRelease?: string;
    /** When and how the release was last recovered by this package, if ever. */
    readonly lastRecovery?: string;
}

/** Inputs of acr-helm:release:ChartRelease. */
export interface ChartReleaseInputs {
    /** Kubernetes provider of the target cluster. */
    readonly provider: unknown;
    /** oci://<registry>/<namespace>/<chart> of the published chart. */
    readonly chart: string;
    /** Exact chart version; pass the publication's version output. */
    readonly version: string;
    /** Credentials the chart is pulled with; stored only as secrets. */
    readonly registryCredentials: ChartRegistryCredentials;
    /** Manifest digest the chart must have: pass the publication's digest. */
    readonly digest?: string;
    readonly caCert?: string;
    readonly plainHttp?: boolean;
    /** Refuse a chart that is unsigned, signed by another key, or changed after signing. */
    readonly verify?: ChartVerify;
    /** Namespace to install into. Default acr-helm-demo. */
    readonly namespace?: string;
    /** Create (and own) the namespace. Default true. */
    readonly createNamespace?: boolean;
    /** Pod Security Standard on a namespace this component creates: restricted (default), baseline, privileged. */
    readonly podSecurity?: string;
    /** Helm release name. Default: the component name. */
    readonly releaseName?: string;
    /** Chart values. */
    readonly values?: Record<string, unknown>;
    /** Seconds Helm waits for each operation. Default 300. */
    readonly timeout?: number;
    /** Roll back a failed install or upgrade. Default true. */
    readonly atomic?: boolean;
    /** Do not wait for the chart's resources to become ready. Default false. */
    readonly skipAwait?: boolean;
    /** The cluster's kubeconfig (the one its provider uses), read before every install and upgrade: a release left pending by an interrupted operation is named in preview with its revision and age. Stored only as a secret. Default none, and no such check. */
    readonly kubeconfig?: string;
    /** Recover a release left pending for longer than timeout before installing or upgrading it: a release deployed before has the pending revision marked failed, one never deployed is uninstalled (its objects, then its records). Needs kubeconfig. Default false: a stuck release fails the preview with how to recover it. */
    readonly recoverPendingRelease?: boolean;
}

/** Outputs of acr-helm:release:ChartRelease. */
export interface ChartReleaseOutputs {
    /** Helm's release status. */
    readonly status: string;
    /** Release revision. */
    readonly revision: number;
    readonly namespace: string;
    readonly releaseName: string;
}

/** Inputs of acr-helm:chart:ChartPromotion. */
export interface ChartPromotionInputs {
    /** Where the tested version is. */
    readonly source: PromotionEndpoint;
    /** Where it goes. */
    readonly destination: PromotionEndpoint;
    /** Chart name. */
    readonly chart: string;
    /** The chart version to promote. */
    readonly version: string;
    /** The manifest digest to promote. */
    readonly digest?: string;
    /** Delete the promoted version from the destination on destroy. Default false. */
    readonly deleteFromRegistryOnDestroy?: boolean;
}

/** Outputs of acr-helm:chart:ChartPromotion. */
export interface ChartPromotionOutputs {
    readonly ref: string;
    readonly version: string;
    readonly tag: string;
    readonly digest: string;
    readonly signatures: string[];
}

/** Inputs of acr-helm:registry:ContainerRegistry. */
export interface ContainerRegistryInputs {
    /** Resource group the registry is created in. */
    readonly resourceGroupName: string;
    /** Globally unique registry name: 5-50 letters and digits; the login server is <name>.azurecr.io. */
    readonly registryName: string;
    /** Azure location of the registry. Default: the resource group's location. */
    readonly location?: string;
    /** Service tier: Basic, Standard or Premium. Default Standard. */
    readonly sku?: string;
    /** Role assignment permissions mode of the registry: AbacRepositoryPermissions or LegacyRegistryPermissions. Pass the same mode to the principals and clusters that use the registry. Default AbacRepositoryPermissions. */
    readonly roleAssignmentMode?: string;
    /** Enables the shared admin user (username/password login). Default false. */
    readonly adminUserEnabled?: boolean;
    /** Allows unauthenticated pulls of every repository. Standard or Premium only. Default false. */
    readonly anonymousPullEnabled?: boolean;
    /** Azure locations to geo-replicate to. Premium only. Default: none. */
    readonly geoReplications?: string[];
    /** Spreads the registry (and its replicas) across availability zones. Premium only. Default false. */
    readonly zoneRedundancy?: boolean;
    /** Days (0-365) untagged manifests are kept before they are purged. Premium only. Default: kept forever. */
    readonly untaggedRetentionDays?: number;
    /** Allow or Deny for requests that match no IP rule; Deny is Premium only. Default Allow. */
    readonly networkDefaultAction?: string;
    /** IPv4 addresses or CIDR ranges allowed when networkDefaultAction is Deny. Premium only. Default: none. */
    readonly ipAllowList?: string[];
    /** Whether the registry is reachable from the public internet; disabling it is Premium only. Default true. */
    readonly publicNetworkAccess?: boolean;
    /** Webhooks to create. Default: none. */
    readonly webhooks?: RegistryWebhook[];
    /** Sends all registry logs and metrics to Log Analytics. Default: no diagnostic setting. */
    readonly diagnostics?: RegistryDiagnostics;
    /** Tags applied to the registry, its replicas and webhooks. Default: none. */
    readonly tags?: Record<string, string>;
}

/** Outputs of acr-helm:registry:ContainerRegistry. */
export interface ContainerRegistryOutputs {
    /** Registry name. */
    readonly registryName: string;
    /** Resource id of the registry. */
    readonly registryId: string;
    /** Login server, e.g. <name>.azurecr.io. */
    readonly loginServer: string;
    /** Resource group of the registry. */
    readonly resourceGroupName: string;
    /** The registry's role assignment permissions mode. */
    readonly roleAssignmentMode: string;
}

/** Inputs of acr-helm:cluster:AksCluster. */
export interface AksClusterInputs {
    /** Resource group the cluster is created in. */
    readonly resourceGroupName: string;
    /** Azure location of the cluster. Default: the resource group's location. */
    readonly location?: string;
    /** Name of the managed cluster resource. Default: the component name plus a random suffix. */
    readonly clusterName?: string;
    /** DNS prefix of the API server FQDN: 1-54 letters, digits and hyphens. Default: the component name with other characters removed. */
    readonly dnsPrefix?: string;
    /** Kubernetes version such as 1.33 or 1.33.2. Default: the AKS default version of the region. */
    readonly kubernetesVersion?: string;
    /** The system node pool. Default: one Standard_D2s_v5 node named system, no autoscaling. */
    readonly systemNodePool?: SystemNodePool;
    /** Registries whose images the nodes may pull, by a key of the caller's choosing (the role assignment is named <name>-pull-<key>). Default: none. */
    readonly attachedRegistries?: Record<string, AttachedRegistry>;
    /** Registry ids in AbacRepositoryPermissions mode, assignments named by position. @deprecated use attachedRegistries */
    readonly attachRegistryIds?: string[];
    /** Tags applied to the managed cluster. Default: none. */
    readonly tags?: Record<string, string>;
}

/** Outputs of acr-helm:cluster:AksCluster. */
export interface AksClusterOutputs {
    /** Name of the managed cluster resource. */
    readonly clusterName: string;
    /** User kubeconfig of the cluster. */
    readonly kubeconfig: string;
    /** Kubernetes provider that deploys into this cluster. */
    readonly provider: unknown;
    /** Object id of the kubelet managed identity. */
    readonly kubeletObjectId: string;
    /** URL of the cluster's OIDC issuer, which workload identities federate with. */
    readonly oidcIssuerUrl: string;
}

/** Inputs of acr-helm:principal:AcrPushPrincipal. */
export interface AcrPushPrincipalInputs {
    /** Resource id of the registry; roles are assigned on this scope only, from the registry's subscription. */
    readonly registryId: string;
    /** Role assignment permissions mode of the registry: AbacRepositoryPermissions or LegacyRegistryPermissions. Decides which built-in roles are assigned. Default AbacRepositoryPermissions. */
    readonly roleAssignmentMode?: string;
    /** push (push and pull) or pull. Default push. */
    readonly access?: string;
    /** A legacy role, AcrPull or AcrPush, accepted only with roleAssignmentMode LegacyRegistryPermissions. @deprecated use access */
    readonly role?: string;
    /** Repositories the roles are limited to by ABAC condition: charts/app for one repository, charts/ for a prefix. ABAC mode only. Default: the whole registry. */
    readonly repositories?: string[];
    /** May write tag and manifest metadata, which the version lock of published charts needs; push access only. Default true for push access. */
    readonly lockVersions?: boolean;
    /** May delete tags and manifests; push only. Default false. */
    readonly deleteVersions?: boolean;
    /** May list every repository name. Default false. */
    readonly listCatalog?: boolean;
    /** Federated identity credentials: CI jobs (GitHub Actions or any OIDC issuer) log in as the application with their own token, no secret. Default: none. */
    readonly federatedCredentials?: FederatedCredential[];
    /** Creates a client secret (password). Default: true without federated credentials, false with them. */
    readonly createClientSecret?: boolean;
    /** Display name of the Entra ID application and service principal. Default: the component name. */
    readonly displayName?: string;
    /** Object ids of users or principals that own the application. Default: none. */
    readonly owners?: string[];
    /** Fixed expiry of the password as an RFC 3339 time, e.g. 2027-01-31T00:00:00Z. Default: two years after creation. */
    readonly passwordEndDate?: string;
    /** Rotation period in days (1-365): two passwords overlap and are replaced in turn. Default: one password, no scheduled rotation. */
    readonly passwordRotationDays?: number;
    /** Extra keys whose change replaces the password(s) (e.g. a rotation counter). Default: none. */
    readonly rotateWhenChanged?: Record<string, string>;
}

/** Outputs of acr-helm:principal:AcrPushPrincipal. */
export interface AcrPushPrincipalOutputs {
    /** Application (client) id: the username for helm registry login. */
    readonly clientId: string;
    /** The newer password of the application; absent when no client secret is created. */
    readonly clientSecret?: string;
    /** Tenant the application lives in. */
    readonly tenantId: string;
    /** Object id of the service principal. */
    readonly servicePrincipalObjectId: string;
}

/** Inputs of acr-helm:platform:AcrHelmPlatform. */
export interface AcrHelmPlatformInputs {
    /** Name of an existing resource group to deploy into. Default: a new group <name>-rg. */
    readonly resourceGroupName?: string;
    /** Azure location of a new resource group and of every resource. Default: the azure-native provider's location. */
    readonly location?: string;
    /** The container registry; registry.registryName is required. */
    readonly registry: PlatformRegistry;
    /** The AKS cluster. Default: one Standard_D2s_v5 system node. */
    readonly cluster?: PlatformCluster;
    /** The push service principal. Default: display name <name>-push. */
    readonly principal?: PlatformPrincipal;
    /** The published chart. Default: the demo chart under helm/. */
    readonly chart?: PlatformChart;
    /** The release of the chart. Default: acr-helm-demo-1 in namespace acr-helm-demo. */
    readonly release?: PlatformRelease;
    /** Tags applied to the resource group, registry and cluster. Default: none. */
    readonly tags?: Record<string, string>;
}

/** Outputs of acr-helm:platform:AcrHelmPlatform. */
export interface AcrHelmPlatformOutputs {
    /** Resource group everything lives in. */
    readonly resourceGroupName: string;
    /** Login server of the registry. */
    readonly loginServer: string;
    /** Resource id of the registry. */
    readonly registryId: string;
    /** Name of the AKS cluster. */
    readonly clusterName: string;
    /** User kubeconfig of the cluster. */
    readonly kubeconfig: string;
    /** Client id of the push principal. */
    readonly pushClientId: string;
    /** Client secret of the push principal. */
    readonly pushClientSecret: string;
    /** oci:// reference of the published chart. */
    readonly chartRef: string;
    /** Published chart version. */
    readonly chartVersion: string;
    /** Digest of the packaged chart. */
    readonly chartDigest: string;
    /** Helm's release status. */
    readonly releaseStatus: string;
    /** Namespace of the release. */
    readonly releaseNamespace: string;
}

/** Inputs of acr-helm:index:getChart. */
export interface GetChartInputs {
    /** oci://<registry>/<namespace>/<chart>. */
    readonly chart: string;
    /** An exact version, or a SemVer range (`^1.2.0`, `>=1.0.0 <2.0.0`, `*`): the highest published version in it is taken, as Helm sorts versions. */
    readonly version: string;
    /** How to log in to the registry; none for an anonymous pull. */
    readonly credentials?: ChartRegistryCredentials;
    /** PEM CA certificate the registry's TLS certificate chains to, when it is not publicly trusted. */
    readonly caCert?: string;
    /** Talk HTTP instead of HTTPS (local registries only). Default: `false`. */
    readonly plainHttp: boolean;
    /** Signatures the version must carry. */
    readonly verify?: ChartVerify;
}

/** Outputs of acr-helm:index:getChart. */
export interface GetChartOutputs {
    /** The chart reference looked up. */
    readonly chart: string;
    /** The version resolved. */
    readonly version: string;
    /** Manifest digest of that version: pin releases to it. */
    readonly digest: string;
    /** Digest of the chart archive (the chart layer). */
    readonly chartDigest: string;
    /** The chart's appVersion, when it has one. */
    readonly appVersion?: string;
    /** Fingerprints of the keys whose signatures verified. */
    readonly verified: VerifiedSignatures;
}
