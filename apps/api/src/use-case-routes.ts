import { OpenAPIHono } from "@hono/zod-openapi";
import { ANONYMOUS, createUseCases, type AppDeps, type Caller as AppCaller, type UseCases } from "@taizhang/app";
import { etagOf, routes, type OperationId, type ParsedInput, type RouteDef } from "@taizhang/contract";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env.js";
import { validationHook } from "./on-error.js";

/** The application layer's caller for a request: anonymous, or the token's holder through the API or the web's cookie. */
export function appCaller(c: { var: AppEnv["Variables"] }): AppCaller {
  const caller = c.var.caller;
  if (caller === null) return ANONYMOUS;
  const { token } = caller;
  return { kind: "token", tokenId: token.id, name: token.name, role: token.role, unitId: token.unitId, source: caller.via === "cookie" ? "web" : "api" };
}

/** The route's success status: the first 2xx it declares. */
function successStatus(route: RouteDef): 200 | 201 | 204 {
  const status = Object.keys(route.responses).map(Number).find((s) => s >= 200 && s < 300);
  return (status ?? 200) as 200 | 201 | 204;
}

/** What the route validated, in the shape the use cases take (contract's ParsedInput). */
function inputOf(c: Context<AppEnv>, route: RouteDef): Record<string, unknown> {
  const valid = (target: string): unknown => (c.req.valid as (this: typeof c.req, t: string) => unknown).call(c.req, target);
  const request = route.request ?? {};
  return {
    ...(request.params ? { params: valid("param") } : {}),
    ...(request.query ? { query: valid("query") } : {}),
    ...(request.headers ? { headers: valid("header") } : {}),
    ...(request.body?.content["application/json"] ? { json: valid("json") } : {}),
  };
}

/**
 * The routes the application layer answers, mounted from the contract: each
 * validates its input with the contract's schemas, calls its use case with
 * the caller, and writes the answer (with its ETag, for routes that declare
 * one). A use case's AppError becomes the problem its code names (onError).
 */
export function useCaseRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // Made per request, on the request's clock: the response cache gives each request a clock that notes whether it was read.
  const useCasesOf = (c: Context<AppEnv>): UseCases => createUseCases({ ledger: c.var.ledger, catalog: c.var.catalog, clock: c.var.clock });
  // Making the use cases reads nothing (they are closures over their deps), so their names come from one made on nothing.
  const ids = Object.keys(createUseCases({} as AppDeps)) as Array<keyof UseCases & OperationId>;
  for (const id of ids) {
    const route: RouteDef = routes[id];
    const status = successStatus(route);
    const etag = status !== 204 && route.responses[status]?.headers?.["ETag"] !== undefined;
    // The contract's route objects have the exact shape createRoute takes; their types are checked in the contract.
    const handler = async (c: Context<AppEnv>) => {
      const run = useCasesOf(c)[id] as (caller: AppCaller, input: Record<string, unknown>) => Promise<unknown>;
      const output = await run(appCaller(c), inputOf(c, route));
      if (status === 204) return c.body(null, 204);
      if (etag) c.header("ETag", etagOf((output as { version: number }).version));
      return c.json(output as object, status);
    };
    app.openapi(route as never, handler as never);
  }
  return app;
}

/**
 * Mounts a contract route whose answer the handler writes itself (bytes,
 * cookies, uploads): validated like the use-case routes, the handler gets
 * the parsed input.
 */
export function serveRoute<R extends RouteDef>(
  route: R,
  handler: (c: Context<AppEnv>, input: ParsedInput<R>) => Promise<Response> | Response,
  middleware: MiddlewareHandler<AppEnv>[] = [],
): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const run = (c: Context<AppEnv>) => handler(c, inputOf(c, route) as ParsedInput<R>);
  app.openapi({ ...route, middleware } as never, run as never);
  return app;
}
