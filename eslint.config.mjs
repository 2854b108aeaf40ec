import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import jsxA11y from "eslint-plugin-jsx-a11y";

const config = [
  ...nextVitals,
  ...nextTs,
  // Only where eslint-config-next registers the jsx-a11y plugin (not .cjs files such as the parse worker).
  { files: ["**/*.{js,jsx,mjs,ts,tsx,mts,cts}"], rules: { ...jsxA11y.flatConfigs.recommended.rules } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // CommonJS scripts load with require() by definition.
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Test helpers named use* register vitest hooks; they are not React hooks.
    files: ["tests/**", "**/*.test.ts", "e2e/**", "bench/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "lib/generated/**",
      "prisma/.generated/**",
      "playwright-report/**",
      "test-results/**",
      "next-env.d.ts",
      "bench/results/**",
    ],
  },
];

export default config;
