import { PassThrough, type Transform } from "node:stream";
import { Suspense } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { htmlWithoutReactNulBytes } from "./html-stream.server";

const WORDS = "资助项目待付款";

/** A page: some ASCII to move where the 2,048-byte buffers end, then many short Chinese texts (a long one is encoded apart). */
function Page({ padding }: { padding: number }) {
  return (
    <Suspense fallback={null}>
      <main>
        <p>{"x".repeat(padding)}</p>
        <ul>
          {Array.from({ length: 200 }, (_, index) => (
            <li key={index}>{WORDS}</li>
          ))}
        </ul>
      </main>
    </Suspense>
  );
}

function render(padding: number, through: Transform): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    through.on("data", (chunk: Buffer) => chunks.push(chunk));
    through.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(<Page padding={padding} />, {
      onAllReady: () => pipe(through),
      onShellError: reject,
    });
  });
}

const PADDINGS = Array.from({ length: 12 }, (_, index) => 1990 + index);

describe("htmlWithoutReactNulBytes", () => {
  it("React 18 alone leaves NUL bytes where a Chinese character meets a buffer's end", async () => {
    const outputs = await Promise.all(PADDINGS.map((padding) => render(padding, new PassThrough())));
    // If React is ever upgraded past the bug, this says the workaround can go.
    expect(outputs.filter((output) => output.includes(0)).length).toBeGreaterThan(0);
  });

  it("the page that comes out has no NUL byte and every character whole", async () => {
    for (const padding of PADDINGS) {
      const output = await render(padding, htmlWithoutReactNulBytes());
      expect(output.includes(0), `padding ${padding}`).toBe(false);
      const text = new TextDecoder("utf-8", { fatal: true }).decode(output);
      expect(text.split(`<li>${WORDS}</li>`).length - 1).toBe(200);
      expect(text).toContain(`<p>${"x".repeat(padding)}</p>`);
    }
  });
});
