#!/usr/bin/env node
// The `pasar` command. TypeScript runs through tsx's loader so there is no build step to forget.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's tsconfig (JSX through Preact) applies wherever the command is started from, not only from the
// project's folder: a service manager or `npx pasar` elsewhere would otherwise compile pages for React.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
