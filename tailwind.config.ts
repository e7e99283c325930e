import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      fontFamily: {
        // No web font is shipped: a farmer's phone already has a CJK font (DESIGN.md §5).
        sans: [
          "PingFang SC",
          "Microsoft YaHei",
          "Noto Sans CJK SC",
          "Source Han Sans SC",
          "system-ui",
          "sans-serif",
        ],
      },
      colors: {
        brand: {
          50: "#f0f9f1",
          100: "#dcf1df",
          600: "#2f8a3e",
          700: "#246d31",
          800: "#1d5728",
        },
      },
    },
  },
  plugins: [],
} satisfies Config;
