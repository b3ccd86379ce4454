export * from "./distributions.ts";
export * from "./fisher-exact.ts";
export * from "./means.ts";
export * from "./multiple-testing.ts";
export * from "./proportions.ts";
export * from "./rank-tests.ts";
