import type { CodegenConfig } from "@graphql-codegen/cli";

// Types for every operation in src/, from the SDL the gateway exports (gateway/schema.graphql; a
// gateway unit test fails when that file drifts from the code). Operations are plain strings at run
// time (documentMode "string"): no GraphQL parser in the bundle. The app imports each document
// (LoginDocument, ...) from src/gql/graphql.ts directly, so unused ones are tree-shaken away.
const config: CodegenConfig = {
  schema: "../gateway/schema.graphql",
  documents: ["src/**/*.graphql"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: "string", Upload: "File" },
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
};

export default config;
