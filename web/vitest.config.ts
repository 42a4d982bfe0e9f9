import { defineConfig } from "vitest/config";

// Unit tests of the client's own logic (session refresh, the event stream, optimistic moves): plain
// TypeScript with fakes for fetch, EventSource and timers, so they need no DOM.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
