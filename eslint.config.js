// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const lineLength = { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true };

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      ".cache/",
      ".browser/",
      "data/",
      "coverage/",
      "src/generated/",
      "tests/fixtures/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/no-non-null-assertion": "warn",
      "max-len": ["error", lineLength],
    },
  },
  {
    files: ["**/*.ts", "**/*.mts"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    // Plain JavaScript: build scripts (Node).
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      globals: { console: "readonly", process: "readonly", URL: "readonly", globalThis: "readonly" },
    },
  },
  {
    // Fluent messages and model prompts are text, not code: a line break inside one would change what it says.
    files: ["src/bot/features/*/texts.ts", "src/services/gemini/prompts.ts"],
    rules: { "max-len": ["error", { ...lineLength, ignoreTemplateLiterals: true }] },
  },
  {
    // Fakes speak loosely typed JSON, and test fixtures are long literals.
    files: ["tests/**", "bench/**", "scripts/**"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "max-len": ["error", { ...lineLength, ignoreStrings: true, ignoreTemplateLiterals: true }],
    },
  },
);
