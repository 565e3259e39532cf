import * as assert from "assert";
import { RegistryAccess, registryGrants } from "../../components/shared/registryGrants";
import { repositoryCondition, repositoryDataActions } from "../../components/shared/repositoryCondition";

const pull: RegistryAccess = { write: false, lock: false, delete: false, listCatalog: false, repositories: [] };
const push: RegistryAccess = { ...pull, write: true };

describe("registry grants per permissions mode", () => {
    describe("RBAC Registry + ABAC Repository Permissions", () => {
        const abac = (access: RegistryAccess) => registryGrants("AbacRepositoryPermissions", access);

        it("pull: Repository Reader on the whole registry", () => {
            assert.deepStrictEqual(abac(pull), [{ suffix: "role", role: "Container Registry Repository Reader" }]);
        });

        it("push with the lock: Repository Writer alone, whose metadata/write covers the lock", () => {
            assert.deepStrictEqual(abac({ ...push, lock: true }), [{ suffix: "role", role: "Container Registry Repository Writer" }]);
        });

        it("push with deletion: Repository Contributor, limited to the prefix with every data action in the condition", () => {
            assert.deepStrictEqual(abac({ ...push, lock: true, delete: true, repositories: ["charts/"] }), [
                {
                    suffix: "role",
                    role: "Container Registry Repository Contributor",
                    condition: repositoryCondition(repositoryDataActions.delete, ["charts/"]),
                },
            ]);
        });

        it("listing: Catalog Lister without a condition, beside the conditioned repository role", () => {
            assert.deepStrictEqual(abac({ ...pull, listCatalog: true, repositories: ["charts/app"] }), [
                {
                    suffix: "role",
                    role: "Container Registry Repository Reader",
                    condition: repositoryCondition(repositoryDataActions.read, ["charts/app"]),
                },
                { suffix: "role-catalog", role: "Container Registry Repository Catalog Lister" },
            ]);
        });

        it("never assigns AcrPull, AcrPush or AcrDelete", () => {
            const all = [pull, push, { ...push, lock: true, delete: true, listCatalog: true }].flatMap(abac).map((grant) => grant.role);
            assert.deepStrictEqual(
                all.filter((role) => role.startsWith("Acr")),
                [],
            );
        });
    });

    describe("RBAC Registry Permissions (legacy)", () => {
        const legacy = (access: RegistryAccess) => registryGrants("LegacyRegistryPermissions", access);

        it("pull: AcrPull, which also lists the catalog", () => {
            assert.deepStrictEqual(legacy({ ...pull, listCatalog: true }), [{ suffix: "role", role: "AcrPull" }]);
        });

        it("push without the lock: AcrPush alone", () => {
            assert.deepStrictEqual(legacy(push), [{ suffix: "role", role: "AcrPush" }]);
        });

        it("push with the lock and deletion: AcrPush, Repository Writer for metadata/write, AcrDelete", () => {
            assert.deepStrictEqual(legacy({ ...push, lock: true, delete: true }), [
                { suffix: "role", role: "AcrPush" },
                { suffix: "role-metadata", role: "Container Registry Repository Writer" },
                { suffix: "role-delete", role: "AcrDelete" },
            ]);
        });
    });
});
