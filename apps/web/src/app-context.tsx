import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { ApiClient } from "./api/client.js";
import type { SessionInfo, SessionKeeper } from "./api/session.js";

export type SessionState = { status: "loading" } | { status: "signed-out" } | { status: "signed-in"; info: SessionInfo };

interface AppValue {
  api: ApiClient;
  session: SessionState;
  signIn: (token: string) => Promise<SessionInfo>;
  signOut: () => Promise<void>;
  /** The page's clock; injected so tests can pin "today". */
  now: () => Date;
}

const AppContext = createContext<AppValue | null>(null);

/** Holds the API client, the session and the clock for every page (inside a QueryClientProvider). */
export function AppProvider({
  api,
  keeper,
  now,
  onSession,
  children,
}: {
  api: ApiClient;
  keeper: SessionKeeper;
  now?: () => Date;
  /** Told who is signed in (null: nobody) whenever that is learnt. */
  onSession?: (info: SessionInfo | null) => void;
  children: ReactNode;
}) {
  const [session, setSession] = useState<SessionState>({ status: "loading" });

  useEffect(() => {
    let live = true;
    keeper.restore(api).then(
      (info) => {
        onSession?.(info);
        if (live) setSession(info ? { status: "signed-in", info } : { status: "signed-out" });
      },
      (error: unknown) => {
        // An unreachable server must not lock anyone out of the read-only pages.
        console.error("could not restore the session", error);
        if (live) setSession({ status: "signed-out" });
      },
    );
    return () => {
      live = false;
    };
  }, [api, keeper, onSession]);

  const queryClient = useQueryClient();
  const signIn = useCallback(
    async (token: string) => {
      const info = await keeper.signIn(api, token);
      onSession?.(info);
      void queryClient.resetQueries();
      setSession({ status: "signed-in", info });
      return info;
    },
    [api, keeper, queryClient, onSession],
  );

  const signOut = useCallback(async () => {
    await keeper.signOut(api);
    onSession?.(null);
    setSession({ status: "signed-out" });
    // What the signed-in caller was shown is not for whoever uses the tab next.
    void queryClient.resetQueries();
  }, [api, keeper, queryClient, onSession]);

  const value = useMemo<AppValue>(() => ({ api, session, signIn, signOut, now: now ?? (() => new Date()) }), [api, session, signIn, signOut, now]);
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

/** The API client, session and clock. */
export function useApp(): AppValue {
  const value = useContext(AppContext);
  if (!value) throw new Error("useApp must be used inside <AppProvider>");
  return value;
}
