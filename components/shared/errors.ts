/**
 * Raised when component arguments are invalid. Thrown before any child
 * resource is created, so a failed validation leaves nothing half-built.
 */
export class ValidationError extends Error {
    /**
     * @param property the argument path that is wrong, e.g. `systemNodePool.minCount`
     * @param message what is wrong and how to fix it; must never contain a secret value
     */
    constructor(
        readonly property: string,
        message: string,
    ) {
        super(message);
        this.name = "ValidationError";
    }
}
