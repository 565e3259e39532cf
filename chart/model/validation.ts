/** One invalid input: the property path and what is wrong with it, with the fix. Never holds a secret value. */
export interface ValidationFailure {
    /** The argument path that is wrong, e.g. `systemNodePool.minCount`. */
    readonly property: string;
    /** What is wrong and how to fix it, without the property name, e.g. `must be true or false (got "yes")`. */
    readonly reason: string;
    /** The whole sentence as shown to the user; names the property. */
    readonly message: string;
}

/**
 * Raised when component arguments or resource inputs are invalid, carrying every failure found. Thrown before any
 * child resource is created or any request is sent, so a failed validation leaves nothing half-built.
 */
export class ValidationError extends Error {
    readonly failures: readonly ValidationFailure[];

    /**
     * @param property the argument path that is wrong, e.g. `systemNodePool.minCount`
     * @param message what is wrong and how to fix it, either starting with the property name
     *   (`minCount must be ...`) or as a reason alone (`must be ...`, shown as `minCount: must be ...`)
     */
    constructor(property: string, message: string);
    constructor(failures: readonly ValidationFailure[]);
    constructor(propertyOrFailures: string | readonly ValidationFailure[], message?: string) {
        const failures = typeof propertyOrFailures === "string" ? [failureOf(propertyOrFailures, message ?? "")] : propertyOrFailures;
        if (failures.length === 0) throw new Error("a ValidationError needs at least one failure");
        super(failures.map((failure) => failure.message).join("\n"));
        this.name = "ValidationError";
        this.failures = failures;
    }

    /** The first failing property. */
    get property(): string {
        return this.failures[0].property;
    }

    /** The first failure's reason. */
    get reason(): string {
        return this.failures[0].reason;
    }

    /** The same failures with their properties under an argument group: `sku must be` becomes `registry.sku must be`. */
    within(group: string): ValidationError {
        return new ValidationError(
            this.failures.map((failure) => {
                const property = `${group}.${failure.property}`;
                const message = failure.message.startsWith(failure.property)
                    ? `${group}.${failure.message}`
                    : `${property}: ${failure.message}`;
                return { property, reason: failure.reason, message };
            }),
        );
    }
}

function failureOf(property: string, message: string): ValidationFailure {
    const reason = message.startsWith(`${property}: `)
        ? message.slice(property.length + 2)
        : message.startsWith(`${property} `)
          ? message.slice(property.length + 1)
          : message;
    return { property, reason, message };
}

/**
 * Runs every check and throws one ValidationError with all their failures, so a user fixes everything in one go.
 * Errors other than ValidationError pass through unchanged.
 */
export function checkAll(checks: ReadonlyArray<() => void>): void {
    const failures: ValidationFailure[] = [];
    for (const check of checks) {
        try {
            check();
        } catch (error) {
            if (!(error instanceof ValidationError)) throw error;
            failures.push(...error.failures);
        }
    }
    if (failures.length > 0) throw new ValidationError(failures);
}
