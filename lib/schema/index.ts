/** Label schema: the one module that knows the dimensions and values of a project. */
export * from "./schema";
export * from "./templates";
