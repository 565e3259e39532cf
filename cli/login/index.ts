export { readStoredLogin, removeLogin, serverAddress, storeLogin, LoginStoreOptions, StoredLogin } from "./loginStore";
export { helmRegistryConfigPath, dockerConfigPath } from "./configPath";
export { LoginStoreError } from "./loginErrors";
