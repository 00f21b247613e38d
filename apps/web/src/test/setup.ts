import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// The e2e files run in node (no window); everything below is for jsdom tests.
if (typeof window !== "undefined") {
  // jsdom has no layout or scrolling; the app scrolls to the top on navigation.
  window.scrollTo = () => undefined;

  // Testing Library unmounts automatically only when test globals are on; they are not here.
  afterEach(() => {
    cleanup();
    window.sessionStorage.clear();
    window.localStorage.clear();
    window.history.replaceState(null, "", "/");
  });
}
