#!/usr/bin/env node
// Launcher: bundles the TypeScript CLI with esbuild (only when src/ changed) and runs it — no build step after install.
import { pathToFileURL } from 'node:url';
import { ensureBundle } from './bundle.mjs';

await import(pathToFileURL(await ensureBundle()).href);
