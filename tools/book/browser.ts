/**
 * Headless Chromium over the DevTools protocol (a WebSocket, no npm package): the book test loads
 * pages and collects console errors with it, and the output refresh draws plots as PNG with it.
 * @module
 */
import { join } from "node:path";
import { isFile } from "../../lib/fs.ts";

/** The Chromium on PATH (`chromium`, `chromium-browser`, `google-chrome`), or undefined. */
export function findChromium(): string | undefined {
  const dirs = (Deno.env.get("PATH") ?? "").split(":");
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    for (const dir of dirs) {
      if (isFile(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}

/** Headless, no sandbox or GPU, and no network of its own (updates, sync, QUIC). */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--hide-scrollbars",
];

type Message = {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
};

/** A running headless Chromium; {@link Browser.close} ends it and removes its profile. */
export class Browser {
  #next = 1;
  #pending = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void }>();
  #listeners = new Set<(m: Message) => void>();

  private constructor(
    readonly process: Deno.ChildProcess,
    readonly socket: WebSocket,
    readonly profile: string,
  ) {
    socket.onmessage = (event) => {
      const msg: Message = JSON.parse(event.data);
      if (msg.id !== undefined) {
        const waiter = this.#pending.get(msg.id);
        this.#pending.delete(msg.id);
        if (msg.error) waiter?.reject(new Error(`chromium: ${msg.error.message}`));
        else waiter?.resolve(msg);
      } else for (const listen of this.#listeners) listen(msg);
    };
  }

  /** Starts Chromium (the one on PATH unless `executable` is given) with a fresh empty profile. */
  static async launch(executable = findChromium()): Promise<Browser> {
    if (!executable) {
      throw new Error("no chromium on PATH: apt-get install chromium (or put chromium on PATH)");
    }
    const profile = await Deno.makeTempDir({ prefix: "kit-chromium-" });
    const process = new Deno.Command(executable, {
      args: [
        ...CHROMIUM_FLAGS,
        "--allow-file-access-from-files",
        "--remote-debugging-port=0",
        `--user-data-dir=${profile}`,
        "about:blank",
      ],
      stdout: "null",
      stderr: "null",
    }).spawn();
    // Chromium writes its port and browser path to DevToolsActivePort once it listens.
    const portFile = join(profile, "DevToolsActivePort");
    let lines: string[] = [];
    for (let waited = 0; lines.length < 2; waited += 50) {
      if (waited > 30_000) {
        process.kill();
        throw new Error(`${executable} did not open its DevTools port within 30 s`);
      }
      await new Promise((r) => setTimeout(r, 50));
      try {
        lines = Deno.readTextFileSync(portFile).trim().split("\n");
      } catch {
        // not written yet
      }
    }
    const socket = new WebSocket(`ws://127.0.0.1:${lines[0]}${lines[1]}`);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = () => reject(new Error("cannot connect to chromium's DevTools socket"));
    });
    return new Browser(process, socket, profile);
  }

  /** Sends one DevTools command and waits for its result. */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string) {
    const id = this.#next++;
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      this.#pending.set(id, { resolve: (m) => resolve(m.result ?? {}), reject });
      this.socket.send(JSON.stringify({ id, method, params, sessionId }));
    });
  }

  /** Calls `listen` with every event until the returned function is called. */
  listen(listen: (m: Message) => void): () => void {
    this.#listeners.add(listen);
    return () => this.#listeners.delete(listen);
  }

  /** A new tab. */
  async newPage(width = 1100, height = 900): Promise<Page> {
    const { targetId } = await this.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await this.send("Target.attachToTarget", { targetId, flatten: true });
    const page = new Page(this, sessionId as string);
    for (const domain of ["Page", "Runtime", "Log"]) await page.send(`${domain}.enable`);
    await page.send("Emulation.setDeviceMetricsOverride", {
      width,
      height,
      deviceScaleFactor: 1,
      mobile: false,
    });
    return page;
  }

  /** Ends Chromium and removes its profile. */
  async close(): Promise<void> {
    try {
      await this.send("Browser.close");
    } catch {
      // already gone
    }
    this.socket.close();
    await this.process.status;
    await Deno.remove(this.profile, { recursive: true }).catch(() => {});
  }
}

/** One tab: navigation, evaluation, screenshots, and the console errors it logged. */
export class Page {
  /** Console errors, uncaught exceptions and failed loads, in order. */
  readonly errors: string[] = [];

  constructor(readonly browser: Browser, readonly sessionId: string) {
    browser.listen((m) => {
      if (m.sessionId !== sessionId || !m.params) return;
      // deno-lint-ignore no-explicit-any
      const p = m.params as Record<string, any>;
      if (m.method === "Runtime.consoleAPICalled" && ["error", "assert"].includes(p.type)) {
        const args = p.args as { value?: unknown; description?: string }[];
        this.errors.push(
          `console.${p.type}: ${args.map((a) => a.value ?? a.description).join(" ")}`,
        );
      } else if (m.method === "Runtime.exceptionThrown") {
        const d = p.exceptionDetails;
        this.errors.push(
          `uncaught: ${d.exception?.description ?? d.text} (${d.url}:${d.lineNumber})`,
        );
      } else if (m.method === "Log.entryAdded" && p.entry.level === "error") {
        this.errors.push(`${p.entry.source}: ${p.entry.text} ${p.entry.url ?? ""}`.trim());
      }
    });
  }

  /** Sends a DevTools command to this tab. */
  send(method: string, params: Record<string, unknown> = {}) {
    return this.browser.send(method, params, this.sessionId);
  }

  /** Opens `url` and waits for its load event. */
  async goto(url: string): Promise<void> {
    let stop = () => {};
    const loaded = new Promise<void>((resolve) => {
      stop = this.browser.listen((m) => {
        if (m.sessionId === this.sessionId && m.method === "Page.loadEventFired") resolve();
      });
    });
    const { errorText } = await this.send("Page.navigate", { url });
    if (errorText) {
      stop();
      throw new Error(`cannot open ${url}: ${errorText}`);
    }
    await loaded;
    stop();
  }

  /** Evaluates a JavaScript expression in the page (awaiting a promise) and returns its value. */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.send("Runtime.evaluate", {
      expression,
      awaitPromise: true,
      returnByValue: true,
    }) as { result: { value: T }; exceptionDetails?: { exception?: { description: string } } };
    if (exceptionDetails) {
      throw new Error(`in the page: ${exceptionDetails.exception?.description ?? "error"}`);
    }
    return result.value;
  }

  /** A PNG of the viewport. */
  async screenshot(): Promise<Uint8Array> {
    const { data } = await this.send("Page.captureScreenshot", { format: "png" });
    return Uint8Array.from(atob(data as string), (c) => c.charCodeAt(0));
  }
}
