import { readFileSync } from 'node:fs'

/**
 * The built preload, run as a sandboxed preload runs: its `require` answers only `electron`, with a
 * stand-in whose ipcRenderer forwards to a binding in the test's Node process. Anything else the
 * preload tries to require throws, exactly as it would in the real app.
 */
export const preloadInitScript = (preloadPath: string): string => {
  const code = readFileSync(preloadPath, 'utf8')
  return `(() => {
  const listeners = new Map();
  const ipcRenderer = {
    invoke: (channel, input) => window.__b24desk_invoke(channel, JSON.stringify({ v: input })),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    }
  };
  const contextBridge = {
    exposeInMainWorld(name, api) {
      Object.defineProperty(window, name, { value: Object.freeze({ ...api }), enumerable: true });
    }
  };
  Object.defineProperty(window, '__b24desk_emit', {
    value: (channel, payload) => {
      for (const l of listeners.get(channel) ?? []) l({ sender: null }, payload);
    }
  });
  const require = (name) => {
    if (name === 'electron') return { ipcRenderer, contextBridge };
    throw new Error('module not found: ' + name + ' (a sandboxed preload can only require electron)');
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${code}
  })(require, module, module.exports);
})();`
}
