import { cleanup, configure } from "@testing-library/react";
import { Blob, File } from "node:buffer";
import { afterEach } from "vitest";

// The e2e files run in node (no window); everything below is for jsdom tests.
if (typeof window !== "undefined") {
  // jsdom has no layout or scrolling; the app scrolls to the top on navigation.
  window.scrollTo = () => undefined;

  // The tests talk to the real API in process (tooling/test-kit): an import reads its text on a worker thread, which takes
  // longer to answer than the one second Testing Library waits by default.
  configure({ asyncUtilTimeout: 8000 });

  // Files and forms as Node's: the page's uploads go to the in-process API, which parses them with Node's fetch
  // classes and checks `instanceof File` against the same globals as the page (jsdom's would never match).
  // React builds `new FormData(form, submitter)` when a submit starts a transition (a router navigation does): Node's
  // class takes no form, so the form's fields are read with jsdom's and copied over.
  const NodeFormData = (await new Response(new URLSearchParams()).formData()).constructor as typeof FormData;
  const PageFormData = globalThis.FormData;
  class FormDataOfPage extends NodeFormData {
    constructor(form?: HTMLFormElement, submitter?: HTMLElement | null) {
      super();
      if (form) for (const [name, value] of new PageFormData(form, submitter)) this.append(name, value);
    }
  }
  for (const [name, value] of Object.entries({ Blob, File, FormData: FormDataOfPage })) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
  }

  // Testing Library unmounts automatically only when test globals are on; they are not here.
  afterEach(() => {
    cleanup();
    window.sessionStorage.clear();
    window.localStorage.clear();
    window.history.replaceState(null, "", "/");
  });
}
