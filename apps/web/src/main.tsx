import { prefetchingFetch, startPrefetch } from "./api/prefetch.js";
import { createSessionKeeper } from "./api/session.js";
import "./styles.css";

// The entry is kept small: the page's first API requests start here, then
// React and the app load as their own chunk while those answers are on the way.
const keeper = createSessionKeeper();
startPrefetch(keeper.authHeaders());
import("./boot.js").then(
  ({ boot }) => boot(keeper, prefetchingFetch()),
  (error: unknown) => console.error("could not load the app", error),
);
