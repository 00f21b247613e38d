import type { OperationId, ParsedInput, RouteOutput, Routes } from "@taizhang/contract";
import type { Caller } from "./caller.js";

/** The use case behind a route: the caller and the route's validated input in, the route's answer out. */
export type UseCase<K extends OperationId> = (caller: Caller, input: ParsedInput<Routes[K]>) => Promise<RouteOutput<Routes[K]>>;

/** Use cases for some routes, by operationId. */
export type UseCasesFor<K extends OperationId> = { [P in K]: UseCase<P> };
