import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "node_modules/**", "test-artifacts/**", "next-env.d.ts", "src/lib/api/schema.d.ts"],
  },
  {
    rules: {
      // Without `now`, next-intl measures against its own clock and logs ENVIRONMENT_FALLBACK
      // in the console on every render; useRelativeTime passes a ticking `now`.
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='relativeTime'][arguments.length<2]",
          message: "Use useRelativeTime() (components/shared/use-relative-time): relativeTime without `now` logs ENVIRONMENT_FALLBACK.",
        },
      ],
    },
  },
];

export default config;
