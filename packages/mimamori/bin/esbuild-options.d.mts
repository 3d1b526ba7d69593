// Types of esbuild-options.mjs (plain JavaScript: the launcher loads it before anything is compiled).
import type { BuildOptions, Plugin } from 'esbuild';

export declare const TARGETS: { readonly local: string; readonly lambda: string };
export declare const LAYER_PACKAGES: string[];
export declare const API_FILE: string;
export declare function functionOptions(options: { entryPoints: Record<string, string>; outdir: string }): BuildOptions & { write: false };
export declare function mimamoriSpecifier(packageRoot: string): Plugin;
export declare function launcherOptions(options: { entryPoints: Record<string, string>; outdir: string }): BuildOptions & { write: false };
export declare function checkFileOptions(options: { file: string; packageRoot: string; outdir: string }): BuildOptions & { write: false; metafile: true };
export declare function lambdaOptions(options: { entry: string; outfile: string; packageRoot: string; plugins?: Plugin[] }): BuildOptions;
