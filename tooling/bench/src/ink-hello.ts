// The floor for the TUI's first frame (`pnpm bench`): node printing one line with Ink.
import { render, Text } from "ink";
import { createElement } from "react";

const app = render(createElement(Text, null, "hi"));
// Stays on screen until the bench ends the session, as the TUI does.
setTimeout(() => app.unmount(), 30_000);
