import { startFirstReads } from "./api/first-reads.js";
import { createSessionKeeper } from "./api/session.js";
import "./styles.css";

// The entry is kept small: an office's first reads start here, then React, the router, the query cache and the
// app load as their own chunk while those answers are on the way.
const keeper = createSessionKeeper();
const first = startFirstReads(keeper.authHeaders());
import("./boot.js").then(
  ({ boot }) => boot(keeper, first),
  (error: unknown) => console.error("could not load the app", error),
);
