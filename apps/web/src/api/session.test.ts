import { describe, expect, it } from "vitest";
import { TOKENS, testApi } from "../test/render-app.js";
import { createWebClient as createApiClient } from "./client.js";
import { createSessionKeeper } from "./session.js";

async function setup() {
  const api = await testApi();
  const keeper = createSessionKeeper();
  const client = createApiClient({ fetch: api.fetch, authHeaders: keeper.authHeaders });
  return { api, keeper, client };
}

describe("session keeper", () => {
  it("uses the server's cookie session and never stores the token in the page", async () => {
    const { api, keeper, client } = await setup();
    const info = await keeper.signIn(client, api.tokens.sj);
    expect(info).toMatchObject({ name: TOKENS.sj.name, role: "office", unitId: TOKENS.sj.unitId });
    expect(keeper.mode()).toBe("cookie");
    expect(keeper.authHeaders()).toEqual({});
    expect(window.sessionStorage.length).toBe(0);
    expect(await keeper.restore(client)).toEqual(info);
    await keeper.signOut(client);
    expect(api.sessionToken).toBeNull();
    expect(await keeper.restore(client)).toBeNull();
  });

  it("falls back to sessionStorage and a bearer header when the server has no session endpoint", async () => {
    const { api, keeper, client } = await setup();
    // The first call (POST) is refused as missing; then GET answers for the bearer token.
    const original = api.fetch;
    let first = true;
    const fetchWithoutPost = (input: string, init: RequestInit): Promise<Response> => {
      if (first && init.method === "POST") {
        first = false;
        return Promise.resolve(new Response("{}", { status: 404 }));
      }
      return original(input, init);
    };
    const client2 = createApiClient({ fetch: fetchWithoutPost, authHeaders: keeper.authHeaders });
    const info = await keeper.signIn(client2, api.tokens.cz);
    expect(info.unitId).toBe(TOKENS.cz.unitId);
    expect(keeper.mode()).toBe("storage");
    expect(keeper.authHeaders()).toEqual({ authorization: `Bearer ${api.tokens.cz}` });
    expect(window.sessionStorage.getItem("taizhang.token")).toBe(api.tokens.cz);
    // A new page load (new keeper) restores from storage.
    const again = createSessionKeeper();
    expect(again.mode()).toBe("storage");
    expect(await again.restore(createApiClient({ fetch: original, authHeaders: again.authHeaders }))).toEqual(info);
    await keeper.signOut(client);
    expect(window.sessionStorage.getItem("taizhang.token")).toBeNull();
    expect(keeper.authHeaders()).toEqual({});
  });

  it("a signed-out visit asks who is signed in and gets a 200 'not signed in', no 401 (issue 16)", async () => {
    const { api, keeper } = await setup();
    const statuses: number[] = [];
    const client = createApiClient({
      fetch: async (input, init) => {
        const response = await api.fetch(input, init);
        statuses.push(response.status);
        return response;
      },
      authHeaders: keeper.authHeaders,
    });
    expect(await keeper.restore(client)).toBeNull();
    expect(statuses).toEqual([200]);
    // After a sign-out, too: the ended session's cookie is answered the same way.
    await keeper.signIn(client, api.tokens.sj);
    const cookie = api.sessionToken;
    await keeper.signOut(client);
    api.sessionToken = cookie;
    statuses.length = 0;
    expect(await keeper.restore(client)).toBeNull();
    expect(statuses).toEqual([200]);
  });

  it("rejects an unknown token and keeps nothing", async () => {
    const { keeper, client } = await setup();
    await expect(keeper.signIn(client, "nope")).rejects.toMatchObject({ status: 401 });
    expect(window.sessionStorage.length).toBe(0);
  });
});
