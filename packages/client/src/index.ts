export { TaizhangClient, createTaizhangClient, type ClientOptions, type Page, type SearchPage, type TaskDetail, type TaskFilter } from "./client.js";
export { ConflictError, TaizhangApiError, TaizhangNetworkError, type Problem } from "./errors.js";
