// wasm_exec.js is Go's support script for js/wasm programs (from the Go that
// built credfetch.wasm). Run for its side effect, it defines globalThis.Go;
// credfetch's load() does that by itself, so import it only to run Go yourself.

declare global {
  /** Go's js/wasm runtime: what wasm_exec.js defines. */
  class Go {
    constructor();
    /** The imports to instantiate a Go wasm module with. */
    importObject: WebAssembly.Imports;
    /** The program's command-line arguments. */
    argv: string[];
    /** The program's environment variables. */
    env: Record<string, string>;
    /** The status the program exited with, once it has. */
    exitCode: number;
    /** Runs the instance's Go program; resolves when the program exits. */
    run(instance: WebAssembly.Instance): Promise<void>;
  }
}
export {};
