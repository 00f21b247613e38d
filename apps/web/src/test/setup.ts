import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// The e2e files run in node (no window); everything below is for jsdom tests.
if (typeof window !== "undefined") {
  // jsdom has no layout or scrolling; the app scrolls to the top on navigation.
  window.scrollTo = () => undefined;

  // The tests talk to the real API in process (tooling/test-kit): an import reads its text on a worker thread, which takes
  // longer to answer than the one second Testing Library waits by default.
  configure({ asyncUtilTimeout: 8000 });

  // Testing Library unmounts automatically only when test globals are on; they are not here.
  afterEach(() => {
    cleanup();
    window.sessionStorage.clear();
    window.localStorage.clear();
    window.history.replaceState(null, "", "/");
  });
}
