import * as assert from "assert";
import { repositoryCondition, repositoryDataActions } from "../../components/shared/repositoryCondition";

/**
 * The condition expressions Microsoft documents in "Microsoft Entra attribute-based access control (ABAC) for
 * repository permissions" (Azure Container Registry docs), as printed there (multi-line).
 */
const documentedSingleRepository = `(
 (
  !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'})
  AND
  !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'})
 )
 OR 
 (
  @Request[Microsoft.ContainerRegistry/registries/repositories:name] StringEqualsIgnoreCase 'nginx'
 )
)`;

const documentedTwoPrefixes = `(
 (
  !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'})
  AND
  !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'})
 )
 OR 
 (
  @Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase 'backend/'
  OR
  @Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase 'frontend/js/'
 )
)`;

/** Whitespace is not significant in the condition language: one space between tokens, none inside parentheses. */
function normalized(condition: string): string {
    return condition.replace(/\s+/g, " ").replace(/\( /g, "(").replace(/ \)/g, ")").trim();
}

describe("repository ABAC conditions", () => {
    it("match Microsoft's documented condition for one repository", () => {
        assert.strictEqual(repositoryCondition(repositoryDataActions.read, ["nginx"]), normalized(documentedSingleRepository));
    });

    it("match Microsoft's documented condition for two repository prefixes", () => {
        assert.strictEqual(
            repositoryCondition(repositoryDataActions.read, ["backend/", "frontend/js/"]),
            normalized(documentedTwoPrefixes),
        );
    });

    it("restrict every data action of the writer role to the prefix", () => {
        assert.strictEqual(
            repositoryCondition(repositoryDataActions.write, ["charts/"]),
            "((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'}) AND " +
                "!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/write'}) AND " +
                "!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'}) AND " +
                "!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/write'})) OR " +
                "(@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase 'charts/'))",
        );
    });
});
