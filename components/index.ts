export * from "./shared";
export * from "./registry";
export * from "./cluster";
export * from "./principal";
export * from "./chart";
export * from "./release";
export * from "./platform";
