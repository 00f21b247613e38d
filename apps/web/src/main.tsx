import { createSessionKeeper } from "./api/session.js";
import "./styles.css";

// The entry is kept small: React, the router, the query cache and the app load as their own chunk.
const keeper = createSessionKeeper();
import("./boot.js").then(
  ({ boot }) => boot(keeper),
  (error: unknown) => console.error("could not load the app", error),
);
