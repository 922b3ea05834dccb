#!/usr/bin/env node
// Runs the compiled CLI (npm run build). During development: node --import tsx src/cli/run.ts
import '../dist/cli/run.js';
