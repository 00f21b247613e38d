import { describe, expect, it } from "vitest";
import { testPlan } from "../test/test-plan.js";
import { TOKENS } from "../test/render-app.js";
import { createApiClient } from "./client.js";
import { createSessionKeeper } from "./session.js";

function setup(sessionEndpoint: boolean) {
  const api = await testApi({ plans: [testPlan] });
  api.sessionEndpoint = sessionEndpoint;
  const keeper = createSessionKeeper();
  const client = createApiClient({ fetch: api.fetch, authHeaders: keeper.authHeaders });
  return { api, keeper, client };
}

describe("session keeper", () => {
  it("uses the server's cookie session and never stores the token in the page", async () => {
    const { api, keeper, client } = setup(true);
    const info = await keeper.signIn(client, TOKENS.sj.token);
    expect(info).toEqual({ name: TOKENS.sj.name, role: "office", unitId: TOKENS.sj.unitId });
    expect(keeper.mode()).toBe("cookie");
    expect(keeper.authHeaders()).toEqual({});
    expect(window.sessionStorage.length).toBe(0);
    expect(await keeper.restore(client)).toEqual(info);
    await keeper.signOut(client);
    expect(api.sessionToken).toBeNull();
    expect(await keeper.restore(client)).toBeNull();
  });

  it("falls back to sessionStorage and a bearer header when the server has no session endpoint", async () => {
    const { api, keeper, client } = setup(false);
    api.sessionEndpoint = true;
    // The first call (POST) is refused as missing; then GET answers for the bearer token.
    const original = api.fetch;
    let first = true;
    const fetchWithoutPost: typeof fetch = (input, init) => {
      if (first && init?.method === "POST") {
        first = false;
        return Promise.resolve(new Response("{}", { status: 404 }));
      }
      return original(input, init);
    };
    const client2 = createApiClient({ fetch: fetchWithoutPost, authHeaders: keeper.authHeaders });
    const info = await keeper.signIn(client2, TOKENS.cz.token);
    expect(info.unitId).toBe(TOKENS.cz.unitId);
    expect(keeper.mode()).toBe("storage");
    expect(keeper.authHeaders()).toEqual({ authorization: `Bearer ${TOKENS.cz.token}` });
    expect(window.sessionStorage.getItem("taizhang.token")).toBe(TOKENS.cz.token);
    // A new page load (new keeper) restores from storage.
    const again = createSessionKeeper();
    expect(again.mode()).toBe("storage");
    expect(await again.restore(createApiClient({ fetch: original, authHeaders: again.authHeaders }))).toEqual(info);
    await keeper.signOut(client);
    expect(window.sessionStorage.getItem("taizhang.token")).toBeNull();
    expect(keeper.authHeaders()).toEqual({});
  });

  it("rejects an unknown token and keeps nothing", async () => {
    const { keeper, client } = setup(true);
    await expect(keeper.signIn(client, "nope")).rejects.toMatchObject({ status: 401 });
    expect(window.sessionStorage.length).toBe(0);
  });
});
