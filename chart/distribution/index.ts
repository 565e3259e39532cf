export { RegistryClient, RegistryClientOptions, ClientStats } from "./client";
export {
    clientFor,
    closeSharedClients,
    openRepository,
    RegistryClients,
    RegistryConnectionOptions,
    sharedRegistryClients,
} from "./connection";
export { Repository } from "./repository";
export { AzureCredentials, RegistryCredentials, ACR_NULL_GUID_USERNAME } from "./auth/credentials";
export { azureCredentialSource } from "./acr/azureCredential";
export { OciConflictError, OciError, OciOperation } from "./errors";
export { TimeoutOptions } from "./http/deadline";
export { LockMode } from "./acr/acrLock";
export { Descriptor, sha256Digest } from "./digest";
export * from "./mediaTypes";
export { parseOciRef, validateRepositoryName, OciReference } from "./names";
export { RetryOptions } from "./http/retry";
export { listTags, ListTagsOptions, tagsOf } from "./tags";
export { deleteManifest, deleteManifestIn, DeleteManifestOptions } from "./deleteManifest";
