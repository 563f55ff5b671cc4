// Loads the BUILT weapp pages (dist/weapp) in miniprogram-simulate with the official wcc compiler.
// Taro pages call Page(), which miniprogram-simulate lacks: a shim turns them into components,
// with the App/getApp/getCurrentPages globals the Taro runtime expects.
import fs from 'node:fs';
import path from 'node:path';

export const WEAPP = path.resolve(__dirname, '../../../dist/weapp');

export type ApiAnswer = (name: string, data: Record<string, unknown>) => unknown;

export interface Harness {
  simulate: typeof import('miniprogram-simulate');
  calls: Array<{ name: string; data: Record<string, unknown> }>;
  renderPage: (route: string) => { comp: SimComponent; dom: HTMLElement };
}

export interface SimComponent {
  dom: HTMLElement;
  attach: (parent: HTMLElement) => void;
  detach: () => void;
  querySelector: (sel: string) => SimComponent | undefined;
  querySelectorAll: (sel: string) => SimComponent[];
  dispatchEvent: (name: string, opts?: Record<string, unknown>) => void;
  data: Record<string, unknown>;
}

export function requireBuild(): void {
  if (!fs.existsSync(path.join(WEAPP, 'app.js'))) {
    throw new Error('dist/weapp is missing: run `npm run build:weapp` (or `npx taro build --type weapp`) before the weapp tests');
  }
}

/**
 * Sets up wx (with a stubbed wx.cloud answering ApiResult shapes), the App/Page globals and the
 * Taro app; `cloudEnv` plays the ext.json env id (the build has no CLOUD_ENV baked in), `wx` adds
 * the other wx APIs a page needs (e.g. createSelectorQuery with a canvas node).
 */
export function setup(answer: ApiAnswer, opts: { cloudEnv?: string; wx?: Record<string, unknown> } = {}): Harness {
  requireBuild();
  const calls: Harness['calls'] = [];
  const g = globalThis as Record<string, unknown>;
  g.wx = {
    cloud: {
      init: () => undefined,
      callFunction: async ({ name, data }: { name: string; data: Record<string, unknown> }) => {
        calls.push({ name, data });
        return { result: await answer(name, data), errMsg: 'cloud.callFunction:ok', requestID: 'sim' };
      },
    },
    getExtConfigSync: () => (opts.cloudEnv ? { cloudEnv: opts.cloudEnv } : {}),
    // Further wx APIs a test plays (Taro takes its API list from wx when the app loads).
    ...opts.wx,
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as Harness['simulate'];

  let app: Record<string, unknown> | null = null;
  const pages: unknown[] = [];
  g.App = (options: Record<string, unknown>) => {
    app = options;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pages;

  let currentRoute = '';
  g.Page = (options: Record<string, unknown>) => {
    const route = currentRoute;
    const methods: Record<string, unknown> = {};
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(options)) (typeof v === 'function' ? methods : fields)[k] = v;
    (g.Component as (o: unknown) => void)({
      data: (options.data as object) ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, unknown> & { onLoad?: (q: object) => void; onShow?: () => void }) {
          Object.assign(this, fields, { route, __route__: route });
          pages.push(this);
          this.onLoad?.({});
          this.onShow?.();
        },
        ready(this: { onReady?: () => void }) {
          this.onReady?.();
        },
        detached(this: { onUnload?: () => void }) {
          this.onUnload?.();
        },
      },
    });
  };

  // The Taro app (runtime, React, the app component) registers itself through App().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(WEAPP, 'app.js'));
  const launch = app as unknown as { onLaunch?: (o: object) => void; onShow?: (o: object) => void } | null;
  if (!launch) throw new Error('dist/weapp/app.js did not call App()');
  launch.onLaunch?.({ path: 'pages/code/index', query: {} });
  launch.onShow?.({ path: 'pages/code/index', query: {} });

  return {
    simulate,
    calls,
    renderPage(route: string) {
      currentRoute = route;
      const id = simulate.load(path.join(WEAPP, route), { compiler: 'official', rootPath: WEAPP });
      const comp = simulate.render(id) as unknown as SimComponent;
      const parent = document.createElement('div');
      document.body.appendChild(parent);
      comp.attach(parent);
      return { comp, dom: comp.dom };
    },
  };
}

/** Polls until `pred` holds: React renders asynchronously through setData. */
export async function until(pred: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (pred()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
