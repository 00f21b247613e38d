export { TaizhangClient, createTaizhangClient, type CallOptions, type ClientOptions, type Operations, type Page, type RawBody } from "./client.js";
export { ConflictError, TaizhangApiError, TaizhangNetworkError } from "./errors.js";
export type { Problem, ProblemCode, RouteInput, RouteOutput } from "@taizhang/contract";
