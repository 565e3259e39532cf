/** A stored login cannot be read or written: names the file or helper and what to do. Never carries a secret. */
export class LoginStoreError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "LoginStoreError";
    }
}
