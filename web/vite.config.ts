import { defineConfig } from "vite";

// The gateway serves the built app (dist/) at `/`; `npm run dev` proxies the API to a running mesh.
const gateway = process.env.JOBMATE_GATEWAY ?? "http://127.0.0.1:4000";

export default defineConfig({
  build: {
    target: "es2022",
    outDir: "dist",
    assetsDir: "assets",
    // No inline <script>: the gateway's Content-Security-Policy forbids it, so the module preload
    // polyfill (an inline script in older set-ups) stays off; every supported browser has it natively.
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    proxy: {
      "/graphql": gateway,
      "/events": { target: gateway, changeOrigin: false },
    },
  },
});
